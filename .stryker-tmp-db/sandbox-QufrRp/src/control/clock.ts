// @ts-nocheck
// The virtual clock over HTTP: freeze, set, advance and reset time, globally or for one Space. It is the
// clock of created_at, date filters, rate-limit windows, export progress and link expiry.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CLOCK_STEP_MAX_MS } from '../wire/bounds.js'
import { TimeSchema } from '../wire/schemas.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

export const ClockViewSchema = Type.Object({
  space_id: Type.Union([Type.Integer(), Type.Null()]),
  now: Type.String(),
  now_ms: Type.Integer(),
  frozen: Type.Boolean(),
  offset_ms: Type.Integer({
    description: 'How far this layer runs ahead of the one below (real time, or the global clock for a Space).'
  })
})

const FreezeSchema = Type.Object({ at: Type.Optional(TimeSchema) }, { additionalProperties: false })
const SetSchema = Type.Object({ to: TimeSchema }, { additionalProperties: false })
const AdvanceSchema = Type.Object(
  {
    ms: Type.Integer({
      minimum: -CLOCK_STEP_MAX_MS,
      maximum: CLOCK_STEP_MAX_MS,
      description: 'Milliseconds to move forward (negative moves back); the result must stay within the time range.'
    })
  },
  { additionalProperties: false }
)

export default async function clockRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const view = (id: number | undefined) => emulator.clockView(id)

  for (const scope of ['global', 'space'] as const) {
    const base = scope === 'global' ? '/clock' : '/spaces/:spaceId/clock'
    const tags = ['Clock']
    const params = scope === 'space' ? { params: SpaceIdParamsSchema } : {}
    const response = { 200: ClockViewSchema, ...(scope === 'space' && { 404: ErrorSchema }), ...CONTROL_ERRORS }
    const who = scope === 'global' ? 'the global clock' : 'a Space\'s own clock'
    // Reading a Space's id (and checking the Space exists) once for every route of the Space scope.
    const spaceOf = async (request: { params: unknown }): Promise<number | undefined> => {
      if (scope === 'global') return undefined
      const id = (request.params as { spaceId: number }).spaceId
      emulator.spaces.require(id)
      return id
    }

    r.get(base, {
      schema: {
        summary: `Read ${who}`,
        tags,
        ...params,
        response
      }
    }, async (request) => view(await spaceOf(request)))

    r.post(`${base}/freeze`, {
      schema: {
        summary: `Freeze ${who} (now, or at a given time)`,
        tags,
        ...params,
        body: FreezeSchema,
        response
      }
    }, async (request) => emulator.freezeClock(request.body.at, await spaceOf(request)))

    r.post(`${base}/unfreeze`, {
      schema: {
        summary: `Let ${who} run again from where it stands`,
        tags,
        ...params,
        response
      }
    }, async (request) => emulator.unfreezeClock(await spaceOf(request)))

    r.post(`${base}/set`, {
      schema: {
        summary: `Set ${who} to a time`,
        tags,
        ...params,
        body: SetSchema,
        response
      }
    }, async (request) => emulator.setClock(request.body.to, await spaceOf(request)))

    r.post(`${base}/advance`, {
      schema: {
        summary: `Move ${who} forward`,
        tags,
        ...params,
        body: AdvanceSchema,
        response
      }
    }, async (request) => emulator.advanceClock(request.body.ms, await spaceOf(request)))

    r.delete(base, {
      schema: {
        summary: `Reset ${who} to real time (the global one also drops every Space's)`,
        tags,
        ...params,
        response
      }
    }, async (request) => emulator.resetClock(await spaceOf(request)))
  }
}
