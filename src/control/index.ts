// The emulator's own control plane, under /_emulator: never part of Cometly's URL space, never rate-limited.
import type { FastifyInstance } from 'fastify'
import health from './health.js'

export default async function controlPlane (app: FastifyInstance, { version }: { version: string }): Promise<void> {
  await app.register(health, { version })
}
