// @ts-nocheck
// Bearer-key authentication for the Cometly surface. Runs in onRequest, before the rate limiter, so a 401
// spends no Space's budget (Decisions D9 and D10).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
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

  app.addHook('onRequest', async (request) => {
    const key = bearerKey(request.headers.authorization)
    const credential = key === undefined ? undefined : registry.authenticate(key)
    if (credential === undefined) throw new UnauthenticatedError()
    if (!credential.space.subscriptionActive) throw new ForbiddenError(MESSAGES.subscriptionInactive)
    const resource = request.routeOptions.config.resource
    if (credential.scopes !== null && resource !== undefined && !credential.scopes.includes(resource)) {
      throw new ForbiddenError(MESSAGES.keyNotPermitted)
    }
    request.space = credential.space
    request.credential = credential
  })
}

export default fp(auth, { name: 'cometly-auth' })
