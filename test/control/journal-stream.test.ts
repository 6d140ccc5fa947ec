// The live journal stream over a real connection (app.inject() waits for the end of an answer, and a stream has
// none): events as requests happen, a Space filter, the admin token, a bound for a reader that does not read,
// and a close that does not wait for open streams.
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../src/core/journal.js'
import { type Emulator, startEmulator } from '../../src/index.js'

let emulator: Emulator | undefined
afterEach(async () => { await emulator?.close() })

interface Event { event: string, data: any }

/** Reads server-sent events from a fetch() response, as the page does. */
function reader (response: Response) {
  const events: Event[] = []
  let ended = false
  const done = (async () => {
    const stream = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    for (;;) {
      const { value, done } = await stream.read().catch(() => ({ value: undefined, done: true }))
      if (done) break
      buffer += value
      let end: number
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) })
      }
    }
    ended = true
  })()
  const until = async (test: () => boolean, ms = 5000): Promise<void> => {
    const deadline = Date.now() + ms
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`waited ${ms} ms; events so far: ${JSON.stringify(events)}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  return { events, done, until, ended: () => ended }
}

const create = async (e: Emulator, key: string, email: string): Promise<number> => (await fetch(
  `${e.url}/public-api/v1/contacts`,
  {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ emails: [email] })
  })).status

describe('GET /_emulator/requests/stream', () => {
  it('sends a summary of each request as it is journaled, optionally for one Space', async () => {
    emulator = await startEmulator()
    const other = await emulator.createSpace({ name: 'other', api_key: 'other-space-key' })
    const stop = new AbortController()
    const all = await fetch(`${emulator.url}/_emulator/requests/stream`, { signal: stop.signal })
    expect(all.status).toBe(200)
    expect(all.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(all.headers.get('cache-control')).toBe('no-cache, no-transform')
    const onlyOther = await fetch(`${emulator.url}/_emulator/requests/stream?space_id=${other.id}`,
      { signal: stop.signal })
    const a = reader(all)
    const b = reader(onlyOther)

    expect(await create(emulator, emulator.apiKey, 'a@example.com')).toBe(201)
    expect(await create(emulator, 'other-space-key', 'b@example.com')).toBe(201)
    expect(await create(emulator, 'wrong-key-12345', 'c@example.com')).toBe(401)
    await a.until(() => a.events.length === 3)
    await b.until(() => b.events.length === 1)
    expect(a.events).toEqual([
      {
        event: 'request',
        data: {
          id: 1,
          space_id: emulator.spaceId,
          time: expect.any(String),
          method: 'POST',
          path: '/public-api/v1/contacts',
          route: '/public-api/v1/contacts',
          status: 201,
          duration_ms: expect.any(Number),
          rate_limit: { limit: 60, remaining: 59 },
          fault: null,
          warning: null
        }
      },
      { event: 'request', data: expect.objectContaining({ id: 2, space_id: other.id, status: 201 }) },
      { event: 'request', data: expect.objectContaining({ id: 3, space_id: null, status: 401 }) }
    ])
    expect(b.events).toEqual([{ event: 'request', data: expect.objectContaining({ id: 2 }) }])
    expect(emulator.app.emulator.journal.listeners).toBe(2)
    stop.abort()
    // A reader that goes away stops listening.
    await a.until(() => emulator!.app.emulator.journal.listeners === 0)
  })

  it('needs the admin token in the Authorization header when one is set', async () => {
    emulator = await startEmulator({ adminToken: 'admin-secret-1' })
    const refused = await fetch(`${emulator.url}/_emulator/requests/stream`)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({
      message: 'This control call needs the admin token (Authorization: Bearer <token>).'
    })
    const allowed = await fetch(`${emulator.url}/_emulator/requests/stream`,
      { headers: { authorization: 'Bearer admin-secret-1' } })
    expect(allowed.status).toBe(200)
    await allowed.body?.cancel()
  })

  it('skips entries for a reader that stops reading, and says how many once it catches up', async () => {
    emulator = await startEmulator()
    const { journal } = emulator.app.emulator
    const socket: Socket = connect(emulator.port, '127.0.0.1')
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => { text += chunk })
    socket.write(`GET /_emulator/requests/stream HTTP/1.1\r\nHost: 127.0.0.1:${emulator.port}\r\n\r\n`)
    while (!text.includes(': journal stream')) await new Promise((resolve) => setTimeout(resolve, 5))
    socket.pause()

    const TOTAL = 40_000
    const entry = (): JournalEntry => ({
      id: journal.nextId(),
      space_id: 1,
      time: '2024-01-01T00:00:00.000Z',
      method: 'POST',
      path: `/public-api/v1/contacts/${'x'.repeat(200)}`,
      route: null,
      query: {},
      headers: {},
      body: null,
      status: 404,
      response_headers: {},
      response_body: null,
      duration_ms: 1,
      rate_limit: null,
      fault: null
    })
    for (let i = 0; i < TOTAL; i++) journal.record(entry())
    socket.resume()
    const count = (): { sent: number, missed: number } => ({
      sent: (text.match(/^event: request$/gm) ?? []).length,
      missed: [...text.matchAll(/^data: \{"missed":(\d+)\}$/gm)].reduce((sum, m) => sum + Number(m[1]), 0)
    })
    const deadline = Date.now() + 10_000
    while (count().sent + count().missed < TOTAL && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const { sent, missed } = count()
    expect(missed).toBeGreaterThan(0)
    expect(sent + missed).toBe(TOTAL)
    // The gap comes after the entries that were buffered, and the stream goes on after it.
    journal.record(entry())
    while (count().sent + count().missed < TOTAL + 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(text).toContain(`id: ${TOTAL + 1}\nevent: request\n`)
    expect(text.indexOf('event: gap')).toBeLessThan(text.indexOf(`id: ${TOTAL + 1}\n`))
    socket.destroy()
  })

  it('ends open streams when the emulator closes, so closing does not wait for them', async () => {
    emulator = await startEmulator()
    const response = await fetch(`${emulator.url}/_emulator/requests/stream`)
    const r = reader(response)
    const started = performance.now()
    await emulator.close()
    const ms = performance.now() - started
    emulator = undefined
    await r.done
    expect(r.ended()).toBe(true)
    expect(ms).toBeLessThan(1000)
  })
})
