// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

let proc: EmulatorProcess | undefined
afterEach(async () => { await proc?.stop('SIGKILL') })

describe('the real process', () => {
  it('listens on port 0, answers, and exits 0 on SIGTERM', async () => {
    proc = await startProcess()
    expect(proc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${proc.url}/public-api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ emails: ['a@example.com'] })
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ id: 1, emails: ['a@example.com'], phones: [], names: [], locations: [] })
    const { code, signal } = await proc.stop('SIGTERM')
    expect({ code, signal }).toEqual({ code: 0, signal: null })
  })

  it('exits 0 on SIGINT too', async () => {
    proc = await startProcess()
    expect((await fetch(`${proc.url}/_emulator/health`)).status).toBe(200)
    expect(await proc.stop('SIGINT')).toMatchObject({ code: 0, signal: null })
  })

  it('refuses bad configuration with a clear message and exit code 1', async () => {
    await expect(startProcess({ PORT: 'nope' }))
      .rejects.toThrow('cometly-emulator: PORT must be an integer from 0 to 65535, got "nope"')
  })
})
