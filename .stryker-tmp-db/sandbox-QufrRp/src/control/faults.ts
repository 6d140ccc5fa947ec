// @ts-nocheck
// Fault rules over HTTP, per Space.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CONTROL_MESSAGES, notFound } from '../wire/control-errors.js'
import type { ControlOptions } from './options.js'
import {
  FAULT_COUNT_MAX, LATENCY_MAX_MS, RETRY_AFTER_MAX_SECONDS, SEED_MAX
} from '../wire/bounds.js'
import { CONTROL_ERRORS, ControlId, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

export const FaultSpecSchema = Type.Object({
  method: Type.Optional(Type.String({ description: 'Only this method; any when absent.' })),
  path: Type.Optional(Type.String({
    description: 'Only this path or route pattern (/public-api/v1/contacts/:id); a trailing * matches a prefix.'
  })),
  status: Type.Optional(Type.Integer({
    minimum: 400,
    maximum: 599,
    description: 'Answer this status with Cometly\'s body (429 with its headers).'
  })),
  body: Type.Optional(Type.Record(Type.String(), Type.Unknown(),
    { description: 'A body to send instead of Cometly\'s.' })),
  retry_after: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: RETRY_AFTER_MAX_SECONDS,
    description: `Retry-After of a forced 429, 1 to ${RETRY_AFTER_MAX_SECONDS} seconds (default 60).`
  })),
  latency_ms: Type.Optional(Type.Integer({
    minimum: 0,
    maximum: LATENCY_MAX_MS,
    description: `Milliseconds to wait before answering, 0 to ${LATENCY_MAX_MS}.`
  })),
  drop: Type.Optional(Type.Boolean({ description: 'Destroy the connection without an answer.' })),
  after: Type.Optional(Type.Integer({
    minimum: 0,
    maximum: FAULT_COUNT_MAX,
    description: `Let this many matching requests through first (0 to ${FAULT_COUNT_MAX}).`
  })),
  times: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: FAULT_COUNT_MAX,
    description: `Fire at most this many times (1 to ${FAULT_COUNT_MAX}).`
  })),
  probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  seed: Type.Optional(Type.Integer({
    minimum: 0,
    maximum: SEED_MAX,
    description: `Seed of the probability draws, 0 to ${SEED_MAX} (default 0): the same seed fires on the same ` +
      'requests.'
  }))
}, { additionalProperties: false })

export const FaultRuleSchema = Type.Object({
  ...FaultSpecSchema.properties,
  id: Type.Integer(),
  space_id: Type.Integer(),
  matched: Type.Integer({ description: 'Matching requests seen.' }),
  fired: Type.Integer()
})

const SpaceFaultParamsSchema = Type.Object({ spaceId: ControlId('Space'), faultId: ControlId('fault rule') })
const tags = ['Faults']

export default async function faultRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { faults, spaces } = emulator

  r.post('/spaces/:spaceId/faults', {
    schema: {
      summary: 'Add a fault rule to a Space',
      tags,
      params: SpaceIdParamsSchema,
      body: FaultSpecSchema,
      response: { 201: FaultRuleSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => await reply.code(201).send(emulator.addFault(request.params.spaceId, request.body)))

  r.get('/spaces/:spaceId/faults', {
    schema: {
      summary: 'A Space\'s fault rules, with their counters',
      tags,
      params: SpaceIdParamsSchema,
      response: { 200: Type.Object({ data: Type.Array(FaultRuleSchema) }), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    spaces.require(request.params.spaceId)
    return { data: faults.list(request.params.spaceId) }
  })

  r.delete('/spaces/:spaceId/faults/:faultId', {
    schema: {
      summary: 'Remove a fault rule',
      tags,
      params: SpaceFaultParamsSchema,
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    const { spaceId, faultId } = request.params
    if (!faults.remove(spaceId, faultId)) throw notFound(CONTROL_MESSAGES.faultNotFound(faultId))
    return await reply.code(204).send(null)
  })

  r.delete('/spaces/:spaceId/faults', {
    schema: {
      summary: 'Remove every fault rule of a Space',
      tags,
      params: SpaceIdParamsSchema,
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    spaces.require(request.params.spaceId)
    faults.clear(request.params.spaceId)
    return await reply.code(204).send(null)
  })

  r.get('/faults', {
    schema: {
      summary: 'Every Space\'s fault rules',
      tags,
      response: { 200: Type.Object({ data: Type.Array(FaultRuleSchema) }), ...CONTROL_ERRORS }
    }
  }, async () => ({ data: faults.list() }))

  r.delete('/faults', {
    schema: {
      summary: 'Remove every fault rule of every Space',
      tags,
      response: { 204: Type.Null(), ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    faults.clear()
    return await reply.code(204).send(null)
  })
}
