// @ts-nocheck
// The emulator's own control plane, under /_emulator: never part of Cometly's URL space, never rate-limited,
// never journaled. Health is always served and never needs the admin token (container healthchecks); the
// rest exists only when the control plane is on. Every route is a thin adapter over the emulator core.
import type { FastifyInstance } from 'fastify'
import { createValidatorCompiler } from '../wire/validation.js'
import clockRoutes from './clock.js'
import docs from './docs.js'
import faultRoutes from './faults.js'
import guard from './guard.js'
import health from './health.js'
import journalRoutes from './journal.js'
import type { ControlOptions } from './options.js'
import resetRoutes from './reset.js'
import seedRoutes from './seed.js'
import snapshotRoutes from './snapshots.js'
import spacesRoutes from './spaces.js'

export interface ControlPlaneOptions extends ControlOptions {
  version: string
}

export default async function controlPlane (app: FastifyInstance,
  { emulator, version }: ControlPlaneOptions): Promise<void> {
  await app.register(health, { version })
  if (!emulator.config.controlPlane) return
  // The documents describe, they control nothing: a browser can open them without the admin token.
  await app.register(docs)
  await app.register(async (guarded) => {
    guarded.setValidatorCompiler(createValidatorCompiler({ strict: false, decimalIntegers: true }))
    await guarded.register(guard, {
      adminToken: emulator.config.adminToken,
      bodyLimit: emulator.config.controlBodyLimit
    })
    for (const routes of [spacesRoutes, resetRoutes, seedRoutes, snapshotRoutes, journalRoutes, faultRoutes,
      clockRoutes]) {
      await guarded.register(routes, { emulator })
    }
  })
}
