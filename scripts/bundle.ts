// `npm run bundle`: the built package's runtime, in dist/bin/ (see docs/architecture.md#build):
//   emulator.cjs    the emulator and every pure-JS dependency in one CommonJS file (src/bundle.ts), with the
//                   Cometly routes' validators generated as code (scripts/precompile-validators.ts)
//   load-bundle.js  runs emulator.cjs with its V8 code cache (src/load-bundle.ts)
//   index.mjs       the package's library entry (`import { startEmulator } from 'cometly-emulator'`)
//   cli.js          the command (`cometly-emulator`, `npm start`, the Docker image)
//   package.json    {"type": "commonjs"}: the folder's .js files are CommonJS (see below)
//   swagger-ui.cjs  @fastify/swagger-ui, loaded on the first request to /_emulator/docs, with its static files
//                   in dist/swagger-ui/static
//   pino-pretty.cjs pino-pretty, loaded only for readable logs (LOG_FORMAT; src/server.ts)
// Only better-sqlite3's native addon stays outside, in node_modules (its JavaScript is bundled); so does esbuild,
// which only the emulator run from its TypeScript source loads (to bundle the inspector's page in memory;
// src/control/ui/assets.ts).
// `tsx scripts/bundle.ts <folder>` writes <folder>/bin and <folder>/swagger-ui instead of dist/ (the package test
// builds a package of its own).
import { isAscii } from 'node:buffer'
import { createHash } from 'node:crypto'
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { openDatabase } from '../src/db/connection.js'
import { freshDatabaseScript } from '../src/db/fresh-database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { precompiledValidatorsSource } from './precompile-validators.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'))
const OUT = join(DIST, 'bin')
const UI_PACKAGE = dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json'))
const UI_ROOT = join(DIST, 'swagger-ui')

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none'
} as const

// The bundle runs as CommonJS (a V8 code cache needs a classic script), where import.meta does not exist.
const importMetaUrl = {
  define: { 'import.meta.url': '__cometlyImportMetaUrl' },
  banner: { js: 'const __cometlyImportMetaUrl = require(\'node:url\').pathToFileURL(__filename).href;' }
}

// Swagger UI is loaded from its own file, next to the bundle, on the first request to /docs.
const swaggerUiBeside: Plugin = {
  name: 'swagger-ui-beside',
  setup (esbuild) {
    esbuild.onResolve({ filter: /^@fastify\/swagger-ui$/ }, () => ({ path: './swagger-ui.cjs', external: true }))
  }
}

// Fastify's server module requires node:https and node:http2 at its top, and uses them only for a server with
// https or http2 options, which the emulator never makes. Loading them is about 4 ms of every start in the
// image (docs/performance.md); here each is loaded on first use instead.
const LAZY_BUILTINS = /^node:(https|http2)$/
const FASTIFY_SERVER = /[\\/]fastify[\\/]lib[\\/]server\.js$/
const lazyBuiltins: Plugin = {
  name: 'lazy-builtins',
  setup (esbuild) {
    esbuild.onResolve({ filter: LAZY_BUILTINS }, (args) =>
      FASTIFY_SERVER.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined)
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: 'let loaded\nmodule.exports = new Proxy({}, { get: (_, key) => ' +
        `(loaded ??= require(${JSON.stringify(args.path)}))[key] })\n`,
      loader: 'js'
    }))
  }
}

// Fastify's router and plugin checks, pino's destination and light-my-request require node:assert only to call it,
// as assert(value, message). Loading it (with the terminal colours its messages set up, which open stderr) was
// about 2 ms of every start in the image (docs/performance.md). In the bundle it is a function that passes when
// the value is truthy and otherwise hands the call to the real one, loaded then, which throws its own error.
// Every other property (assert.strictEqual and the rest; no dependency uses one today) loads the real module too.
const lazyAssert: Plugin = {
  name: 'lazy-assert',
  setup (esbuild) {
    esbuild.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      /[\\/]node_modules[\\/]/.test(args.importer) ? { path: 'assert', namespace: 'lazy-assert' } : undefined)
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: `let loaded
const real = () => (loaded ??= require('node:assert'))
function assert (value, message) { if (!value) real()(value, message) }
assert.ok = assert
module.exports = new Proxy(assert, { get: (target, key) => key in target ? target[key] : real()[key] })
`,
      loader: 'js'
    }))
  }
}

// Swagger UI finds its static files from __dirname; in its bundle, each of its modules gets the folder it had in
// the package, moved to dist/swagger-ui.
const swaggerUiFolders: Plugin = {
  name: 'swagger-ui-folders',
  setup (esbuild) {
    esbuild.onLoad({ filter: /[\\/]@fastify[\\/]swagger-ui[\\/].*\.js$/ }, (args) => {
      const folder = relative(UI_PACKAGE, dirname(args.path)).split(/[\\/]/).filter((s) => s !== '')
      const path = JSON.stringify(['..', 'swagger-ui', ...folder]).slice(1, -1)
      const contents = readFileSync(args.path, 'utf8')
        .replaceAll('__dirname', `require('node:path').join(__dirname, ${path})`)
      return { contents, loader: 'js' }
    })
  }
}

// The Cometly routes' validators, generated now as Ajv standalone code, in place of the sources' empty
// src/wire/precompiled.ts: the built emulator's first requests compile no validator (docs/architecture.md#build).
const PRECOMPILED_MODULE = /[\\/]src[\\/]wire[\\/]precompiled\.ts$/
const precompiledValidators = (source: string): Plugin => ({
  name: 'precompiled-validators',
  setup (esbuild) {
    esbuild.onLoad({ filter: PRECOMPILED_MODULE }, () =>
      ({ contents: source, loader: 'js', resolveDir: join(ROOT, 'src', 'wire') }))
  }
})

// What the migrations make from nothing, as SQL: the built emulator writes it into a new database in one
// transaction instead of running the migrations (src/db/fresh-database.ts).
async function freshDatabase (): Promise<string[]> {
  const handle = openDatabase(':memory:')
  try {
    await migrateToLatest(handle.db)
    return freshDatabaseScript(handle.sqlite)
  } finally {
    await handle.close()
  }
}

rmSync(OUT, { recursive: true, force: true })
rmSync(UI_ROOT, { recursive: true, force: true })

await build({
  ...common,
  ...importMetaUrl,
  define: {
    ...importMetaUrl.define,
    COMETLY_FRESH_DATABASE: JSON.stringify(await freshDatabase()),
    COMETLY_VERSION: JSON.stringify((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as
      { version: string }).version)
  },
  entryPoints: [join(ROOT, 'src/bundle.ts')],
  outfile: join(OUT, 'emulator.cjs'),
  format: 'cjs',
  // better-sqlite3's JavaScript is bundled; its addon is required by path at run time (src/db/connection.ts), and
  // `bindings`, which better-sqlite3 uses only without that path, stays outside with the package.
  external: ['bindings', 'esbuild'],
  // import() becomes require(), which the bundle's own require resolves beside it.
  supported: { 'dynamic-import': false },
  // Without comments and indentation the file is a third smaller and pure ASCII, which src/load-bundle.ts reads
  // without decoding UTF-8 (that alone was 20 ms of a start). Names stay, so stack traces still name functions.
  // BUNDLE_READABLE=1 keeps the lines, so that a CPU profile of the bundle points at lines that mean something.
  minifyWhitespace: process.env.BUNDLE_READABLE === undefined,
  charset: 'ascii',
  plugins: [swaggerUiBeside, lazyBuiltins, lazyAssert, precompiledValidators(await precompiledValidatorsSource())]
})
await build({
  ...common,
  entryPoints: [join(UI_PACKAGE, 'index.js')],
  outfile: join(OUT, 'swagger-ui.cjs'),
  format: 'cjs',
  plugins: [swaggerUiFolders]
})
cpSync(join(UI_PACKAGE, 'static'), join(UI_ROOT, 'static'), { recursive: true })
await build({
  ...common,
  entryPoints: [createRequire(import.meta.url).resolve('pino-pretty')],
  outfile: join(OUT, 'pino-pretty.cjs'),
  format: 'cjs'
})
await build({
  ...common,
  entryPoints: [join(ROOT, 'src/load-bundle.ts')],
  outfile: join(OUT, 'load-bundle.js'),
  format: 'cjs'
})

const bundle = join(OUT, 'emulator.cjs')
const content = readFileSync(bundle)
if (!isAscii(content)) console.warn('bundle: emulator.cjs is not pure ASCII; it still works, but loads slower')
const hash = createHash('sha256').update(content).digest('hex').slice(0, 16)
// The command and its loader are CommonJS: a process whose main module is ESM first sets up the ESM loader's
// module jobs, 13 ms of a CLI start under Node 20 (docs/performance.md, "What each change bought"). The library
// entry stays ESM (index.mjs), for `import { startEmulator } from 'cometly-emulator'`.
writeFileSync(join(OUT, 'package.json'), '{ "type": "commonjs" }\n')
// The library's names, read from the bundle itself, so that the entry exports exactly what src/index.ts does.
const names = Object.keys(createRequire(import.meta.url)(bundle) as object)
  .filter((name) => !['runCli', 'codeCacheWorthy', 'runtimeCompiles'].includes(name)).sort()
writeFileSync(join(OUT, 'index.mjs'), `// The package's library entry (generated by scripts/bundle.ts).
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const { loadBundle } = createRequire(import.meta.url)('./load-bundle.js')
const bundle = loadBundle(fileURLToPath(new URL('./emulator.cjs', import.meta.url)), '${hash}')
${names.map((name) => `export const ${name} = bundle.${name}`).join('\n')}
`)
writeFileSync(join(OUT, 'cli.js'), `#!/usr/bin/env node
// The cometly-emulator command (generated by scripts/bundle.ts).
'use strict'
const { join } = require('node:path')
const { loadBundle } = require('./load-bundle.js')

loadBundle(join(__dirname, 'emulator.cjs'), '${hash}').runCli(process.argv.slice(2))
`)
chmodSync(join(OUT, 'cli.js'), 0o755)
