// The emulated Cometly API under /public-api/v1: authentication, then rate limits, then the resources.
import type { FastifyInstance } from 'fastify'
import faults from '../faults/plugin.js'
import journal from '../journal/plugin.js'
import auth from '../plugins/auth.js'
import jsonBody from '../plugins/json-body.js'
import rateLimit, { type RateLimitWindows } from '../plugins/rate-limit.js'
import type { SpaceRegistry } from '../spaces/registry.js'
import contacts from './contacts/index.js'
import { createValidatorCompiler } from './validation.js'

export interface CometlyApiOptions {
  registry: SpaceRegistry
  windows: RateLimitWindows
}

export default async function cometlyApi (app: FastifyInstance, { registry, windows }: CometlyApiOptions): Promise<void> {
  const { config, clock } = app
  app.setValidatorCompiler(createValidatorCompiler({ strict: config.strict }))
  await app.register(jsonBody)
  // The journal's hooks first, so that it also records requests that fail authentication.
  await app.register(journal, { journal: app.emulator.journal })
  // Auth runs in onRequest and the limiter in preValidation, so a 401 costs no budget and a 422 does.
  await app.register(auth, { registry })
  // Faults after auth (they are per Space) and before the limiter, whose preValidation hook comes later.
  await app.register(faults, { faults: app.emulator.faults, journal: app.emulator.journal, header: config.faultHeader })
  await app.register(rateLimit, { windows, clock, settings: { enabled: config.rateLimits, scale: config.rateLimitScale } })
  await app.register(contacts)
}
