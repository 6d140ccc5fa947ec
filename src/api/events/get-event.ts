// GET /public-api/v1/events/{event_id} (docs: get-event; Decisions D48 to D50): one conversion, not wrapped, its
// ids as decimal strings, with its URL and the touchpoints that led to it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { SpaceState } from '../../core/spaces/registry.js'
import type { Database } from '../../db/database.js'
import { findConversionRow, listNonDirectTouchpoints } from '../../db/event-reads.js'
import { DAY_MS } from '../../wire/attribution.js'
import { MESSAGES, NotFoundError } from '../../wire/errors.js'
import { configuredName } from '../../wire/events.js'
import { readPathId } from '../../wire/path-ids.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import { wireTimestamp } from '../../wire/time-zone.js'
import type { ApiOptions } from '../options.js'
import { EventIdParamsSchema, type EventObject, EventObjectSchema } from './read-schemas.js'

/** Decision D50: the default window of MCP get_workspace_context. */
const TOUCHPOINT_DAYS = 30

export async function getEvent (db: Kysely<Database>, space: SpaceState, id: number | undefined): Promise<EventObject> {
  const event = id === undefined ? undefined : await findConversionRow(db, space.partitionId, id)
  if (event === undefined) throw new NotFoundError(MESSAGES.eventNotFound)
  const touchpoints = await listNonDirectTouchpoints(db, event.contact_id,
    event.event_time - TOUCHPOINT_DAYS * DAY_MS, event.event_time)
  const eventName = event.event_name ?? ''
  // Decision D49: get-event types its ids as strings; list rows and export lines keep integers.
  return {
    id: String(event.id),
    profile_id: String(event.contact_id),
    company_id: event.company_id === null ? null : String(event.company_id),
    space_id: String(space.id),
    event_name: eventName,
    configured_name: configuredName(eventName, space.customEventLabels),
    amount: event.amount,
    is_upsell: event.is_upsell === 1,
    event_time_utc: wireTimestamp(event.event_time),
    order_id: event.order_id,
    order_name: event.order_name,
    event_url: event.event_url,
    touchpoints: touchpoints.map((t) => ({
      source: t.source,
      ad_name: t.ad_name,
      adset_name: t.adset_name,
      campaign_name: t.campaign_name,
      account_name: t.account_name,
      event_time_utc: wireTimestamp(t.event_time)
    }))
  }
}

export default async function getEventRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/events/:event_id', {
    config: { endpoint: 'getEvent', resource: 'events' },
    schema: {
      summary: 'Get an event',
      description: 'A conversion; a touchpoint\'s id is not an event (404).',
      tags: ['Events'],
      params: EventIdParamsSchema,
      response: { 200: EventObjectSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    const id = readPathId(request.params.event_id, MESSAGES.invalidEventId)
    return await getEvent(emulator.db, request.space, id)
  })
}
