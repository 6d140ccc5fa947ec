// A Space's rate-limit windows over HTTP, read without spending budget: the inspector's gauges.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { RATE_LIMITS } from '../wire/rate-limits.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

const Nullable = (schema: ReturnType<typeof Type.Integer>) => Type.Union([schema, Type.Null()])

const GaugeSchema = Type.Object({
  endpoint: Type.String({ description: `A row of the limits table: ${Object.keys(RATE_LIMITS).join(', ')}.` }),
  limit: Nullable(Type.Integer({ description: 'Requests per window; null when limits are off for the Space.' })),
  used: Type.Integer({ description: 'Requests counted in the open window.' }),
  remaining: Nullable(Type.Integer()),
  resets_in_ms: Nullable(Type.Integer({ description: 'Until the open window ends, on the Space\'s clock.' })),
  window_ms: Type.Integer()
})

export default async function rateLimitRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/spaces/:spaceId/rate-limits', {
    schema: {
      summary: 'Each endpoint\'s rate-limit window in a Space: used of limit, and when it resets',
      tags: ['Spaces'],
      params: SpaceIdParamsSchema,
      response: {
        200: Type.Object({ now: Type.String(), data: Type.Array(GaugeSchema) }),
        404: ErrorSchema,
        ...CONTROL_ERRORS
      }
    }
  }, async (request) => {
    const gauges = emulator.rateLimitGauges(request.params.spaceId)
    return { now: emulator.clockView(request.params.spaceId).now, data: gauges }
  })
}
