// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

let proc: EmulatorProcess | undefined
afterEach(async () => { await proc?.stop('SIGKILL') })

describe('logs', () => {
  it('say ready with the URL once, log each request with its id, and never carry an API key', async () => {
    proc = await startProcess({ COMETLY_EMULATOR_SPACES: '[{"name":"B","api_keys":["secret-space-b-key"]}]' })
    const ready = proc.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => String(l.msg).startsWith('cometly-emulator ready'))
    expect(ready).toEqual([
      expect.objectContaining({ msg: `cometly-emulator ready at ${proc.url}`, url: proc.url, apiKey: '…-key' })
    ])

    const sent: string[] = []
    for (const key of [DEV_API_KEY, 'secret-space-b-key', 'wrong-secret-key']) {
      // A key put in the query string by mistake is not logged either.
      const res = await fetch(`${proc.url}/public-api/v1/contacts?api_key=${key}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ emails: ['a@example.com'] })
      })
      sent.push(res.headers.get('x-request-id') ?? '')
      expect(await res.text()).not.toContain(key)
    }
    await proc.stop('SIGTERM')
    const log = proc.lines.join('\n')
    for (const key of [DEV_API_KEY, 'secret-space-b-key', 'wrong-secret-key']) expect(log).not.toContain(key)
    const requests = proc.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request')
    expect(requests.map((r) => [r.reqId, r.status, r.url])).toEqual([
      [sent[0], 201, '/public-api/v1/contacts?api_key=[redacted]'],
      [sent[1], 201, '/public-api/v1/contacts?api_key=[redacted]'],
      [sent[2], 401, '/public-api/v1/contacts?api_key=[redacted]']
    ])
  })
})
