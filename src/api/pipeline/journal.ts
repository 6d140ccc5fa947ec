// Records every request to the Cometly surface in the journal. Registered first in the Cometly scope, so its
// hooks see the requests that fail authentication too; the control plane has no such hook, so control calls
// are never journaled.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { bearerKey, keyHint } from '../../wire/api-keys.js'
import type { Clock } from '../../core/clock.js'
import type { Journal } from '../../core/journal.js'

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

function rateLimitState (reply: FastifyReply): { limit: number, remaining: number } | null {
  const limit = reply.getHeader('x-ratelimit-limit')
  const remaining = reply.getHeader('x-ratelimit-remaining')
  if (limit === undefined || remaining === undefined) return null
  return { limit: Number(limit), remaining: Number(remaining) }
}

/** Writes one entry; `status` 0 marks a dropped connection. What only a reader needs (the response parsed, the
 * headers redacted, the query copied, the time as text) is done when the entry is first read: most entries never
 * are, and building them for every request was most of the journal's cost per request. */
export function recordRequest (journal: Journal, now: number, request: FastifyRequest, status: number,
  responseText: string | null, reply?: FastifyReply): void {
  const path = request.url.split('?', 1)[0] ?? '/'
  const text = responseText !== null && responseText.length > JOURNAL_BODY_LIMIT ? null : responseText
  const query = request.query as Record<string, unknown> | undefined
  // The headers object, not the request: an entry must not keep the request (and its socket) alive.
  const sent = request.headers
  let parsed: { value: unknown } | undefined
  // Taken now (a fresh object), turned into strings only if someone reads the entry.
  const sentHeaders = reply === undefined ? {} : reply.getHeaders() as OutgoingHeaders
  let responseHeaders: Record<string, string> | undefined
  let headers: Record<string, string> | undefined
  let time: string | undefined
  journal.record({
    id: journal.nextId(),
    space_id: request.space?.id ?? null,
    get time () {
      time ??= new Date(now).toISOString()
      return time
    },
    method: request.method,
    path,
    route: request.routeOptions.url ?? null,
    // A copy: nothing changes the query after the response, but a reader may.
    query: query === undefined ? {} : { ...query },
    get headers () {
      headers ??= redactedHeaders(sent)
      return headers
    },
    body: request.body ?? null,
    status,
    get response_headers () {
      responseHeaders ??= headerStrings(sentHeaders)
      return responseHeaders
    },
    get response_body () {
      parsed ??= { value: parsePayload(text) }
      return parsed.value
    },
    duration_ms: Math.round((reply?.elapsedTime ?? 0) * 100) / 100,
    rate_limit: reply === undefined ? null : rateLimitState(reply),
    fault: request.fault
  })
}

async function journalPlugin (app: FastifyInstance,
  { journal, clock }: { journal: Journal, clock: Clock }): Promise<void> {
  app.decorateRequest('journalPayload', null)
  app.decorateRequest('fault', null)
  if (!journal.enabled) return

  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload === 'string') request.journalPayload = payload
    else if (Buffer.isBuffer(payload)) {
      const json = reply.getHeader('content-type')?.toString().includes('json') === true
      request.journalPayload = json ? payload.toString('utf8') : null
    }
    return payload
  })

  app.addHook('onResponse', async (request, reply) => {
    recordRequest(journal, clock.now(request.space?.id), request, reply.statusCode, request.journalPayload, reply)
  })
}

export default fp(journalPlugin, { name: 'cometly-journal' })
