// The inspector's Data panel over HTTP: browse a Space's contacts (search by email or name, newest first, on
// the keyset index the API lists with) and read one contact with everything stored about it; browse its
// companies (search by domain or name) and its applied events (search by event name, source or contact email),
// each row naming its contact, with how many accepted events still wait in the queue.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { CONTROL_ID_MAX } from '../wire/bounds.js'
import { listBrowsingSessionHits, listCometTokens } from '../db/activity.js'
import { browseCompanies } from '../db/companies.js'
import { browseContacts, findContact, listItemValuesOf } from '../db/contacts.js'
import { ITEM_TABLES } from '../db/database.js'
import { browseEvents } from '../db/event-reads.js'
import type { BrowsePage } from '../db/browse.js'
import { listJourney, queuedOf } from '../db/events.js'
import { CONTROL_MESSAGES, notFound } from '../wire/control-errors.js'
import { SLOTS } from '../wire/custom-fields.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

/** How much of a contact's activity its page shows: the newest ones. */
export const ACTIVITY_SHOWN = 100
export const BROWSE_MAX_LIMIT = 200
const BROWSE_DEFAULT_LIMIT = 50

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])
const iso = (ms: number): string => new Date(ms).toISOString()

const ContactRowSchema = Type.Object({
  id: Type.Integer(),
  email: Nullable(Type.String()),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  location: Nullable(Type.String()),
  created_at: Type.String()
})

/** The paging parameters every browse route takes. */
const paging = {
  before: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: CONTROL_ID_MAX,
    description: 'The next page: `next_before` of the last one.'
  })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BROWSE_MAX_LIMIT, default: BROWSE_DEFAULT_LIMIT }))
}
const search = (what: string) =>
  Type.Optional(Type.String({ maxLength: 255, description: `Part of ${what}, in any case.` }))
const NextBefore = Type.Union([Type.Integer(), Type.Null()], { description: 'null on the last page.' })

/** The page a browse route's query asks for (every browse route takes `q`, `before` and `limit`). */
function pageOf ({ q, before, limit = BROWSE_DEFAULT_LIMIT }: { q?: string, before?: number, limit?: number }):
BrowsePage {
  return { ...(q !== undefined && { search: q.trim() }), ...(before !== undefined && { before }), limit }
}

/** `next_before` of a keyset page: its last row's id, when more follow. */
function nextBefore ({ rows, hasMore }: { rows: Array<{ id: number }>, hasMore: boolean }): number | null {
  return hasMore ? rows[rows.length - 1]?.id ?? null : null
}

const BrowseQuerySchema = Type.Object({ q: search('an email or a name'), ...paging }, { additionalProperties: false })
type BrowseQuery = Static<typeof BrowseQuerySchema>

const BrowseSchema = Type.Object({ data: Type.Array(ContactRowSchema), next_before: NextBefore })

const CompanyRowSchema = Type.Object({
  id: Type.Integer(),
  domain: Type.String(),
  name: Type.String(),
  contacts: Type.Integer({ description: 'How many contacts link to it.' }),
  created_at: Type.String(),
  updated_at: Type.String()
})
const CompanyBrowseQuerySchema = Type.Object({ q: search('the domain or the name'), ...paging },
  { additionalProperties: false })
type CompanyBrowseQuery = Static<typeof CompanyBrowseQuerySchema>
const CompanyBrowseSchema = Type.Object({ data: Type.Array(CompanyRowSchema), next_before: NextBefore })

const EventKindSchema = Type.Union([Type.Literal('conversion'), Type.Literal('touchpoint')])
const EventRowSchema = Type.Object({
  id: Type.Integer(),
  kind: EventKindSchema,
  contact_id: Type.Integer({ description: 'Its contact: `GET /_emulator/spaces/{id}/contacts/{contactId}`.' }),
  contact_email: Nullable(Type.String()),
  event_name: Nullable(Type.String()),
  source: Nullable(Type.String()),
  amount: Type.Union([Type.Number(), Type.Null()]),
  order_id: Nullable(Type.String()),
  event_time: Type.String(),
  created_at: Type.String({ description: 'When it was applied (left the queue).' })
})
const EventBrowseQuerySchema = Type.Object({
  q: search('the event name, the touchpoint\'s source or any email of the contact'),
  kind: Type.Optional(EventKindSchema),
  ...paging
}, { additionalProperties: false })
type EventBrowseQuery = Static<typeof EventBrowseQuerySchema>
const EventBrowseSchema = Type.Object({
  data: Type.Array(EventRowSchema),
  next_before: NextBefore,
  queued: Type.Integer({ description: 'Accepted events of the Space not applied yet (the drain route applies them).' }),
  next_due_at: Type.Union([Type.String(), Type.Null()], { description: 'When the first queued one is due.' })
})

const ContactDetailSchema = Type.Object({
  id: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  names: Type.Array(Type.String()),
  locations: Type.Array(Type.String()),
  custom_fields: Type.Array(Type.Object({
    slot: Type.String(),
    kind: Type.String(),
    label: Nullable(Type.String()),
    value: Type.Union([Type.String(), Type.Number(), Type.Null()])
  }), { description: 'All 30 slots, with the Space\'s labels.' }),
  comet_tokens: Type.Array(Type.Object({ token: Type.String(), created_at: Type.String() })),
  events: Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('conversion'), Type.Literal('touchpoint')]),
    event_name: Nullable(Type.String()),
    event_time: Type.String(),
    source: Nullable(Type.String()),
    amount: Type.Union([Type.Number(), Type.Null()])
  }), { description: `The newest ${ACTIVITY_SHOWN} journey events, direct touchpoints included.` }),
  browsing_session_hits: Type.Array(Type.Object({
    event_url: Type.String(),
    referrer_host: Nullable(Type.String()),
    source: Nullable(Type.String()),
    event_name: Nullable(Type.String()),
    event_time: Type.String()
  }), { description: `The newest ${ACTIVITY_SHOWN} browsing-session hits.` })
})

const ContactParamsSchema = Type.Object({
  spaceId: Type.Integer({ minimum: 1, maximum: CONTROL_ID_MAX }),
  contactId: Type.Integer({ minimum: 1, maximum: CONTROL_ID_MAX })
})
const tags = ['Inspector']

export default async function dataRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { db, spaces } = emulator

  r.get('/spaces/:spaceId/contacts', {
    schema: {
      summary: 'Browse a Space\'s contacts, newest first (the inspector\'s Data panel)',
      tags,
      params: SpaceIdParamsSchema,
      querystring: BrowseQuerySchema,
      response: { 200: BrowseSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    const space = spaces.require(request.params.spaceId)
    const page = await browseContacts(db, space.partitionId, pageOf(request.query as BrowseQuery))
    return {
      data: page.rows.map((row) => ({ ...row, created_at: iso(row.created_at) })),
      next_before: nextBefore(page)
    }
  })

  r.get('/spaces/:spaceId/companies', {
    schema: {
      summary: 'Browse a Space\'s companies, newest first (the inspector\'s Data panel)',
      tags,
      params: SpaceIdParamsSchema,
      querystring: CompanyBrowseQuerySchema,
      response: { 200: CompanyBrowseSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    const space = spaces.require(request.params.spaceId)
    const page = await browseCompanies(db, space.partitionId, pageOf(request.query as CompanyBrowseQuery))
    return {
      data: page.rows.map((row) => ({ ...row, created_at: iso(row.created_at), updated_at: iso(row.updated_at) })),
      next_before: nextBefore(page)
    }
  })

  r.get('/spaces/:spaceId/events', {
    schema: {
      summary: 'Browse a Space\'s applied events, newest first, with the queue\'s depth (the inspector\'s Data panel)',
      tags,
      params: SpaceIdParamsSchema,
      querystring: EventBrowseQuerySchema,
      response: { 200: EventBrowseSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    const space = spaces.require(request.params.spaceId)
    const query = request.query as EventBrowseQuery
    const page = await browseEvents(db, space.partitionId, {
      ...pageOf(query),
      ...(query.kind !== undefined && { kind: query.kind })
    })
    const queued = await queuedOf(db, space.partitionId)
    return {
      data: page.rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        contact_id: row.contact_id,
        contact_email: row.contact_email,
        event_name: row.event_name,
        source: row.source,
        amount: row.amount,
        order_id: row.order_id,
        event_time: iso(row.event_time),
        created_at: iso(row.created_at)
      })),
      next_before: nextBefore(page),
      queued: queued.count,
      next_due_at: queued.nextDueAt === null ? null : iso(queued.nextDueAt)
    }
  })

  r.get('/spaces/:spaceId/contacts/:contactId', {
    schema: {
      summary: 'One contact with its collections, custom fields, comet tokens, journey events and browsing hits',
      tags,
      params: ContactParamsSchema,
      response: { 200: ContactDetailSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    const { spaceId, contactId } = request.params
    const space = spaces.require(spaceId)
    const contact = await findContact(db, space.partitionId, contactId)
    if (contact === undefined) throw notFound(CONTROL_MESSAGES.contactNotFound(contactId))
    const collections: Record<string, string[]> = {}
    for (const table of ITEM_TABLES) {
      collections[table] = (await listItemValuesOf(db, table, [contactId])).get(contactId) ?? []
    }
    const columns = contact as unknown as Record<string, string | number | null | undefined>
    const tokens = (await listCometTokens(db, [contactId], ACTIVITY_SHOWN)).get(contactId) ?? []
    const events = (await listJourney(db, [contactId], { hideDirectTouchpoints: false })).slice(0, ACTIVITY_SHOWN)
    const hits = await listBrowsingSessionHits(db, contactId, ACTIVITY_SHOWN)
    return {
      id: contact.id,
      created_at: iso(contact.created_at),
      updated_at: iso(contact.updated_at),
      emails: collections.emails ?? [],
      phones: collections.phones ?? [],
      names: collections.names ?? [],
      locations: collections.locations ?? [],
      custom_fields: SLOTS.map((slot) => ({
        slot: slot.name,
        kind: slot.kind,
        label: space.customFieldLabels[slot.name] ?? null,
        value: columns[slot.name] ?? null
      })),
      comet_tokens: tokens.map((t) => ({ token: t.token, created_at: iso(t.created_at) })),
      events: events.map((e) => ({
        kind: e.kind,
        event_name: e.event_name,
        event_time: iso(e.event_time),
        source: e.source,
        amount: e.amount
      })),
      browsing_session_hits: hits.map((h) => ({
        event_url: h.event_url,
        referrer_host: h.referrer_host,
        source: h.source,
        event_name: h.event_name,
        event_time: iso(h.event_time)
      }))
    }
  })
}
