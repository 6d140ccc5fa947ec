// Cometly's limits through @fastify/rate-limit: a fixed window per Space and endpoint that starts with the
// first request counted in it (Laravel's limiter), on the injected clock. Every route of the scope this is
// registered in must name its endpoint in `config.endpoint`.
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { routeOf } from '../../http/request-context.js'
import type { Clock } from '../../core/clock.js'
import { type RateLimitWindows, windowKey } from '../../core/rate-limit-windows.js'
import { TooManyRequestsError } from '../../wire/errors.js'
import {
  type Endpoint,
  limitFor,
  RATE_LIMIT_WINDOW_MS,
  RATE_LIMITS,
  type RateLimitSettings
} from '../../wire/rate-limits.js'

type IncrCallback = (error: Error | null, result?: { current: number, ttl: number }) => void

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The row of the limits table this route spends from. */
    endpoint?: Endpoint
  }
}

export interface RateLimitOptions {
  windows: RateLimitWindows
  clock: Clock
  settings: RateLimitSettings
}

function endpointOf (request: FastifyRequest): Endpoint {
  return routeOf(request).config.endpoint as Endpoint
}

async function rateLimit (app: FastifyInstance, { windows, clock, settings }: RateLimitOptions): Promise<void> {
  app.addHook('onRoute', (route) => {
    const endpoint = route.config?.endpoint
    if (endpoint === undefined || !(endpoint in RATE_LIMITS)) {
      throw new Error(`route ${route.method} ${route.url} has no rate-limit endpoint`)
    }
  })

  await app.register(fastifyRateLimit, {
    global: true,
    // After body parsing and before validation: a 422 spends budget (Laravel's throttle middleware runs
    // before the validator), a 413 from the body parser does not (Laravel rejects it in global middleware).
    hook: 'preValidation',
    timeWindow: RATE_LIMIT_WINDOW_MS,
    store: class {
      incr (key: string, callback: IncrCallback, timeWindow: number, max: number): void {
        callback(null, windows.hit(key, timeWindow, max))
      }

      child () {
        return this
      }
    },
    keyGenerator: (request) => windowKey(request.space.id, endpointOf(request)),
    max: (request) => limitFor(endpointOf(request), settings, request.space.rateLimits) ?? Number.MAX_SAFE_INTEGER,
    allowList: (request) => limitFor(endpointOf(request), settings, request.space.rateLimits) === null,
    // Laravel sends X-RateLimit-Reset (a Unix time) and Retry-After only with a 429; the error carries both.
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': false },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': false,
      'retry-after': false
    },
    errorResponseBuilder: (request, context) =>
      new TooManyRequestsError(Math.ceil(context.ttl / 1000), clock.now(request.space.id) + context.ttl)
  })
}

export default fp(rateLimit, { name: 'cometly-rate-limit', dependencies: ['cometly-auth'] })
