// `npm run build` step: bundles the inspector's page into dist/inspector/ (hashed file names and a manifest that
// the server reads). The same bundling runs in memory when the emulator runs from source.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { INSPECTOR_FOLDER, type Manifest, MANIFEST } from '../src/control/ui/assets.js'
import { bundleInspector } from '../src/control/ui/bundle.js'

const out = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', INSPECTOR_FOLDER)
const { script, style } = await bundleInspector()
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
for (const file of [script, style]) writeFileSync(join(out, file.name), file.contents)
const manifest: Manifest = { script: script.name, style: style.name }
writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest)}\n`)
