// What an operator sees when the process cannot start: one line on stderr that says what and where, and exit
// code 1, never a stack trace. The data-folder cases run the child as another user (uid 65534), since root may
// write anywhere: they need the tests to run as root, and are skipped otherwise. That user may not be able to
// read the checkout at all (a clone inside a 0700 temporary folder, as CI makes), so it runs the built command
// from a runtime of its own in a readable folder: the bundle and better-sqlite3, as the Docker image holds them.
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NOBODY = 65534
const root = process.getuid?.() === 0

let dir: string | undefined
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** The built command and what it loads from node_modules, in a folder every user may read (only as root). */
let runtime: string | undefined
beforeAll(() => {
  if (!root) return
  runtime = mkdtempSync(join(tmpdir(), 'cometly-runtime-'))
  chmodSync(runtime, 0o755)
  // node_modules first: the bundle script loads the bundle it wrote, and with it better-sqlite3.
  const modules = join(runtime, 'node_modules')
  mkdirSync(join(modules, 'better-sqlite3', 'build', 'Release'), { recursive: true })
  for (const name of ['bindings', 'file-uri-to-path', 'better-sqlite3/package.json', 'better-sqlite3/lib',
    'better-sqlite3/build/Release/better_sqlite3.node']) {
    cpSync(join(ROOT, 'node_modules', name), join(modules, name), { recursive: true })
  }
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts', join(runtime, 'dist')],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  if (built.status !== 0) throw new Error(`bundle: ${built.stderr.slice(0, 2000)}`)
}, 90_000)
afterAll(() => {
  if (runtime !== undefined) rmSync(runtime, { recursive: true, force: true })
})

/** Runs the command until it exits (it must not start): its exit code and stderr. As another user, the built
 * command of the readable runtime; else the source. */
function run (env: Record<string, string>, user?: number): { status: number | null, stderr: string } {
  const command = user === undefined || runtime === undefined
    ? ['--import', 'tsx', 'src/cli.ts']
    : [join(runtime, 'dist', 'bin', 'cli.js')]
  const result = spawnSync(process.execPath, command, {
    cwd: user === undefined ? ROOT : runtime,
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', COMETLY_EMULATOR_DATABASE: ':memory:', ...env },
    ...(user !== undefined && { uid: user, gid: user })
  })
  return { status: result.status, stderr: result.stderr }
}

function folder (mode: number): string {
  dir = mkdtempSync(join(tmpdir(), 'cometly-start-'))
  chmodSync(dir, mode)
  return dir
}

describe('start-up errors', () => {
  it.skipIf(!root)('a data folder the process cannot write: one line naming the folder and the user', () => {
    const data = folder(0o755)
    expect(run({ COMETLY_EMULATOR_DATABASE: join(data, 'db.sqlite') }, NOBODY)).toEqual({
      status: 1,
      stderr: `cometly-emulator: cannot write the data folder ${data} (this process runs as uid ${NOBODY}, ` +
        `gid ${NOBODY}): EACCES; give that user write access to it\n`
    })
  })

  it.skipIf(!root)('a database file the process cannot write: one line naming the file and the user', () => {
    const data = folder(0o777)
    const file = join(data, 'db.sqlite')
    writeFileSync(file, '')
    chmodSync(file, 0o644)
    expect(run({ COMETLY_EMULATOR_DATABASE: file }, NOBODY)).toEqual({
      status: 1,
      stderr: `cometly-emulator: cannot write the database ${file} (this process runs as uid ${NOBODY}, ` +
        `gid ${NOBODY}): EACCES; give that user write access to it\n`
    })
  })

  it('inline seed JSON that is not JSON: one line naming it', () => {
    const { status, stderr } = run({ COMETLY_EMULATOR_SEED: '{"spaces": [oops' })
    expect(status).toBe(1)
    expect(stderr).toMatch(/^cometly-emulator: seed inline JSON: not valid JSON: [^\n]+\n$/)
  })

  it('a seed path that does not exist: one line naming it', () => {
    expect(run({ COMETLY_EMULATOR_SEED: '/no/such/seed' })).toEqual({
      status: 1,
      stderr: 'cometly-emulator: seed /no/such/seed: cannot read it: ' +
        'ENOENT: no such file or directory, stat \'/no/such/seed\'\n'
    })
  })
})
