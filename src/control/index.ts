// The emulator's own control plane, under /_emulator: never part of Cometly's URL space, never rate-limited,
// never journaled. Health never needs the admin token (container healthchecks); the rest exists only when the
// control plane is on. Every route is a thin adapter over the emulator core. The served app answers health
// itself and forwards the rest here (forward.ts); this instance has health too, for its 405s and the document.
import type { FastifyInstance } from 'fastify'
import { createValidatorCompiler } from '../wire/validation.js'
import clockRoutes from './clock.js'
import docs, { type DocsOptions } from './docs.js'
import eventRoutes from './events.js'
import faultRoutes from './faults.js'
import guard from './guard.js'
import health from './health.js'
import dataRoutes from './data.js'
import journalRoutes from './journal.js'
import journalStream from './journal-stream.js'
import rateLimitRoutes from './rate-limits.js'
import type { ControlOptions } from './options.js'
import resetRoutes from './reset.js'
import seedRoutes from './seed.js'
import snapshotRoutes from './snapshots.js'
import spacesRoutes from './spaces.js'
import inspector from './ui/index.js'

export interface ControlPlaneOptions extends ControlOptions, DocsOptions {
  version: string
}

export default async function controlPlane (app: FastifyInstance,
  { emulator, version, document }: ControlPlaneOptions): Promise<void> {
  await app.register(health, { version })
  if (!emulator.config.controlPlane) return
  // The documents describe, they control nothing: a browser can open them without the admin token. The
  // inspector's page is the same: it holds no data, and asks for the token before it reads any.
  await app.register(docs, { document })
  await app.register(inspector)
  await app.register(async (guarded) => {
    guarded.setValidatorCompiler(createValidatorCompiler({ strict: false, decimalIntegers: true }))
    await guarded.register(guard, {
      adminToken: emulator.config.adminToken,
      bodyLimit: emulator.config.controlBodyLimit
    })
    for (const routes of [spacesRoutes, resetRoutes, seedRoutes, snapshotRoutes, journalRoutes, journalStream,
      faultRoutes, clockRoutes, eventRoutes, rateLimitRoutes, dataRoutes]) {
      await guarded.register(routes, { emulator })
    }
  })
}
