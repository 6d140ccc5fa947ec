// The package as a user's project gets it: built (the bundle and the type declarations) into a folder of its
// own, installed as node_modules/cometly-emulator of a consumer, then imported by name, run, and type-checked.
import { execFileSync } from 'node:child_process'
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../src/db/connection.js'
import { freshDatabaseScript } from '../../src/db/fresh-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { migrations as ALL_MIGRATIONS } from '../../migrations/index.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
let consumer: string

const node = (args: string[], cwd: string): string =>
  execFileSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 90_000, stdio: ['ignore', 'pipe', 'pipe'] })

beforeAll(() => {
  consumer = mkdtempSync(join(tmpdir(), 'cometly-consumer-'))
  const pkg = join(consumer, 'node_modules', 'cometly-emulator')
  mkdirSync(pkg, { recursive: true })
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'))
  // The package's own dependencies, as npm would have installed them beside it.
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir')
  node(['--import', 'tsx', 'scripts/bundle.ts', join(pkg, 'dist')], ROOT)
  node([TSC, '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', join(pkg, 'dist')], ROOT)
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      target: 'ES2022',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      typeRoots: [join(ROOT, 'node_modules/@types')],
      types: ['node']
    },
    include: ['*.mts']
  }))
}, 120_000)
afterAll(() => { rmSync(consumer, { recursive: true, force: true }) })

describe('the built package', () => {
  it('starts from `import { startEmulator } from \'cometly-emulator\'` and answers a create', () => {
    writeFileSync(join(consumer, 'start.mjs'), `
import { DEV_API_KEY, startEmulator } from 'cometly-emulator'
const emulator = await startEmulator()
const res = await fetch(emulator.url + '/public-api/v1/contacts', {
  method: 'POST',
  headers: { authorization: 'Bearer ' + emulator.apiKey, 'content-type': 'application/json' },
  body: JSON.stringify({ emails: ['pkg@example.com'] })
})
console.log(JSON.stringify({ key: emulator.apiKey === DEV_API_KEY, status: res.status, body: await res.json() }))
await emulator.close()
`)
    expect(JSON.parse(node(['start.mjs'], consumer))).toEqual({
      key: true,
      status: 201,
      body: { id: 1, emails: ['pkg@example.com'], phones: [], names: [], locations: [] }
    })
  })

  // scripts/bundle.ts defers Fastify's node:https and node:http2 (about 4 ms of a start): a server without https
  // or http2 options never loads them; node:assert loads only for a failing check. Nor node:zlib (only exports and
  // the inspector's files gzip). And no JavaScript from node_modules: better-sqlite3's is bundled, and the database
  // names its addon by path, without the `bindings` package (src/db/connection.ts).
  it('never loads node:https, http2, zlib, assert or any node_modules JavaScript, through its first 201', () => {
    writeFileSync(join(consumer, 'lazy.mjs'), `
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { startEmulator } from 'cometly-emulator'
const emulator = await startEmulator()
const status = await new Promise((resolve, reject) => {
  const req = request(emulator.url + '/public-api/v1/contacts', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + emulator.apiKey, 'content-type': 'application/json' }
  }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)) })
  req.on('error', reject)
  req.end(JSON.stringify({ emails: ['lazy@example.com'] }))
})
const loaded = ['https', 'http2', 'zlib', 'assert']
  .filter((name) => process.moduleLoadList.includes('NativeModule ' + name))
const outside = Object.keys(createRequire(import.meta.url).cache)
  .filter((file) => file.includes('node_modules') && !file.includes('cometly-emulator') && !file.endsWith('.node'))
await emulator.close()
console.log(JSON.stringify({ status, loaded, outside }))
`)
    expect(JSON.parse(node(['lazy.mjs'], consumer))).toEqual({ status: 201, loaded: [], outside: [] })
  })

  // node:assert's stand-in (scripts/bundle.ts) hands a failing check to the real one, which throws its own error.
  it('throws node:assert\'s own error for a failing check of a dependency, loading node:assert only then', () => {
    writeFileSync(join(consumer, 'assert.mjs'), `
import { buildApp, defaultConfig, migrateToLatest, openDatabase } from 'cometly-emulator'
const handle = openDatabase(':memory:')
await migrateToLatest(handle.db)
const app = await buildApp({ config: defaultConfig({ database: ':memory:' }), db: handle.db })
const loaded = () => process.moduleLoadList.includes('NativeModule assert')
const before = loaded()
let thrown
try {
  app.get('no-slash', async () => 'x')
  await app.ready()
} catch (error) {
  thrown = { name: error.constructor.name, code: error.code, message: error.message }
}
console.log(JSON.stringify({ before, thrown, after: loaded() }))
`)
    expect(JSON.parse(node(['assert.mjs'], consumer))).toEqual({
      before: false,
      thrown: {
        name: 'AssertionError',
        code: 'ERR_ASSERTION',
        message: 'The first character of a path should be `/` or `*`'
      },
      after: true
    })
  })

  // The command is CommonJS (scripts/bundle.ts): a process whose main module is ESM first sets up the ESM
  // loader's module jobs, a few ms of every start. The probe, preloaded, lists what of that loader ran.
  it('runs the command as CommonJS, without ESM module jobs', () => {
    const bin = join(consumer, 'node_modules', 'cometly-emulator', 'dist', 'bin')
    writeFileSync(join(consumer, 'probe.cjs'), `process.on('exit', () => {
  const jobs = process.moduleLoadList.filter((name) => name.includes('internal/modules/esm/module_job'))
  console.log(JSON.stringify({ jobs }))
})
`)
    const [version, probe] = node(['--require', './probe.cjs', join(bin, 'cli.js'), '--version'], consumer)
      .trim().split('\n')
    // The bundle carries the version it was built with (scripts/bundle.ts): package.json's.
    expect(version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version)
    expect(JSON.parse(probe ?? '')).toEqual({ jobs: [] })
    // The probe tells the difference: a command that is an ES module runs its module jobs.
    writeFileSync(join(consumer, 'esm-command.mjs'), 'console.log(\'0.0.0\')\n')
    const esm = node(['--require', './probe.cjs', 'esm-command.mjs'], consumer).trim().split('\n')[1]
    expect((JSON.parse(esm ?? '') as { jobs: string[] }).jobs).not.toEqual([])
  })

  // The code cache is written by the first process that answers a request: a process that only imported the
  // library would leave a cache without a start's code, and every later start would read it.
  it('writes its code cache only from a process that answered a request', () => {
    const cache = join(consumer, 'node_modules', 'cometly-emulator', 'dist', 'bin', '.code-cache')
    rmSync(cache, { recursive: true, force: true })
    writeFileSync(join(consumer, 'import-only.mjs'), `
import { defaultConfig } from 'cometly-emulator'
console.log(JSON.stringify({ port: defaultConfig().port }))
`)
    expect(JSON.parse(node(['import-only.mjs'], consumer))).toEqual({ port: 4010 })
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([])
    writeFileSync(join(consumer, 'serve.mjs'), `
import { startEmulator } from 'cometly-emulator'
const emulator = await startEmulator()
const res = await fetch(emulator.url + '/_emulator/health')
await emulator.close()
console.log(JSON.stringify({ status: res.status }))
`)
    expect(JSON.parse(node(['serve.mjs'], consumer))).toEqual({ status: 200 })
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/^[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.bin$/)])
  })

  // scripts/bundle.ts generates the Cometly routes' validators as code (scripts/precompile-validators.ts), so a
  // request compiles none; test/wire/precompiled-validators.test.ts checks that they answer as Ajv's compile does.
  it('answers Cometly\'s routes, good and bad input alike, with validators made at build time', () => {
    writeFileSync(join(consumer, 'validators.mjs'), `
import { createRequire } from 'node:module'
// The bundle itself, whose internal count says how many schemas this process compiled.
const bundle = createRequire(import.meta.url)(
  ${JSON.stringify(join(consumer, 'node_modules/cometly-emulator/dist/bin/emulator.cjs'))})
const emulator = await bundle.startEmulator()
const statuses = []
for (const [method, path, body] of [
  ['POST', '/public-api/v1/contacts', { emails: ['a@example.com'], custom_fields: { profile_field_16: '12' } }],
  ['POST', '/public-api/v1/contacts', { emails: ['nope'], custom_fields: { profile_field_16: '1e16' } }],
  ['GET', '/public-api/v1/contacts/1?include=journey'],
  ['GET', '/public-api/v1/contacts?start_date=2024-01-01%2000:00:00&end_date=2030-01-01%2000:00:00'],
  ['PUT', '/public-api/v1/contacts/1', { names: ['Ada'] }],
  ['POST', '/public-api/v1/events/track', { event_name: 'nope' }],
  ['GET', '/public-api/v1/companies?per_page=x'],
  ['GET', '/public-api/v1/events?start_date=2024-01-01']
]) {
  const res = await fetch(emulator.url + path, {
    method,
    headers: { authorization: 'Bearer ' + emulator.apiKey, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) })
  })
  statuses.push(res.status)
}
console.log(JSON.stringify({ statuses, compiled: bundle.runtimeCompiles() }))
await emulator.close()
`)
    expect(JSON.parse(node(['validators.mjs'], consumer))).toEqual({
      statuses: [201, 422, 200, 200, 200, 422, 422, 422],
      compiled: 0
    })
  })

  it('makes a new database in one step, with exactly what the migrations make', async () => {
    const file = join(consumer, 'fresh.sqlite')
    writeFileSync(join(consumer, 'fresh.mjs'), `
import { migrateToLatest, openDatabase } from 'cometly-emulator'
const handle = openDatabase(${JSON.stringify(file)})
await migrateToLatest(handle.db)
await handle.close()
`)
    const before = new Date().toISOString()
    node(['fresh.mjs'], consumer)
    const built = new BetterSqlite3(file, { readonly: true })
    const source = openDatabase(':memory:')
    try {
      await migrateToLatest(source.db)
      const migrations = built.prepare('select name, timestamp from kysely_migration').all() as
        Array<{ name: string, timestamp: string }>
      // Written when the package was built, before this test ran: the migrations themselves did not run.
      expect(migrations).toHaveLength(Object.keys(ALL_MIGRATIONS).length)
      for (const { timestamp } of migrations) expect(timestamp < before).toBe(true)
      const withoutTimes = (script: string[]): string[] =>
        script.map((s) => s.replace(/'\d{4}-\d{2}-\d{2}T[\d:.]+Z'/g, "'(time)'"))
      expect(withoutTimes(freshDatabaseScript(built))).toEqual(withoutTimes(freshDatabaseScript(source.sqlite)))
    } finally {
      built.close()
      await source.close()
    }
  })

  it('has types: a correct use compiles, a wrong one does not', () => {
    writeFileSync(join(consumer, 'typed.mts'), `
import { type Emulator, startEmulator } from 'cometly-emulator'
const emulator: Emulator = await startEmulator({ journalSize: 10, rateLimits: false })
const url: string = emulator.url
const count: number = await emulator.countRequests({ method: 'POST' })
console.log(url, count)
await emulator.close()
`)
    writeFileSync(join(consumer, 'wrong.mts'), `
import { startEmulator } from 'cometly-emulator'
const emulator = await startEmulator()
const port: string = emulator.port
console.log(port)
`)
    let output = ''
    try {
      node([TSC, '-p', '.'], consumer)
    } catch (error) {
      output = String((error as { stdout?: string }).stdout)
    }
    // One compiler run over both files: the only error is the wrong one's.
    expect(output).toBe('wrong.mts(4,7): error TS2322: Type \'number\' is not assignable to type \'string\'.\n')
  })
})
