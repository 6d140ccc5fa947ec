// Bundles the inspector's page (app/) with esbuild: one script and one stylesheet, minified, named by a hash of
// their content so that browsers may cache them for good. `npm run build` writes them to dist/inspector/
// (scripts/build-inspector.ts); a run from source (vitest, `npm run dev`) calls this on the first request
// instead, so the page served always matches the source. esbuild is a devDependency: this module is loaded
// only in those two cases, where devDependencies are installed.
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'

export interface InspectorFile {
  /** e.g. app-3f9a1c0b2d.js */
  name: string
  contents: Uint8Array
}

export interface InspectorBundle {
  script: InspectorFile
  style: InspectorFile
}

export const INSPECTOR_ENTRY = fileURLToPath(new URL('./app/main.ts', import.meta.url))

const hashed = (contents: Uint8Array, extension: string): InspectorFile => ({
  name: `app-${createHash('sha256').update(contents).digest('hex').slice(0, 12)}.${extension}`,
  contents
})

export async function bundleInspector (): Promise<InspectorBundle> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [INSPECTOR_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox111', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    outdir: 'inspector',
    logLevel: 'silent'
  })
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'))
  const style = result.outputFiles.find((file) => file.path.endsWith('.css'))
  if (script === undefined || style === undefined) throw new Error('the inspector bundle lacks its script or style')
  return { script: hashed(script.contents, 'js'), style: hashed(style.contents, 'css') }
}
