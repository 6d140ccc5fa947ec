// Draining the event queues (Decision D37): apply every accepted event now, whatever the delay, so that a test
// need not wait for the clock.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

const DrainedSchema = Type.Object({ processed: Type.Integer({ description: 'Events applied.' }) })
const tags = ['Event queue']

export default async function eventRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post('/events/drain', {
    schema: {
      summary: 'Apply every Space\'s accepted events now, whatever the delay',
      tags,
      response: { 200: DrainedSchema, ...CONTROL_ERRORS }
    }
  }, async () => ({ processed: await emulator.events.run(true) }))

  r.post('/spaces/:spaceId/events/drain', {
    schema: {
      summary: 'Apply one Space\'s accepted events now, whatever the delay',
      tags,
      params: SpaceIdParamsSchema,
      response: { 200: DrainedSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    emulator.spaces.require(request.params.spaceId)
    return { processed: await emulator.events.run(true, request.params.spaceId) }
  })
}
