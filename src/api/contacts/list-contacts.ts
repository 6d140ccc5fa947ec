// GET /public-api/v1/contacts (Decisions D22 and D26): a keyset page of a Space's contacts in
// Laravel's cursor-paginator envelope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { listCometTokens } from '../../db/activity.js'
import { type ContactQuery, listContactPage, listItemValuesOf } from '../../db/contacts.js'
import type { Contact, Database } from '../../db/database.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import type { Cursor } from '../../wire/cursor.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import { readFlag } from '../../wire/validation.js'
import { readDateRange } from '../../wire/date-range.js'
import { readFilters, warnAboutFilters } from './filters.js'
import { CONTACT_LIMITS } from './get-contact.js'
import { useLaravelQueryWithJson, warnTextFlags } from '../query.js'
import { pageCursors, pageEnvelope, readCursor } from '../pagination.js'
import { customFieldsOf } from './render.js'
import { type ContactRow, ContactPageSchema, type ListContactsQuery, ListContactsQuerySchema } from './schemas.js'
import type { ApiOptions } from '../options.js'

const CURSOR_COLUMNS = ['id'] as const

export interface RowOptions {
  includeCometTokens: boolean
  includeAllEmails: boolean
  includeCustomFields: boolean
  labels: Record<string, string> | null
  /** The Space's, for dates in custom fields (Decision D16). */
  timeZone: string
}

/** A page (or an export batch) of contacts as rows, with what the flags add. */
export async function contactRows (db: Kysely<Database>, contacts: readonly Contact[],
  options: RowOptions): Promise<ContactRow[]> {
  const ids = contacts.map((c) => c.id)
  const emails = options.includeAllEmails ? await listItemValuesOf(db, 'emails', ids) : undefined
  const tokens = options.includeCometTokens ? await listCometTokens(db, ids, CONTACT_LIMITS.cometTokens) : undefined
  return contacts.map((c) => ({
    id: c.id,
    email: c.email,
    name: c.name,
    phone: c.phone,
    location: c.location,
    ...(emails !== undefined && { emails: emails.get(c.id) ?? [] }),
    ...(tokens !== undefined && { comet_tokens: (tokens.get(c.id) ?? []).map((t) => t.token) }),
    ...(options.includeCustomFields && { custom_fields: customFieldsOf(c, options.labels, options.timeZone) })
  }))
}

/** One page of a Space's contacts for the request's query and cursor. */
export async function listContacts (db: Kysely<Database>, space: SpaceState, now: number, query: ListContactsQuery,
  cursor: Cursor | null): Promise<{ rows: ContactRow[], cursors: { next: string | null, prev: string | null } }> {
  const range = readDateRange(query.start_date, query.end_date, space.timeZone)
  const contactQuery: ContactQuery = {
    partitionId: space.partitionId,
    ...range,
    conditions: readFilters(query.custom_field_filters ?? [], now, space)
  }
  const at = cursor === null ? undefined : Number(cursor.parameters.id)
  const backwards = cursor !== null && !cursor.pointsToNextItems
  const includeCustomFields = readFlag(query.include_custom_fields, false)
  const page = await listContactPage(db, contactQuery, {
    limit: query.per_page,
    withSlots: includeCustomFields,
    ...(at !== undefined && (backwards ? { after: at } : { before: at }))
  })
  return {
    rows: await contactRows(db, page.rows, {
      includeCometTokens: readFlag(query.include_comet_tokens, false),
      includeAllEmails: readFlag(query.include_all_emails, false),
      includeCustomFields,
      labels: readFlag(query.use_custom_field_labels, false) ? space.customFieldLabels : null,
      timeZone: space.timeZone
    }),
    cursors: pageCursors(cursor, page, (row) => ({ id: row.id }))
  }
}

export default async function listContactsRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/contacts', {
    config: { endpoint: 'listContacts', resource: 'contacts' },
    onRequest: useLaravelQueryWithJson(['custom_field_filters']),
    schema: {
      summary: 'List contacts',
      tags: ['Contacts'],
      querystring: ListContactsQuerySchema,
      response: { 200: ContactPageSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    const query = request.query
    warnTextFlags(request, query)
    const cursor = readCursor(request, query.cursor, CURSOR_COLUMNS, (c) => Number.isSafeInteger(c.parameters.id))
    warnAboutFilters(request, query.custom_field_filters ?? [])
    const page = await listContacts(emulator.db, request.space, emulator.clock.now(request.space.id), query, cursor)
    return pageEnvelope(request, page.rows, query.per_page, page.cursors)
  })
}
