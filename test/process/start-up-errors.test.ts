// What an operator sees when the process cannot start: one line on stderr that says what and where, and exit
// code 1, never a stack trace. The data-folder cases run the child as another user (uid 65534), since root may
// write anywhere: they need the tests to run as root, and are skipped otherwise.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NOBODY = 65534
const root = process.getuid?.() === 0

let dir: string | undefined
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** Runs the command until it exits (it must not start): its exit code and stderr. */
function run (env: Record<string, string>, user?: number): { status: number | null, stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts'], {
    cwd: ROOT,
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
