// @ts-nocheck
// Graceful shutdown: on SIGTERM the requests already in flight complete, new ones are refused (connection
// refused, or a 503 in the envelope on a connection that was already open), the process exits 0 before
// close-with-grace's deadline (it would exit 1 after it), and every acknowledged contact is in the file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { checkIntegrity, readContact } from '../helpers/integrity.js'
import {
  type ContactBody,
  contactBody,
  jsonPost,
  openRaw,
  parseRawResponse,
  reportFigures,
  runLoad,
  seededRandom,
  send,
  sleep
} from '../helpers/load.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

const random = seededRandom(Number(process.env.FC_SEED ?? 7_2024))
const dir = mkdtempSync(join(tmpdir(), 'cometly-shutdown-'))
let proc: EmulatorProcess | undefined
afterEach(async () => { await proc?.stop('SIGKILL') })
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

const REFUSED = { status: 503, body: '{"message":"Service Unavailable"}' }
/** How a closing server refuses a client that connects: every way Node reports it. */
const CLOSED = ['ECONNREFUSED', 'ECONNRESET', 'socket hang up']

async function start (name: string): Promise<{ proc: EmulatorProcess, file: string }> {
  const file = join(dir, `${name}.sqlite`)
  proc = await startProcess({ COMETLY_EMULATOR_DATABASE: file, COMETLY_EMULATOR_RATE_LIMITS: 'off' })
  return { proc, file }
}

async function shuttingDown (p: EmulatorProcess): Promise<void> {
  while (!p.lines.some((line) => line.includes('"shutting down"'))) {
    if (p.child.exitCode !== null) return
    await sleep(10)
  }
}

function verifyStored (file: string, stored: Array<{ id: number, body: ContactBody }>): number {
  const sqlite = new BetterSqlite3(file, { readonly: true })
  try {
    const report = checkIntegrity(sqlite)
    expect(report.problems).toEqual([])
    for (const { id, body } of stored) {
      expect(readContact(sqlite, id)).toEqual({
        id, partition_id: 1, emails: body.emails, phones: body.phones, names: body.names, locations: body.locations
      })
    }
    return report.contacts + report.items
  } finally {
    sqlite.close()
  }
}

describe('SIGTERM', () => {
  it('lets requests in flight finish, refuses new ones, exits 0 and keeps what it acknowledged', async () => {
    const { proc: p, file } = await start('in-flight')
    const { host } = new URL(p.url)
    // Each connection pipelines a health check and then the head and half the body of a create: once the
    // health answer is back the server has read the create's head, so the create is in flight.
    const bodies = Array.from({ length: 8 }, (_, i) => contactBody(`inflight${i}`, random))
    const exchanges = await Promise.all(bodies.map(async (body) => {
      const text = JSON.stringify(body)
      const half = Math.floor(text.length / 2)
      const exchange = await openRaw(p.url,
        `GET /_emulator/health HTTP/1.1\r\nHost: ${host}\r\n\r\n` +
        `POST /public-api/v1/contacts HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${DEV_API_KEY}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text.slice(0, half)}`)
      return { exchange, rest: text.slice(half) }
    }))
    await Promise.all(exchanges.map(async ({ exchange }) => {
      let seen = ''
      exchange.socket.on('data', (chunk: Buffer) => { seen += chunk.toString() })
      while (!seen.includes('"status":"ok"')) await sleep(5)
    }))

    const exited = p.stop('SIGTERM')
    await shuttingDown(p)
    const late = await send(p.url, jsonPost('/public-api/v1/contacts', DEV_API_KEY, { emails: ['late@example.com'] }))
    if (late.ok) expect({ status: late.response.status, body: late.response.body }).toEqual(REFUSED)
    // A closed server refuses a new client either way, depending on how far the close has got when the client
    // connects: the listener is gone (refused), or it accepted and then closed the socket (reset, hang up).
    else expect(CLOSED).toContain(late.code)

    for (const { exchange, rest } of exchanges) exchange.write(rest)
    const answers = await Promise.all(exchanges.map(async ({ exchange }) => await exchange.closed))
    const stored = answers.map((raw, i) => {
      const second = parseRawResponse(raw.slice(raw.indexOf('HTTP/1.1', 10)))
      expect(second.status).toBe(201)
      const body = bodies[i] as ContactBody
      const answer = JSON.parse(second.body) as ContactBody & { id: number }
      expect(answer).toEqual({ id: answer.id, ...body })
      return { id: answer.id, body }
    })
    const exit = await exited
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null })
    verifyStored(file, stored)
    const count = new BetterSqlite3(file, { readonly: true })
    expect((count.prepare('select count(*) as n from contacts').get() as { n: number }).n).toBe(8)
    count.close()
  }, 60_000)

  it('under load: every answer is a 201 or a refusal, and every 201 is stored', async () => {
    const { proc: p, file } = await start('load')
    const stored: Array<{ id: number, body: ContactBody }> = []
    const figures = { requests: 0, acknowledged: 0, refused503: 0, connectionErrors: 0, exitMs: 0, rowsChecked: 0 }
    let signalled: Promise<{ code: number | null, signal: NodeJS.Signals | null, ms: number }> | undefined
    figures.requests = await runLoad({
      baseUrl: p.url,
      concurrency: 16,
      stopOnError: true,
      next: (worker, n) => jsonPost('/public-api/v1/contacts', DEV_API_KEY, contactBody(`load${worker}n${n}`, random)),
      onOutcome: (spec, outcome) => {
        if (!outcome.ok) {
          figures.connectionErrors++
          expect(signalled, `connection error ${outcome.code} before SIGTERM`).toBeDefined()
          // Refused, or reset on a keep-alive connection that was idle when closing began.
          expect(CLOSED).toContain(outcome.code)
          return
        }
        const { status, body } = outcome.response
        if (status === 503) {
          figures.refused503++
          expect({ status, body }).toEqual(REFUSED)
          return
        }
        expect(status).toBe(201)
        stored.push({
          id: (JSON.parse(body) as { id: number }).id,
          body: JSON.parse(spec.body as string) as ContactBody
        })
        if (stored.length === 300) signalled = p.stop('SIGTERM')
      }
    })
    const exit = await (signalled as Promise<{ code: number | null, signal: NodeJS.Signals | null, ms: number }>)
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null })
    figures.acknowledged = stored.length
    figures.exitMs = Math.round(exit.ms)
    figures.rowsChecked = verifyStored(file, stored)
    reportFigures('shutdown', figures)
  }, 60_000)
})
