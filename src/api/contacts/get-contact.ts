// GET /public-api/v1/contacts/{id} (docs/contacts.md; the item shapes are Decisions D17 to D21).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { listBrowsingSessionHits, listCometTokens } from '../../db/activity.js'
import { listJourney } from '../../db/events.js'
import { findContactWithItems } from '../../db/contacts.js'
import type { Database } from '../../db/database.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import { MESSAGES, NotFoundError } from '../../wire/errors.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import { readPathId } from '../../wire/path-ids.js'
import { readFlag } from '../../wire/validation.js'
import { useLaravelQuery, warnTextFlags } from '../query.js'
import { customFieldsOf, hitItem, journeyItem } from './render.js'
import {
  ContactIdParamsSchema,
  type ContactObject,
  ContactObjectSchema,
  type GetContactQuery,
  GetContactQuerySchema
} from './schemas.js'
import type { ApiOptions } from '../options.js'

/** Documented bounds of the contact object's collections. */
export const CONTACT_LIMITS = { items: 25, cometTokens: 5, browsingHits: 1000 } as const

export async function getContact (db: Kysely<Database>, space: SpaceState, id: number | undefined,
  query: GetContactQuery): Promise<ContactObject> {
  // The contact and its four collections in one query.
  const found = id === undefined
    ? undefined
    : await findContactWithItems(db, space.partitionId, id, CONTACT_LIMITS.items)
  if (found === undefined) throw new NotFoundError(MESSAGES.contactNotFound)
  const { contact, items: { emails, phones, names, locations } } = found
  const contactId = contact.id
  const tokens = readFlag(query.include_comet_tokens, false)
    ? (await listCometTokens(db, [contactId], CONTACT_LIMITS.cometTokens)).get(contactId) ?? []
    : undefined
  // The full journey, no cap (docs: get-contact); direct touchpoints hidden unless asked for.
  const events = readFlag(query.include_events, false)
    ? await listJourney(db, [contactId], { hideDirectTouchpoints: readFlag(query.hide_direct_touchpoints, true) })
    : undefined
  const hits = readFlag(query.include_browsing_session_data, false)
    ? await listBrowsingSessionHits(db, contactId, CONTACT_LIMITS.browsingHits)
    : undefined
  const labels = readFlag(query.use_custom_field_labels, false) ? space.customFieldLabels : null
  // The docs' key order (the serializer writes keys in the order the object has them).
  return {
    id: contactId,
    emails,
    phones,
    names,
    locations,
    ...(tokens !== undefined && { comet_tokens: tokens.map((t) => t.token) }),
    ...(events !== undefined && { events: events.map((event) => journeyItem(event, space.customEventLabels)) }),
    custom_fields: customFieldsOf(contact, labels, space.timeZone),
    ...(hits !== undefined && { browsing_session_hits: hits.map(hitItem) })
  }
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
  }, async (request) => {
    warnTextFlags(request, request.query)
    const id = readPathId(request.params.id, MESSAGES.invalidContactId)
    return await getContact(emulator.db, request.space, id, request.query)
  })
}
