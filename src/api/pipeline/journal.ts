// Records every request to the Cometly surface in the journal. Registered first in the Cometly scope, so its
// hooks see the requests that fail authentication too; the control plane has no such hook, so control calls
// are never journaled.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { routeOf } from '../../http/request-context.js'
import { bearerKey, keyHint } from '../../wire/api-keys.js'
import { pathOf } from '../../wire/laravel-query.js'
import type { Clock } from '../../core/clock.js'
import { type Journal, type JournalEntry, plainEntry } from '../../core/journal.js'

/** Response bodies larger than this are journaled as null. */
export const JOURNAL_BODY_LIMIT = 64 * 1024

declare module 'fastify' {
  interface FastifyRequest {
    journalPayload: string | null
    /** Set by the fault plugin when a fault shaped the answer. */
    fault: string | null
  }
}

/** Headers some clients put a key or a session in instead of Authorization: never journaled either. */
const CREDENTIAL_HEADERS = new Set(['x-api-key', 'api-key', 'x-auth-token', 'proxy-authorization', 'cookie'])

function redactedHeaders (raw: FastifyRequest['headers']): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    headers[name] = CREDENTIAL_HEADERS.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value
  }
  if (headers.authorization !== undefined) {
    const key = bearerKey(headers.authorization)
    // Never the key itself: its last four characters are enough to tell keys apart.
    headers.authorization = key === undefined ? '[redacted]' : `Bearer ${keyHint(key)}`
  }
  return headers
}

function parsePayload (payload: string | null): unknown {
  if (payload === null) return null
  try {
    return JSON.parse(payload)
  } catch {
    return payload
  }
}

type OutgoingHeaders = Record<string, number | string | string[] | undefined>

function headerStrings (headers: OutgoingHeaders): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return result
}

function rateLimitState (headers: OutgoingHeaders): { limit: number, remaining: number } | null {
  const limit = headers['x-ratelimit-limit']
  const remaining = headers['x-ratelimit-remaining']
  if (limit === undefined || remaining === undefined) return null
  return { limit: Number(limit), remaining: Number(remaining) }
}

/**
 * One journal entry. What only a reader needs (the response parsed, the headers redacted or turned into strings,
 * the time as text, the rate-limit state) is done when the entry is first read: most entries never are. A class,
 * so that those getters live once on the prototype: an object literal with its own getters cost a closure each
 * and a slow object per request (docs/performance.md, "Get by id"). Readers outside the emulator get plain copies
 * (plainEntry), and JSON.stringify gets one through toJSON.
 */
class RecordedRequest implements JournalEntry {
  readonly id: number
  readonly space_id: number | null
  readonly method: string
  readonly path: string
  readonly route: string | null
  readonly query: Record<string, unknown>
  readonly body: unknown
  readonly status: number
  readonly duration_ms: number
  readonly fault: string | null
  readonly #now: number
  // The headers object, not the request: an entry must not keep the request (and its socket) alive.
  readonly #sent: FastifyRequest['headers']
  // Taken when recorded (a fresh object), turned into strings only if someone reads the entry.
  readonly #sentBack: OutgoingHeaders
  readonly #text: string | null
  #time: string | undefined
  #headers: Record<string, string> | undefined
  #responseHeaders: Record<string, string> | undefined
  #parsed: { value: unknown } | undefined
  #rateLimit: { limit: number, remaining: number } | null | undefined

  constructor (id: number, now: number, request: FastifyRequest, status: number, text: string | null,
    reply: FastifyReply | undefined) {
    const query = request.query as Record<string, unknown> | undefined
    this.id = id
    this.space_id = request.space?.id ?? null
    this.method = request.method
    this.path = pathOf(request.url)
    this.route = routeOf(request).url ?? null
    // Nothing changes the query after the response; readers outside get a copy (plainEntry).
    this.query = query ?? {}
    this.body = request.body ?? null
    this.status = status
    this.duration_ms = Math.round((reply?.elapsedTime ?? 0) * 100) / 100
    this.fault = request.fault
    this.#now = now
    this.#sent = request.headers
    this.#sentBack = reply === undefined ? {} : reply.getHeaders() as OutgoingHeaders
    this.#text = text
  }

  get time (): string {
    this.#time ??= new Date(this.#now).toISOString()
    return this.#time
  }

  get headers (): Record<string, string> {
    this.#headers ??= redactedHeaders(this.#sent)
    return this.#headers
  }

  get response_headers (): Record<string, string> {
    this.#responseHeaders ??= headerStrings(this.#sentBack)
    return this.#responseHeaders
  }

  get rate_limit (): { limit: number, remaining: number } | null {
    if (this.#rateLimit === undefined) this.#rateLimit = rateLimitState(this.#sentBack)
    return this.#rateLimit
  }

  get response_body (): unknown {
    this.#parsed ??= { value: parsePayload(this.#text) }
    return this.#parsed.value
  }

  toJSON (): JournalEntry {
    return plainEntry(this)
  }
}

/** Writes one entry; `status` 0 marks a dropped connection. */
export function recordRequest (journal: Journal, now: number, request: FastifyRequest, status: number,
  responseText: string | null, reply?: FastifyReply): void {
  const text = responseText !== null && responseText.length > JOURNAL_BODY_LIMIT ? null : responseText
  journal.record(new RecordedRequest(journal.nextId(), now, request, status, text, reply))
}

async function journalPlugin (app: FastifyInstance,
  { journal, clock }: { journal: Journal, clock: Clock }): Promise<void> {
  app.decorateRequest('journalPayload', null)
  app.decorateRequest('fault', null)
  if (!journal.enabled) return

  // Callback hooks, not async ones: no promise per request (docs/performance.md, "Get by id").
  app.addHook('onSend', (request, reply, payload, done) => {
    if (typeof payload === 'string') request.journalPayload = payload
    else if (Buffer.isBuffer(payload)) {
      const json = reply.getHeader('content-type')?.toString().includes('json') === true
      request.journalPayload = json ? payload.toString('utf8') : null
    }
    done(null, payload)
  })

  app.addHook('onResponse', (request, reply, done) => {
    recordRequest(journal, clock.now(request.space?.id), request, reply.statusCode, request.journalPayload, reply)
    done()
  })
}

export default fp(journalPlugin, { name: 'cometly-journal' })
