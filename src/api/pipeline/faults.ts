// Applies fault rules (and the X-Emulator-Fault header) in the Cometly scope, after authentication and body
// parsing (so the journal holds what a faulted request sent) and before the rate limiter: a fault stands for
// a failure in front of Cometly's application, so a faulted request spends no rate-limit budget. Forced errors
// carry exactly the body and headers Cometly would send for that status.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError, MESSAGES, statusError, TooManyRequestsError } from '../../wire/errors.js'
import { pathOf } from '../../wire/laravel-query.js'
import { type Endpoint, limitFor, type RateLimitSettings } from '../../wire/rate-limits.js'
import type { Clock } from '../../core/clock.js'
import type { Journal } from '../../core/journal.js'
import { recordRequest } from './journal.js'
import { routeOf, warn } from '../../http/request-context.js'
import { type FaultAction, type FaultBook, parseFaultHeader } from '../../core/faults.js'

export const DEFAULT_RETRY_AFTER_SECONDS = 60

export interface FaultPluginOptions {
  faults: FaultBook
  journal: Journal
  clock: Clock
  /** Whether the X-Emulator-Fault header is honoured. */
  header: boolean
  /** The limiter's settings: a forced 429 shows the limit the route really has. */
  settings: RateLimitSettings
}

/** The error Cometly answers with for a status. */
export function forcedError (request: FastifyRequest, now: number, status: number, action: FaultAction,
  settings: RateLimitSettings): ApiError {
  if (action.body !== undefined) {
    const error = new ApiError(status, typeof action.body.message === 'string' ? action.body.message : '')
    error.body = () => action.body as { message: string }
    return error
  }
  switch (status) {
    case 429: {
      const retryAfter = Math.max(1, action.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS)
      const error = new TooManyRequestsError(retryAfter, now + retryAfter * 1000)
      const endpoint = routeOf(request).config.endpoint as Endpoint | undefined
      const limit = endpoint === undefined ? null : limitFor(endpoint, settings, request.space.rateLimits)
      if (limit !== null) Object.assign(error.headers, { 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': 0 })
      return error
    }
    case 401: return new ApiError(401, MESSAGES.unauthenticated)
    case 403: return new ApiError(403, MESSAGES.subscriptionInactive)
    case 413: return new ApiError(413, MESSAGES.payloadTooLarge)
    case 500: return new ApiError(500, MESSAGES.serverError)
    default: return statusError(status)
  }
}

async function faultPlugin (app: FastifyInstance,
  { faults, journal, clock, header, settings }: FaultPluginOptions): Promise<void> {
  /** What a faulted request waits for and gets: latency, then a dropped connection or a forced error. */
  const apply = async (request: FastifyRequest, reply: FastifyReply, action: FaultAction): Promise<void> => {
    if (action.latency_ms !== undefined && action.latency_ms > 0) {
      await new Promise((resolve) => setTimeout(resolve, action.latency_ms))
    }
    if (action.drop === true) {
      recordRequest(journal, clock.now(request.space.id), request, 0, null)
      reply.hijack()
      request.raw.socket?.destroy()
      reply.raw.destroy()
      return
    }
    if (action.status !== undefined) {
      throw forcedError(request, clock.now(request.space.id), action.status, action, settings)
    }
  }

  // A callback hook: the requests without a fault, nearly all of them, cost no promise (docs/performance.md,
  // "Get by id").
  app.addHook('preValidation', (request, reply, done) => {
    let action: FaultAction | null = null
    const given = header ? request.headers['x-emulator-fault'] : undefined
    if (typeof given === 'string') {
      const parsed = parseFaultHeader(given)
      if (typeof parsed === 'string') warn(request, parsed)
      else action = parsed
    }
    const ruled = faults.evaluate(request.space.id, request.method, pathOf(request.url), routeOf(request).url ?? null)
    action ??= ruled
    if (action === null) {
      done()
      return
    }
    request.fault = action.source
    apply(request, reply, action).then(() => { done() }, done)
  })
}

export default fp(faultPlugin, { name: 'cometly-faults', dependencies: ['cometly-auth', 'cometly-journal'] })
