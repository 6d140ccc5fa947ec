// @ts-nocheck
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptime_ms: Type.Integer()
})

/** GET /_emulator/health: no key, no rate limit; answers once the database is open and migrated. */
export default async function health (app: FastifyInstance, { version }: { version: string }): Promise<void> {
  const started = Date.now()
  app.withTypeProvider<TypeBoxTypeProvider>().get('/health', {
    schema: { summary: 'Liveness and readiness', tags: ['Emulator'], response: { 200: HealthSchema } }
  }, async () => ({ status: 'ok' as const, version, uptime_ms: Date.now() - started }))
}
