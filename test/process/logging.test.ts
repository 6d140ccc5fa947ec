import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
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
    // A control call is answered by the control plane's own instance (src/control/forward.ts), on the same
    // keep-alive connection, and logged once; the API call after it is served as before.
    for (const url of ['/_emulator/spaces', '/public-api/v1/contacts/1']) {
      const res = await fetch(`${proc.url}${url}`, { headers: { authorization: `Bearer ${DEV_API_KEY}` } })
      expect(res.status).toBe(200)
      sent.push(res.headers.get('x-request-id') ?? '')
      await res.arrayBuffer()
    }
    await proc.stop('SIGTERM')
    const log = proc.lines.join('\n')
    for (const key of [DEV_API_KEY, 'secret-space-b-key', 'wrong-secret-key']) expect(log).not.toContain(key)
    const requests = proc.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request')
    expect(requests.map((r) => [r.reqId, r.status, r.url])).toEqual([
      [sent[0], 201, '/public-api/v1/contacts?api_key=[redacted]'],
      [sent[1], 201, '/public-api/v1/contacts?api_key=[redacted]'],
      [sent[2], 401, '/public-api/v1/contacts?api_key=[redacted]'],
      [sent[3], 200, '/_emulator/spaces'],
      [sent[4], 200, '/public-api/v1/contacts/1']
    ])
  })
})

/** Runs the command under `script`, which gives it a terminal as stdout, as a person's shell does. */
async function firstLinesAtTerminal (env: Record<string, string>): Promise<string> {
  const child = spawn('script', ['-qfec', `${process.execPath} --import tsx src/cli.ts`, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', COMETLY_EMULATOR_DATABASE: ':memory:', ...env },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  try {
    const deadline = Date.now() + 15_000
    while (!out.includes('cometly-emulator ready') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return out
  } finally {
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await exited
  }
}

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '')

describe.skipIf(!existsSync('/usr/bin/script'))('log format', () => {
  it('is readable lines at a terminal', async () => {
    const out = plain(await firstLinesAtTerminal({ LOG_LEVEL: 'info' }))
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: cometly-emulator ready at http:\/\/127\.0\.0\.1:\d+ /m)
    expect(out).not.toContain('{"level"')
  })

  it('stays JSON lines at a terminal with LOG_FORMAT=json', async () => {
    const out = plain(await firstLinesAtTerminal({ LOG_FORMAT: 'json' }))
    const ready = out.split('\n').find((line) => line.includes('cometly-emulator ready'))
    expect(JSON.parse(ready ?? '')).toMatchObject({ level: 30, apiKey: '…-key' })
  })
})

describe('LOG_FORMAT=pretty off a terminal', () => {
  it('writes one readable line per request, still without the key', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts'], {
      cwd: ROOT,
      env: {
        ...process.env, PORT: '0', HOST: '127.0.0.1', COMETLY_EMULATOR_DATABASE: ':memory:', LOG_FORMAT: 'pretty'
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
    try {
      while (!/ready at (http:\S+)/.test(out)) await new Promise((resolve) => setTimeout(resolve, 20))
      const url = /ready at (http:\S+)/.exec(out)![1]!
      const res = await fetch(`${url}/public-api/v1/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ emails: ['a@example.com'] })
      })
      expect(res.status).toBe(201)
      while (!out.includes('POST /public-api/v1/contacts')) await new Promise((resolve) => setTimeout(resolve, 20))
    } finally {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
    // No colours off a terminal, one line per request.
    expect(out)
      .toMatch(/^\[[\d:.]+\] INFO: POST \/public-api\/v1\/contacts 201 [\d.]+ ms \{"reqId":"[0-9a-f-]{36}"\}$/m)
    expect(out).not.toContain('\x1b[')
    expect(out).not.toContain(DEV_API_KEY)
  })
})
