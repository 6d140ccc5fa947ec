// @ts-nocheck
// GET /public-api/v1/contacts (Decisions D22 and D26): a keyset page of a Space's contacts in
// Laravel's cursor-paginator envelope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { listCometTokens } from '../../db/activity.js'
import { type ContactQuery, listContactPage, listItemValuesOf } from '../../db/contacts.js'
import type { Contact, Database } from '../../db/database.js'
import { warn } from '../../http/request-context.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import { type Cursor, decodeCursor, encodeCursor } from '../../wire/cursor.js'
import { pairName, rawQueryPairs } from '../../wire/laravel-query.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import { readFlag } from '../../wire/validation.js'
import { readDateRange } from '../../wire/date-range.js'
import { operatorsOf, readFilters } from './filters.js'
import { CONTACT_LIMITS } from './get-contact.js'
import { useLaravelQueryWithJson } from './query.js'
import { customFieldsOf } from './render.js'
import { type ContactRow, ContactPageSchema, type ListContactsQuery, ListContactsQuerySchema } from './schemas.js'
import type { ApiOptions } from '../options.js'

const CURSOR_COLUMNS = ['id'] as const

export interface RowOptions {
  includeCometTokens: boolean
  includeAllEmails: boolean
  includeCustomFields: boolean
  labels: Record<string, string> | null
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
    ...(options.includeCustomFields && { custom_fields: customFieldsOf(c, options.labels) })
  }))
}

export interface PageResult {
  rows: ContactRow[]
  nextCursor: string | null
  prevCursor: string | null
}

/** Laravel's CursorPaginator: which cursors a page gets, from the cursor it was asked with and "has more". */
export async function listContacts (db: Kysely<Database>, space: SpaceState, now: number, query: ListContactsQuery,
  cursor: Cursor | null): Promise<PageResult> {
  const range = readDateRange(query.start_date, query.end_date, space.timeZone)
  const contactQuery: ContactQuery = {
    partitionId: space.partitionId,
    ...range,
    conditions: readFilters(query.custom_field_filters ?? [], now)
  }
  const at = cursor === null ? undefined : Number(cursor.parameters.id)
  const backwards = cursor !== null && !cursor.pointsToNextItems
  const includeCustomFields = readFlag(query.include_custom_fields, false)
  const { rows, hasMore } = await listContactPage(db, contactQuery, {
    limit: query.per_page,
    withSlots: includeCustomFields,
    ...(at !== undefined && (backwards ? { after: at } : { before: at }))
  })
  const first = rows[0]
  const last = rows[rows.length - 1]
  const hasNext = cursor === null ? hasMore : (backwards || hasMore)
  const hasPrev = cursor !== null && (!backwards || hasMore)
  return {
    rows: await contactRows(db, rows, {
      includeCometTokens: readFlag(query.include_comet_tokens, false),
      includeAllEmails: readFlag(query.include_all_emails, false),
      includeCustomFields,
      labels: readFlag(query.use_custom_field_labels, false) ? space.customFieldLabels : null
    }),
    nextCursor: hasNext && last !== undefined
      ? encodeCursor({
        parameters: { id: last.id },
        pointsToNextItems: true
      })
      : null,
    prevCursor: hasPrev && first !== undefined
      ? encodeCursor({
        parameters: { id: first.id },
        pointsToNextItems: false
      })
      : null
  }
}

/** The endpoint's full URL without a query (Laravel's `path`), from the request's protocol and Host. */
export function endpointUrl (request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${(request.raw.url ?? '/').split('?', 1)[0] ?? '/'}`
}

/** A page URL: the request's own query as sent, with its cursor replaced, so it can be followed as it is. */
function pageUrl (request: FastifyRequest, path: string, cursor: string | null): string | null {
  if (cursor === null) return null
  const pairs = rawQueryPairs(request.raw.url ?? '').filter((pair) => pairName(pair) !== 'cursor')
  return `${path}?${[...pairs, `cursor=${cursor}`].join('&')}`
}

function warnAboutFilters (request: FastifyRequest, query: ListContactsQuery): void {
  for (const [i, filter] of (query.custom_field_filters ?? []).entries()) {
    const operators = operatorsOf(filter.field)
    if (operators === undefined) {
      warn(request, `custom_field_filters.${i}.field: slots are profile_field_1 to profile_field_30`)
    } else if (!operators.includes(filter.operator)) {
      warn(request, `custom_field_filters.${i}.operator: ${filter.field} takes ${operators.join(', ')}`)
    }
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
    let cursor: Cursor | null = null
    if (query.cursor !== undefined && query.cursor !== '') {
      cursor = decodeCursor(query.cursor, CURSOR_COLUMNS)
      if (cursor !== null && !Number.isSafeInteger(cursor.parameters.id)) cursor = null
      // Laravel shows the first page for a cursor it cannot read; the emulator says so.
      if (cursor === null) warn(request, 'cursor is not a cursor of this endpoint; showing the first page')
    }
    warnAboutFilters(request, query)
    const page = await listContacts(emulator.db, request.space, emulator.clock.now(request.space.id), query, cursor)
    const path = endpointUrl(request)
    return {
      data: page.rows,
      path,
      per_page: query.per_page,
      next_cursor: page.nextCursor,
      next_page_url: pageUrl(request, path, page.nextCursor),
      prev_cursor: page.prevCursor,
      prev_page_url: pageUrl(request, path, page.prevCursor)
    }
  })
}
