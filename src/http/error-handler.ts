// One renderer for every error: route errors, Fastify's own (bad content length, body too large...), the
// rate limiter's 429, unknown routes (404) and known paths with the wrong method (405). Whatever happens, the
// answer is Cometly's envelope, never Fastify's {statusCode, code, error} or a stack trace.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import createRouter, { type HTTPMethod } from 'find-my-way'
import { ApiError, MESSAGES, statusError } from '../wire/errors.js'
import { pathOf } from '../wire/laravel-query.js'

/** How long a connection that has sent nothing may stay once the server is closing. */
const SILENT_GRACE_MS = 50

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Laravel's `$request->path()`: no leading slash, no query, "/" for the root. */
function laravelPath (url: string): string {
  const path = pathOf(url).replace(/^\/+|\/+$/g, '')
  return path === '' ? '/' : path
}

function send (reply: FastifyReply, error: ApiError): FastifyReply {
  // Also here: an error thrown by an earlier onRequest hook than request-context's still carries the id.
  return reply.code(error.statusCode).header('x-request-id', reply.request.id).headers(error.headers).send(error.body())
}

function toApiError (error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error
  const status = error.statusCode ?? 500
  if (status === 413) return new ApiError(413, MESSAGES.payloadTooLarge)
  if (status >= 400 && status < 500) return statusError(status)
  request.log.error({ err: error }, 'request failed')
  return new ApiError(500, MESSAGES.serverError)
}

const CLIENT_ERRORS: Record<string, number> = { ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADER_OVERFLOW: 431 }

/**
 * Node's http server answers what never becomes a request (a head over the header limit, a request that
 * took longer than the request timeout, bytes that are not HTTP) on the socket itself; this answers in the
 * envelope instead of Fastify's default shape. Given to Fastify as `clientErrorHandler`.
 */
export function clientErrorHandler (error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const message = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  const headersSent = message?.headersSent === true
  if (socket.writable && !headersSent) {
    const status = CLIENT_ERRORS[error.code ?? ''] ?? 400
    const body = JSON.stringify(statusError(status).body())
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy()
}

async function errorHandler (app: FastifyInstance, { urlLimit }: { urlLimit: number }): Promise<void> {
  // Refuses work once the server is closing (in-flight requests still finish), in the envelope rather than
  // Fastify's own 503 body (return503OnClosing is off for this reason).
  let closing = false
  // A connection that has not sent a byte yet (a browser's speculative preconnect, an inspector tab's spare
  // socket) has nothing in flight, yet Node's server.close() waits for it. Once closing begins, each such
  // connection gets a moment to send its request (answered 503 below), then goes.
  const silent = new Set<Socket>()
  const dropIfSilent = (socket: Socket): void => {
    setTimeout(() => { if (socket.bytesRead === 0) socket.destroy() }, SILENT_GRACE_MS).unref()
  }
  app.server.on('connection', (socket: Socket) => {
    if (closing) {
      dropIfSilent(socket)
      return
    }
    silent.add(socket)
    socket.once('data', () => { silent.delete(socket) })
    socket.once('close', () => { silent.delete(socket) })
  })
  app.addHook('preClose', async () => {
    closing = true
    for (const socket of silent) dropIfSilent(socket)
  })
  // Hooks on every request's path take Fastify's callback form: an async hook costs a promise and a microtask
  // turn per request (docs/performance.md, "Get by id").
  app.addHook('onRequest', (request, _reply, done) => {
    if (closing) throw statusError(503, { connection: 'close' })
    // Node bounds the whole head (headerLimit); the target alone gets the tighter bound a front proxy sets.
    if (request.url.length > urlLimit) throw statusError(414)
    done()
  })
  // A request that was in flight when closing began still finishes, then frees its connection: without
  // this, server.close() waits for the keep-alive connection until the shutdown deadline.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })

  // Every route, whichever plugin adds it, so that a known path with another method can answer 405. The router
  // of them is built on the first 404 or 405: building it at start cost about 10 ms of every start.
  const declared: Array<{ method: HTTPMethod, url: string }> = []
  let routes: ReturnType<typeof createRouter> | undefined
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) declared.push({ method: method as HTTPMethod, url: route.url })
    routes = undefined
  })
  const router = (): ReturnType<typeof createRouter> => {
    if (routes === undefined) {
      routes = createRouter()
      for (const { method, url } of declared) {
        if (!routes.hasRoute(method, url)) routes.on(method, url, () => {})
      }
    }
    return routes
  }

  app.setErrorHandler((error: FastifyError, request, reply) => send(reply, toApiError(error, request)))

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url)
    const known = router()
    const allowed = METHOD_ORDER.filter((method) => method !== request.method &&
      known.find(method as HTTPMethod, path) !== null)
    if (allowed.length > 0) {
      return send(reply,
        new ApiError(405, MESSAGES.methodNotAllowed(request.method, laravelPath(request.url), allowed),
          { allow: allowed.join(', ') }))
    }
    return send(reply, new ApiError(404, MESSAGES.routeNotFound(laravelPath(request.url))))
  })
}

export default fp(errorHandler, { name: 'error-handler' })
