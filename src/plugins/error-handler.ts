// One renderer for every error: route errors, Fastify's own (bad content length, body too large...), the
// rate limiter's 429, unknown routes (404) and known paths with the wrong method (405). Whatever happens, the
// answer is Cometly's envelope, never Fastify's {statusCode, code, error} or a stack trace.
import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import createRouter, { type HTTPMethod } from 'find-my-way'
import { ApiError, MESSAGES } from '../cometly/errors.js'

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Laravel's `$request->path()`: no leading slash, no query, "/" for the root. */
function laravelPath (url: string): string {
  const path = url.split('?', 1)[0]?.replace(/^\/+|\/+$/g, '') ?? ''
  return path === '' ? '/' : path
}

function send (reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(error.body())
}

function toApiError (error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error
  const status = error.statusCode ?? 500
  if (status === 413) return new ApiError(413, MESSAGES.payloadTooLarge)
  if (status >= 400 && status < 500) return new ApiError(status, STATUS_CODES[status] ?? 'Bad Request')
  request.log.error({ err: error }, 'request failed')
  return new ApiError(500, MESSAGES.serverError)
}

async function errorHandler (app: FastifyInstance): Promise<void> {
  // Every route, whichever plugin adds it, so that a known path with another method can answer 405.
  const routes = createRouter()
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (!routes.hasRoute(method as HTTPMethod, route.url)) routes.on(method as HTTPMethod, route.url, () => {})
    }
  })

  app.setErrorHandler((error: FastifyError, request, reply) => send(reply, toApiError(error, request)))

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/'
    const allowed = METHOD_ORDER.filter((method) => method !== request.method && routes.find(method as HTTPMethod, path) !== null)
    if (allowed.length > 0) {
      return send(reply, new ApiError(405, MESSAGES.methodNotAllowed(request.method, laravelPath(request.url), allowed), { allow: allowed.join(', ') }))
    }
    return send(reply, new ApiError(404, MESSAGES.routeNotFound(laravelPath(request.url))))
  })
}

export default fp(errorHandler, { name: 'error-handler' })
