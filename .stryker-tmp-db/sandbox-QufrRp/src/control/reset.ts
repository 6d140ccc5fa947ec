// @ts-nocheck
// Reset over HTTP: one Space, or everything. The core swaps in empty partitions, so either costs milliseconds
// whatever is stored.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

const ResetResultSchema = Type.Object({
  reset: Type.Array(Type.Integer(),
    { description: 'The Spaces that were emptied.' })
})

export default async function resetRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post('/reset', {
    schema: {
      summary: 'Reset everything: empty every Space, clear journals, faults, rate-limit windows and the virtual clock',
      tags: ['State'],
      response: { 200: ResetResultSchema, ...CONTROL_ERRORS }
    }
  }, async () => ({ reset: await emulator.spaces.resetAll() }))

  r.post('/spaces/:spaceId/reset', {
    schema: {
      summary: 'Reset one Space: its data, journal, faults, rate-limit windows and clock',
      tags: ['State'],
      params: SpaceIdParamsSchema,
      response: { 200: ResetResultSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    await emulator.spaces.reset(request.params.spaceId)
    return { reset: [request.params.spaceId] }
  })
}
