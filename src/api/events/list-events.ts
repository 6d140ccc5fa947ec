// GET /public-api/v1/events (docs: list-events; Decisions D42 to D47): one row per conversion of the range, with
// the fields asked for, newest id first, in Laravel's cursor-paginator envelope (Decision D26).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { SpaceState } from '../../core/spaces/registry.js'
import type { Database } from '../../db/database.js'
import type { Cursor } from '../../wire/cursor.js'
import { readDateRange } from '../../wire/date-range.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import { readFilters, warnAboutFilters } from '../contacts/filters.js'
import type { ApiOptions } from '../options.js'
import { pageCursors, pageEnvelope, readCursor } from '../pagination.js'
import { useLaravelQueryWithJson } from '../query.js'
import {
  DEFAULT_LIST_FIELDS, eventRow, Problems, readEventFilter, readEventPage
} from './event-query.js'
import { EventPageSchema, type EventRow, type ListEventsQuery, ListEventsQuerySchema } from './read-schemas.js'

const CURSOR_COLUMNS = ['id'] as const

/** The array parameters; only custom_field_filters may also come as a JSON string (Decision D6). */
const ARRAY_PARAMETERS = ['event_names', 'sources', 'fields'] as const
const readJsonFilters = useLaravelQueryWithJson(['custom_field_filters'])

/**
 * The query as Laravel reads it. A plain string where an array is due becomes an empty object, which the
 * validator's scalar-to-array coercion leaves alone, so it fails as Laravel's `array` rule does (Decision D6);
 * an empty one is absent (Laravel's ConvertEmptyStringsToNull).
 */
async function readEventsQuery (request: FastifyRequest): Promise<void> {
  await readJsonFilters(request)
  const query = request.query as Record<string, unknown>
  for (const name of ARRAY_PARAMETERS) {
    const value = query[name]
    if (value === '') delete query[name]
    else if (typeof value === 'string') query[name] = {}
  }
}

/** One page of a Space's events for the request's query and cursor. */
export async function listEvents (db: Kysely<Database>, space: SpaceState, now: number, query: ListEventsQuery,
  cursor: Cursor | null): Promise<{ rows: EventRow[], cursors: { next: string | null, prev: string | null } }> {
  const problems = new Problems()
  const range = problems.check(() => readDateRange(query.start_date, query.end_date, space.timeZone))
  const filter = readEventFilter(query, DEFAULT_LIST_FIELDS, problems)
  const conditions = problems.check(() => readFilters(query.custom_field_filters ?? [], now, space))
  problems.throwIfAny()
  const at = cursor === null ? undefined : Number(cursor.parameters.id)
  const backwards = cursor !== null && !cursor.pointsToNextItems
  const page = await readEventPage(db, {
    partitionId: space.partitionId,
    from: range?.from ?? 0,
    to: range?.to ?? 0,
    ...(filter.names !== undefined && { names: filter.names }),
    conditions: conditions ?? [],
    companyMode: filter.companyMode,
    ...(filter.attribution !== undefined && { sources: filter.attribution })
  }, filter, { limit: query.per_page, ...(at !== undefined && (backwards ? { after: at } : { before: at })) })
  const context = { spaceId: space.id, customEventLabels: space.customEventLabels }
  return {
    rows: page.rows.map((match) => eventRow(match, filter.fields, context)),
    cursors: pageCursors(cursor, page, (match) => ({ id: match.conversion.id }))
  }
}

export default async function listEventsRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/events', {
    config: { endpoint: 'listEvents', resource: 'events' },
    onRequest: readEventsQuery,
    schema: {
      summary: 'List events',
      description: 'One row per conversion whose time is in the range, newest id first (Decision D47).',
      tags: ['Events'],
      querystring: ListEventsQuerySchema,
      response: { 200: EventPageSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    const { query } = request
    const cursor = readCursor(request, query.cursor, CURSOR_COLUMNS,
      (c) => Number.isSafeInteger(c.parameters.id) && Number(c.parameters.id) > 0)
    warnAboutFilters(request, query.custom_field_filters ?? [])
    const page = await listEvents(emulator.db, request.space, emulator.clock.now(request.space.id), query, cursor)
    return pageEnvelope(request, page.rows, query.per_page, page.cursors)
  })
}
