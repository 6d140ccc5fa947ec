// The inspector's files: read from the build (dist/inspector/, written by `npm run build`), or, when the
// emulator runs from its TypeScript source, bundled in memory on first use. Loaded once, on the first
// request for the page, so a start that never opens it pays nothing.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { zlib } from '../../core/zlib.js'
import type { InspectorBundle } from './bundle.js'

export const INSPECTOR_FOLDER = 'inspector'
export const MANIFEST = 'manifest.json'

export interface Asset {
  type: string
  body: Buffer
  /** The same body gzipped, for clients that accept it. */
  gzip: Buffer
}

export interface InspectorAssets {
  scriptName: string
  styleName: string
  files: Map<string, Asset>
}

export interface Manifest { script: string, style: string }

function asset (type: string, body: Uint8Array): Asset {
  const buffer = Buffer.from(body)
  return { type, body: buffer, gzip: zlib().gzipSync(buffer, { level: 9 }) }
}

const JS = 'text/javascript; charset=utf-8'
const CSS = 'text/css; charset=utf-8'

function fromBundle ({ script, style }: InspectorBundle): InspectorAssets {
  return {
    scriptName: script.name,
    styleName: style.name,
    files: new Map([[script.name, asset(JS, script.contents)], [style.name, asset(CSS, style.contents)]])
  }
}

/** The built folder: dist/inspector, found from dist/bin (the bundle) or dist/src/control/ui (the library). */
function builtFolder (): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let up = 0; up < 5; up++) {
    const candidate = join(dir, INSPECTOR_FOLDER)
    if (existsSync(join(candidate, MANIFEST))) return candidate
    dir = dirname(dir)
  }
  return undefined
}

export async function loadInspectorAssets (): Promise<InspectorAssets> {
  if (import.meta.url.endsWith('.ts')) {
    const { bundleInspector } = await import('./bundle.js')
    return fromBundle(await bundleInspector())
  }
  const folder = builtFolder()
  if (folder === undefined) throw new Error('the inspector was not built (npm run build writes dist/inspector)')
  const manifest = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Manifest
  return fromBundle({
    script: { name: manifest.script, contents: readFileSync(join(folder, manifest.script)) },
    style: { name: manifest.style, contents: readFileSync(join(folder, manifest.style)) }
  })
}
