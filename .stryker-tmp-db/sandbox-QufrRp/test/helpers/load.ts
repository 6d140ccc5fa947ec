// @ts-nocheck
// Raw HTTP for the reliability suite: node:http rather than fetch, so that a refused connection, a reset and
// a response are told apart, and a request can be written a piece at a time.
import { Agent, request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface HttpResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A response, or the code of the error that ended the exchange (ECONNREFUSED, ECONNRESET...). */
export type Outcome = { ok: true, response: HttpResult } | { ok: false, code: string }

export interface RequestSpec {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}

/** Sends one request; never rejects. */
export async function send (baseUrl: string, spec: RequestSpec, agent?: Agent): Promise<Outcome> {
  const url = new URL(spec.path, baseUrl)
  return await new Promise<Outcome>((resolve) => {
    const req = httpRequest(url, {
      method: spec.method,
      headers: {
        ...(spec.body !== undefined && { 'content-length': String(Buffer.byteLength(spec.body)) }),
        ...spec.headers
      },
      agent: agent ?? false
    }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({
        ok: true,
        response: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }
      }))
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }))
    req.end(spec.body)
  })
}

export function jsonPost (path: string, key: string, body: unknown): RequestSpec {
  return {
    method: 'POST',
    path,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  }
}

export interface LoadOptions {
  baseUrl: string
  /** Requests kept in flight at once. */
  concurrency: number
  /** The next request of a worker, or undefined when the worker is done. */
  next: (worker: number, n: number) => RequestSpec | undefined
  /** Called with each request and its outcome, in completion order. */
  onOutcome?: (spec: RequestSpec, outcome: Outcome, worker: number) => void
  /** Workers stop after the first connection-level error (the server is gone). */
  stopOnError?: boolean
  keepAlive?: boolean
}

/** Runs `concurrency` workers, each sending its requests one after another; resolves when all have stopped. */
export async function runLoad ({
  baseUrl, concurrency, next, onOutcome, stopOnError = false, keepAlive = true
}: LoadOptions): Promise<number> {
  const agent = new Agent({ keepAlive, maxSockets: concurrency })
  let sent = 0
  const worker = async (w: number): Promise<void> => {
    for (let n = 0; ; n++) {
      const spec = next(w, n)
      if (spec === undefined) return
      sent++
      const outcome = await send(baseUrl, spec, agent)
      onOutcome?.(spec, outcome, w)
      if (!outcome.ok && stopOnError) return
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, async (_, w) => { await worker(w) }))
  } finally {
    agent.destroy()
  }
  return sent
}

/** A request written by hand over a socket, so that its body can arrive slowly or not at all. */
export interface RawExchange {
  socket: Socket
  /** Everything the server wrote, once it closed the connection. */
  closed: Promise<string>
  write (text: string): boolean
}

export async function openRaw (baseUrl: string, head: string): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl)
  const socket = connect({ host: hostname, port: Number(port) })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let received = ''
  socket.on('data', (chunk: Buffer) => { received += chunk.toString('utf8') })
  const closed = new Promise<string>((resolve) => {
    socket.on('error', () => {})
    socket.on('close', () => resolve(received))
  })
  socket.write(head)
  return { socket, closed, write: (text) => socket.write(text) }
}

/** Splits a raw HTTP/1.1 response into status, lower-case headers and body. */
export function parseRawResponse (raw: string): HttpResult {
  const end = raw.indexOf('\r\n\r\n')
  const [statusLine = '', ...headerLines] = raw.slice(0, end).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.slice(end + 4) }
}

/** One line per figure, for the Reliability table of docs/reliability.md. */
export function reportFigures (area: string, figures: Record<string, number | string>): void {
  console.log(`[reliability] ${area}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`)
}

export async function sleep (ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}

/** The emulator's own seeded generator (mulberry32), so load runs are repeatable. */
export { seededRandom } from '../../src/core/seed/prng.js'

export interface ContactBody {
  emails: string[]
  phones: string[]
  names: string[]
  locations: string[]
  custom_fields?: Record<string, string | number>
}

/** A create body whose first email is unique (`tag`), with a random number of items in each collection. */
export function contactBody (tag: string, random: () => number): ContactBody {
  const some = (max: number, make: (i: number) => string) =>
    Array.from({ length: Math.floor(random() * (max + 1)) }, (_, i) => make(i))
  return {
    emails: [`${tag}@load.example`, ...some(3, (i) => `${tag}.${i}@alt.example`)],
    phones: some(3, (i) => `+1 555 ${String(i).padStart(4, '0')}`),
    names: some(2, (i) => `Name ${tag} ${i}`),
    locations: some(2, (i) => `City ${i}`),
    ...(random() < 0.3 && {
      custom_fields: { profile_field_1: `note ${tag}`, profile_field_16: Math.floor(random() * 1000) }
    })
  }
}
