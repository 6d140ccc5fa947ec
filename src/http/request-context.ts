// What every response carries: the request id (X-Request-Id, also in every log line of the request) and the
// emulator's warnings (X-Emulator-Warning), plus one log line per finished request.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyRequest {
    /** Things the emulator noticed that Cometly would pass over in silence (ignored fields, a bad body). */
    warnings: string[] | null
    /** What routeOf() read, kept for the rest of the request. */
    routeOptionsRead: FastifyRequest['routeOptions'] | null
  }
}

/** request.routeOptions, read once per request: Fastify builds a new object on every read, and the pipeline
 * needs it five or six times per request (docs/performance.md, "Get by id"). */
export function routeOf (request: FastifyRequest): FastifyRequest['routeOptions'] {
  request.routeOptionsRead ??= request.routeOptions
  return request.routeOptionsRead
}

const CALLER_REQUEST_ID = /^[\w.:-]{1,128}$/

/** Keeps a caller's own X-Request-Id when it is a plain token, so its logs and ours line up. */
export function requestId (request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID()
}

/** Adds a warning to the request's X-Emulator-Warning header. */
export function warn (request: FastifyRequest, warning: string): void {
  (request.warnings ??= []).push(warning)
}

/** Names the top-level body fields that Cometly would ignore in silence (Decision D8). */
export function warnUnknownFields (request: FastifyRequest, body: object, known: readonly string[]): void {
  const ignored = Object.keys(body).filter((key) => !known.includes(key))
  if (ignored.length === 0) return
  warn(request, `ignored unknown fields: ${ignored.map((key) => JSON.stringify(key)).join(', ')}`)
}

// Header values must be visible ASCII; a warning may quote a caller's field names.
function headerSafe (text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 2000)
}

const HEALTH_URL = '/_emulator/health'
const SECRET_PARAM = /([?&][^=&]*(?:key|token|secret|password|auth)[^=&]*=)[^&]*/gi

/** Cometly takes keys only in the Authorization header, but a client may put one in the query by mistake:
 * the log line keeps the parameter's name and drops its value. */
export function redactQuery (url: string): string {
  return url.includes('?') ? url.replace(SECRET_PARAM, '$1[redacted]') : url
}

async function requestContext (app: FastifyInstance): Promise<void> {
  app.decorateRequest('warnings', null)
  app.decorateRequest('routeOptionsRead', null)

  // Callback hooks, not async ones: these run on every request (see error-handler.ts).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })

  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.warnings !== null) reply.header('x-emulator-warning', headerSafe(request.warnings.join('; ')))
    done(null, payload)
  })

  app.addHook('onResponse', (request, reply, done) => {
    // Container healthchecks poll every few seconds: their lines would drown the rest at info.
    const level = request.url === HEALTH_URL ? 'debug' : 'info'
    request.log[level]({
      method: request.method,
      url: redactQuery(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100
    }, 'request')
    done()
  })
}

export default fp(requestContext, { name: 'request-context' })
