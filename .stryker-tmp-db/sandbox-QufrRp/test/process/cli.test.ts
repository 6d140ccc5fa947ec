// @ts-nocheck
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { OPTIONS } from '../../src/core/config.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

const run = promisify(execFile)
let proc: EmulatorProcess | undefined
afterEach(async () => { await proc?.stop('SIGKILL'); proc = undefined })

describe('cometly-emulator CLI', () => {
  it('--help lists every option with its environment variable', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'])
    for (const option of OPTIONS) {
      expect(stdout).toContain(`${option.flag} <value>`)
      expect(stdout).toContain(`env ${option.env}`)
    }
    for (const env of [
      'PORT',
      'HOST',
      'COMETLY_EMULATOR_DATABASE',
      'COMETLY_EMULATOR_SEED',
      'COMETLY_EMULATOR_RATE_LIMITS',
      'COMETLY_EMULATOR_CONTROL_PLANE',
      'COMETLY_EMULATOR_ADMIN_TOKEN',
      'COMETLY_EMULATOR_JOURNAL_SIZE',
      'COMETLY_EMULATOR_FAULT_HEADER',
      'COMETLY_EMULATOR_SNAPSHOT_DIR',
      'LOG_LEVEL'
    ]) {
      expect(stdout).toContain(`env ${env}`)
    }
  })

  it('takes the admin token and journal size from flags', async () => {
    proc = await startProcess({}, ['--admin-token', 'cli-token', '--journal-size=0'])
    expect((await fetch(`${proc.url}/_emulator/spaces`)).status).toBe(401)
    const res = await fetch(`${proc.url}/_emulator/spaces/1/requests`, {
      headers: { authorization: 'Bearer cli-token' }
    })
    expect(await res.json()).toEqual({ data: [], enabled: false, capacity: 0 })
    expect((await fetch(`${proc.url}/_emulator/health`)).status).toBe(200)
  })

  it('turns the control plane off from the environment', async () => {
    proc = await startProcess({ COMETLY_EMULATOR_CONTROL_PLANE: 'off' })
    expect((await fetch(`${proc.url}/_emulator/spaces`)).status).toBe(404)
    expect((await fetch(`${proc.url}/_emulator/health`)).status).toBe(200)
  })
})
