// Bearer-key authentication for the Cometly surface. Runs in onRequest, before the rate limiter, so a 401
// spends no Space's budget (Decision D10); the 403s come after the limiter (authorization, below).
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
import { routeOf } from '../../http/request-context.js'
import { bearerKey } from '../../wire/api-keys.js'
import { ForbiddenError, MESSAGES, UnauthenticatedError } from '../../wire/errors.js'
import type { Credential, SpaceRegistry, SpaceState } from '../../core/spaces/registry.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The Space of the request's API key; set for every request that passed authentication. */
    space: SpaceState
    credential: Credential
  }
  interface FastifyContextConfig {
    /** The resource a route belongs to, for keys restricted to some resources. */
    resource?: string
  }
}

async function auth (app: FastifyInstance, { registry }: { registry: SpaceRegistry }): Promise<void> {
  app.decorateRequest('space', null as unknown as SpaceState)
  app.decorateRequest('credential', null as unknown as Credential)

  // Callback hooks, not async ones: no promise per request (docs/performance.md, "Get by id").
  app.addHook('onRequest', (request, _reply, done) => {
    const key = bearerKey(request.headers.authorization)
    const credential = key === undefined ? undefined : registry.authenticate(key)
    if (credential === undefined) throw new UnauthenticatedError()
    request.space = credential.space
    request.credential = credential
    done()
  })
}

/**
 * The 403s: an inactive subscription (checked first), then a key outside its scopes (Decision D9). Registered
 * after the rate limiter, so that a 403 spends budget and carries the rate-limit headers (Decisions D10, D11).
 */
async function authorize (app: FastifyInstance): Promise<void> {
  const check = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const { credential } = request
    if (!credential.space.subscriptionActive) throw new ForbiddenError(MESSAGES.subscriptionInactive)
    const resource = routeOf(request).config.resource
    if (credential.scopes !== null && resource !== undefined && !credential.scopes.includes(resource)) {
      throw new ForbiddenError(MESSAGES.keyNotPermitted)
    }
    done()
  }
  // @fastify/rate-limit adds its preValidation hook to each route as the route is added; route hooks run after
  // the scope's, so this one is appended to the route too, after the limiter's (this onRoute hook runs later).
  app.addHook('onRoute', (route) => {
    const hooks = route.preValidation === undefined ? [] : [route.preValidation].flat()
    route.preValidation = [...hooks, check]
  })
}

export default fp(auth, { name: 'cometly-auth' })
export const authorization = fp(authorize, { name: 'cometly-authorization', dependencies: ['cometly-rate-limit'] })
