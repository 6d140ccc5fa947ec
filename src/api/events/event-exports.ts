// POST /public-api/v1/events/exports and GET /public-api/v1/events/exports/{id} on the one export machinery
// (../exports.ts): one day of conversions with the list's filters, newest id first (docs: create-event-export;
// Decision D51).
import type { FastifyInstance } from 'fastify'
import type { ExportSource } from '../../core/exports/runner.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import { maxEventId } from '../../db/event-reads.js'
import { readDateRange } from '../../wire/date-range.js'
import { EVENT_RULE_MESSAGES } from '../../wire/event-messages.js'
import { RULE_MESSAGES } from '../../wire/validation.js'
import { exportRoutes } from '../exports.js'
import type { ApiOptions } from '../options.js'
import {
  DEFAULT_EXPORT_FIELDS, eventRow, type EventFilter, Problems, readEventFilter, readEventPage, type RowContext
} from './event-query.js'
import { type CreateEventExportBody, CreateEventExportBodySchema } from './read-schemas.js'

const BATCH = 1000
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

interface EventExportParams {
  from: number
  to: number
  filter: EventFilter
  /** What the lines show of the Space, as it was when the export was asked for. */
  context: RowContext
}

/** `date`: Laravel's `required|date_format:Y-m-d`, so a real calendar day; its whole day in the Space's zone. */
function readDay (value: unknown, timeZone: string, problems: Problems): { from: number, to: number } | undefined {
  if (value === null || value === '') {
    problems.add('date', RULE_MESSAGES.required)
    return undefined
  }
  const m = typeof value === 'string' ? DAY.exec(value) : null
  const [year, month, day] = (m?.slice(1) ?? []).map(Number) as [number, number, number]
  const real = m !== null && month >= 1 && month <= 12 && day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!real) {
    problems.add('date', EVENT_RULE_MESSAGES.dateFormat('Y-m-d'))
    return undefined
  }
  return readDateRange(`${value as string} 00:00:00`, `${value as string} 23:59:59`, timeZone)
}

function planParams (space: SpaceState, body: CreateEventExportBody): EventExportParams {
  const problems = new Problems()
  const day = readDay(body.date, space.timeZone, problems)
  // Decision D51: custom_field_filters is not an export parameter, ignored like any unknown key.
  const filter = readEventFilter(body, DEFAULT_EXPORT_FIELDS, problems)
  problems.throwIfAny()
  return {
    from: day?.from ?? 0,
    to: day?.to ?? 0,
    filter,
    context: { spaceId: space.id, customEventLabels: space.customEventLabels }
  }
}

/** Every matching conversion of the day that existed when the export was asked for (Decision D29). */
export const eventExportSource: ExportSource = async function * (db, job) {
  const { from, to, filter, context } = JSON.parse(job.params) as EventExportParams
  const query = {
    partitionId: job.partition_id,
    from,
    to,
    ...(filter.names !== undefined && { names: filter.names }),
    conditions: [],
    companyMode: filter.companyMode,
    ...(filter.attribution !== undefined && { sources: filter.attribution }),
    maxId: job.max_row_id
  }
  let before: number | undefined
  for (;;) {
    const { rows, hasMore } = await readEventPage(db, query, filter,
      { limit: BATCH, ...(before !== undefined && { before }) })
    yield rows.map((match) => eventRow(match, filter.fields, context))
    if (!hasMore) return
    before = rows[rows.length - 1]?.conversion.id
  }
}

export default async function eventExportRoutes (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  exportRoutes(app, emulator, {
    resource: 'events',
    tag: 'Events',
    createEndpoint: 'createEventExport',
    statusEndpoint: 'getEventExport',
    body: CreateEventExportBodySchema,
    plan: async (db, space, body) => ({
      params: planParams(space, body),
      maxRowId: await maxEventId(db, space.partitionId)
    }),
    source: eventExportSource
  })
}
