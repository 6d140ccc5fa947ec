// The tracking routes' one handler: POST /events/track and the older POST /events (Decision D52). A valid body
// is accepted into the Space's durable queue and answered 202 at once (Decisions D35 to D37, D40).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { EmulatorCore } from '../../core/emulator.js'
import { warnUnknownFields } from '../../http/request-context.js'
import { MESSAGES } from '../../wire/errors.js'
import type { Endpoint } from '../../wire/rate-limits.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import { readTrackedEvent, TRACK_FIELDS } from '../../wire/track-event.js'

export const TrackAcceptedSchema = Type.Object({ status: Type.Literal(202), message: Type.String() })

/** The body is read by code (wire/track-event.ts), so that every rule answers Laravel's own text. */
const TrackBodySchema = Type.Object({}, {
  additionalProperties: true,
  description: 'event_name and an identity (email, comet_token, or fingerprint + ip), and the other documented ' +
    'fields: full_name, first_name, last_name, phone, user_agent, event_time, url, amount, order_id, order_name, ' +
    'checkout_token, is_upsell, upsell_common_id, comet_source, comet_network, comet_campaign, comet_ad_group, ' +
    'comet_ad_id, comet_keyword, comet_type, idempotency_key, do_not_capi, tracking_id.'
})

export interface TrackRoute {
  url: string
  endpoint: Endpoint
  summary: string
  legacy: boolean
  warning?: string
}

export function trackRoute (app: FastifyInstance, emulator: EmulatorCore, route: TrackRoute): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(route.url, {
    config: {
      endpoint: route.endpoint,
      resource: 'events',
      ...(route.warning !== undefined && { warning: route.warning })
    },
    schema: {
      summary: route.summary,
      tags: ['Events'],
      body: TrackBodySchema,
      response: { 202: TrackAcceptedSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request, reply) => {
    const body = request.body as Record<string, unknown>
    warnUnknownFields(request, body, TRACK_FIELDS)
    const event = readTrackedEvent(body, { legacy: route.legacy })
    const { space } = request
    // A retry with an idempotency key seen in the last 24 hours is a no-op with the same answer (Decision D40).
    await emulator.events.accept(space.id, space.partitionId, event, emulator.clock.now(space.id))
    return await reply.code(202).send({ status: 202 as const, message: MESSAGES.eventAccepted })
  })
}
