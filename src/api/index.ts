// The emulated Cometly API under /public-api/v1: authentication, then rate limits, then the resources.
import type { FastifyInstance } from 'fastify'
import faults from './pipeline/faults.js'
import journal from './pipeline/journal.js'
import auth from './pipeline/auth.js'
import jsonBody from './pipeline/json-body.js'
import rateLimit, { type RateLimitWindows } from './pipeline/rate-limit.js'
import type { SpaceRegistry } from '../core/spaces/registry.js'
import contacts from './contacts/index.js'
import { createValidatorCompiler } from '../wire/validation.js'

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
