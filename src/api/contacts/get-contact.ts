// GET /public-api/v1/contacts/{id} (docs/contacts.md; the item shapes are Decisions D17 to D21).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { listBrowsingHits, listCometTokens, listContactEvents } from '../../db/activity.js'
import { findContactWithItems } from '../../db/contacts.js'
import type { Database } from '../../db/database.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import { MESSAGES, NotFoundError } from '../../wire/errors.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import { laravelTimestamp } from '../../wire/time-zone.js'
import { readFlag } from '../../wire/validation.js'
import { useLaravelQuery } from './query.js'
import { customFieldsOf } from './render.js'
import {
  ContactIdParamsSchema,
  type ContactObject,
  ContactObjectSchema,
  type GetContactQuery,
  GetContactQuerySchema
} from './schemas.js'
import type { ApiOptions } from '../options.js'

/** Documented bounds of the contact object's collections. */
export const CONTACT_LIMITS = { items: 25, cometTokens: 5, browsingHits: 1000, events: 1000 } as const

export async function getContact (db: Kysely<Database>, space: SpaceState, id: number,
  query: GetContactQuery): Promise<ContactObject> {
  const found = await findContactWithItems(db, space.partitionId, id, CONTACT_LIMITS.items)
  if (found === undefined) throw new NotFoundError(MESSAGES.contactNotFound)
  const { contact, items: { emails, phones, names, locations } } = found
  const result: ContactObject = {
    id,
    emails,
    phones,
    names,
    locations,
    custom_fields: customFieldsOf(contact,
      readFlag(query.use_custom_field_labels, false) ? space.customFieldLabels : null)
  }
  if (readFlag(query.include_comet_tokens, false)) {
    const tokens = await listCometTokens(db, [id], CONTACT_LIMITS.cometTokens)
    result.comet_tokens = (tokens.get(id) ?? []).map((t) => t.token)
  }
  if (readFlag(query.include_events, false)) {
    const events = await listContactEvents(db, id, {
      hideDirectTouchpoints: readFlag(query.hide_direct_touchpoints, true),
      limit: CONTACT_LIMITS.events
    })
    result.events = events.map((e) => ({
      id: e.id,
      event_name: e.event_name,
      event_time: laravelTimestamp(e.event_time),
      source: e.source,
      touchpoint: e.touchpoint,
      amount: e.amount
    }))
  }
  if (readFlag(query.include_browsing_session_data, false)) {
    const hits = await listBrowsingHits(db, id, CONTACT_LIMITS.browsingHits)
    result.browsing_session_data = hits.map((h) => ({
      url: h.url,
      referrer: h.referrer,
      ip: h.ip,
      user_agent: h.user_agent,
      visited_at: laravelTimestamp(h.visited_at)
    }))
  }
  return result
}

export default async function getContactRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/contacts/:id', {
    config: { endpoint: 'getContact', resource: 'contacts' },
    onRequest: useLaravelQuery,
    schema: {
      summary: 'Get a contact',
      tags: ['Contacts'],
      params: ContactIdParamsSchema,
      querystring: GetContactQuerySchema,
      response: { 200: ContactObjectSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => await getContact(emulator.db, request.space, request.params.id, request.query))
}
