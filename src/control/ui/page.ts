// The inspector's HTML: a shell that loads the hashed script and stylesheet; the script renders everything.
import { zlib } from '../../core/zlib.js'

const escape = (text: string): string => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)

export function inspectorPage ({ script, style }: { script: string, style: string }): { body: Buffer, gzip: Buffer } {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Inspector · cometly-emulator</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escape(style)}">
<script type="module" src="${escape(script)}"></script>
</head>
<body>
<div id="app"><p class="boot">Loading the inspector…</p></div>
<noscript><p>The inspector is a script: switch JavaScript on for this page.</p></noscript>
</body>
</html>
`
  const body = Buffer.from(html, 'utf8')
  return { body, gzip: zlib().gzipSync(body) }
}
