// The emulator's own control plane, under /_emulator: never part of Cometly's URL space, never rate-limited,
// never journaled. Health is always served and never needs the admin token (container healthchecks); the
// rest exists only when the control plane is on.
import type { FastifyInstance } from 'fastify'
import { createValidatorCompiler } from '../wire/validation.js'
import clockRoutes from './clock.js'
import docs from './docs.js'
import faultRoutes from './faults.js'
import guard from './guard.js'
import health from './health.js'
import journalRoutes from './journal.js'
import resetRoutes from './reset.js'
import seedRoutes from './seed.js'
import snapshotRoutes from './snapshots.js'
import spacesRoutes from './spaces.js'

export default async function controlPlane (app: FastifyInstance, { version }: { version: string }): Promise<void> {
  await app.register(health, { version })
  if (!app.config.controlPlane) return
  // The documents describe, they control nothing: a browser can open them without the admin token.
  await app.register(docs)
  await app.register(async (guarded) => {
    guarded.setValidatorCompiler(createValidatorCompiler({ strict: false }))
    await guarded.register(guard, { adminToken: app.config.adminToken })
    await guarded.register(spacesRoutes)
    await guarded.register(resetRoutes)
    await guarded.register(seedRoutes)
    await guarded.register(snapshotRoutes)
    await guarded.register(journalRoutes)
    await guarded.register(faultRoutes)
    await guarded.register(clockRoutes)
  })
}
