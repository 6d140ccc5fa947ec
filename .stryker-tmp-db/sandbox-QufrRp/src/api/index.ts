// @ts-nocheck
// The emulated Cometly API under /public-api/v1 and its request pipeline: the journal, authentication, faults,
// the rate limiter, then the resources. A resource is a folder of routes, schemas and the work they do.
import type { FastifyInstance } from 'fastify'
import { createValidatorCompiler } from '../wire/validation.js'
import contacts from './contacts/index.js'
import type { ApiOptions } from './options.js'
import auth from './pipeline/auth.js'
import faults from './pipeline/faults.js'
import journal from './pipeline/journal.js'
import jsonBody from './pipeline/json-body.js'
import rateLimit from './pipeline/rate-limit.js'

export default async function cometlyApi (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  const { config, clock } = emulator
  const settings = { enabled: config.rateLimits, scale: config.rateLimitScale }
  app.setValidatorCompiler(createValidatorCompiler({ strict: config.strict }))
  await app.register(jsonBody)
  // The journal's hooks first, so that it also records requests that fail authentication.
  await app.register(journal, { journal: emulator.journal, clock })
  // Auth runs in onRequest and the limiter in preValidation, so a 401 costs no budget and a 422 does.
  await app.register(auth, { registry: emulator.registry })
  // Faults after auth (they are per Space) and before the limiter, whose preValidation hook comes later.
  await app.register(faults, {
    faults: emulator.faults,
    journal: emulator.journal,
    clock,
    header: config.faultHeader,
    settings
  })
  await app.register(rateLimit, { windows: emulator.windows, clock, settings })
  await app.register(contacts, { emulator })
}
