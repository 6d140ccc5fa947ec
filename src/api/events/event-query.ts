// What GET /events and POST /events/exports share (contract 8.3): the rules between parameters, the keyset page
// of conversions with attribution applied (Decisions D44, D45), and a row of the fields asked for (Decision D46).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import {
  type ConversionQuery, type ConversionRow, type EventNameFilter, listConversionBatch, listTouchpointsOf,
  type TouchpointRow
} from '../../db/event-reads.js'
import { attributedTouchpoint, candidateTouchpoints, DAY_MS } from '../../wire/attribution.js'
import { ValidationError } from '../../wire/errors.js'
import { EVENT_RULE_MESSAGES } from '../../wire/event-messages.js'
import {
  type AttributionModel, configuredName, type EventField, TOUCHPOINT_FIELDS, UPSELL_PURCHASE
} from '../../wire/events.js'
import { wireTimestamp } from '../../wire/time-zone.js'
import { displayName } from '../../wire/validation.js'
import type { EventFilterInput, EventRow } from './read-schemas.js'

/** docs: list-events. */
export const DEFAULT_LIST_FIELDS: readonly EventField[] = ['id', 'event_time_utc']
/** Decision D51: the docs' export line. */
export const DEFAULT_EXPORT_FIELDS: readonly EventField[] = ['id', 'event_name', 'amount', 'event_time_utc']

export interface Attribution {
  sources: readonly string[]
  model: AttributionModel
  /** Days; 0 is the lifetime. */
  windowDays: number
}

/** The filters of a request once every rule has passed; JSON-safe, so an export job can hold it. */
export interface EventFilter {
  companyMode: boolean
  names?: EventNameFilter
  /** With `sources` only (Decision D43: model and window alone are validated, then ignored). */
  attribution?: Attribution
  fields: readonly EventField[]
}

/**
 * Laravel reports every failed rule at once; the rules checked in code collect here, in the order the request's
 * rules are declared, and are thrown together.
 */
export class Problems {
  readonly #errors: Record<string, string[]> = {}

  add (path: string, message: (attribute: string) => string): void {
    (this.#errors[path] ??= []).push(message(displayName(path.split('.'))))
  }

  /** Runs a check that throws Laravel's 422 and keeps its errors; undefined when it threw. */
  check<T> (read: () => T): T | undefined {
    try {
      return read()
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      for (const [path, messages] of Object.entries(error.errors)) (this.#errors[path] ??= []).push(...messages)
      return undefined
    }
  }

  throwIfAny (): void {
    if (Object.keys(this.#errors).length > 0) throw new ValidationError(this.#errors)
  }
}

/** Laravel's `distinct` on `name.*`: every item whose value another item also has. */
function checkDistinct (problems: Problems, name: string, values: readonly string[] | undefined): void {
  values?.forEach((value, i) => {
    if (values.indexOf(value) !== i || values.lastIndexOf(value) !== i) {
      problems.add(`${name}.${i}`, EVENT_RULE_MESSAGES.distinct)
    }
  })
}

function nameFilter (eventNames: readonly string[]): EventNameFilter {
  return {
    names: eventNames.filter((name) => name !== 'purchase' && name !== UPSELL_PURCHASE),
    purchase: eventNames.includes('purchase'),
    upsellPurchase: eventNames.includes(UPSELL_PURCHASE)
  }
}

/**
 * The rules between the shared parameters, after the schema has checked each one: distinct values (D43, D46),
 * attribution_model and attribution_window with sources (D43), and touchpoint fields only with sources (D46).
 */
export function readEventFilter (input: EventFilterInput, defaultFields: readonly EventField[],
  problems: Problems): EventFilter {
  const { sources, fields } = input
  checkDistinct(problems, 'event_names', input.event_names)
  const touchpointFields = fields?.some((f) => (TOUCHPOINT_FIELDS as readonly string[]).includes(f)) === true
  if (sources === undefined && touchpointFields) {
    problems.add('sources', EVENT_RULE_MESSAGES.touchpointFieldsNeedSources)
  }
  checkDistinct(problems, 'sources', sources)
  if (sources !== undefined) {
    for (const name of ['attribution_model', 'attribution_window'] as const) {
      if (input[name] === undefined) problems.add(name, EVENT_RULE_MESSAGES.requiredWith('sources'))
    }
  }
  checkDistinct(problems, 'fields', fields)
  return {
    companyMode: input.query_mode === 'company',
    ...(input.event_names !== undefined && { names: nameFilter(input.event_names) }),
    ...(sources !== undefined && input.attribution_model !== undefined && input.attribution_window !== undefined && {
      attribution: {
        sources,
        model: input.attribution_model,
        windowDays: Number(input.attribution_window)
      }
    }),
    fields: fields ?? defaultFields
  }
}

/** A conversion that passed the filters, with the touchpoint its row shows (with sources only). */
export interface EventMatch {
  conversion: ConversionRow
  touchpoint: TouchpointRow | null
}

/**
 * Decision D44: the conversions of a batch that their attribution credits to one of the sources, each with the
 * latest such credited touchpoint. The touchpoints of the batch's contacts (company mode: of their companies'
 * contacts, Decision D45) are read in one query, in journey order, and each conversion's candidates are a slice.
 */
async function attribute (db: Kysely<Database>, batch: readonly ConversionRow[], attribution: Attribution,
  companyMode: boolean, maxId: number | undefined): Promise<EventMatch[]> {
  const groupOf = (c: ConversionRow): number => (companyMode ? c.company_id ?? 0 : c.contact_id)
  const times = batch.map((c) => c.event_time)
  const touchpoints = await listTouchpointsOf(db, { ids: [...new Set(batch.map(groupOf))], byCompany: companyMode }, {
    to: Math.max(...times),
    ...(attribution.windowDays !== 0 && { from: Math.min(...times) - attribution.windowDays * DAY_MS }),
    ...(maxId !== undefined && { maxId })
  })
  const journeys = new Map<number, TouchpointRow[]>()
  for (const touchpoint of touchpoints) {
    const journey = journeys.get(touchpoint.group_id)
    if (journey === undefined) journeys.set(touchpoint.group_id, [touchpoint])
    else journey.push(touchpoint)
  }
  const sources = new Set(attribution.sources)
  const matches: EventMatch[] = []
  for (const conversion of batch) {
    const candidates = candidateTouchpoints(journeys.get(groupOf(conversion)) ?? [], conversion.event_time,
      attribution.windowDays)
    const touchpoint = attributedTouchpoint(attribution.model, candidates, sources)
    if (touchpoint !== null) matches.push({ conversion, touchpoint })
  }
  return matches
}

export interface EventPageRequest {
  /** Keyset position: rows below `before` (newest first), or just above `after` (towards newer ones). */
  before?: number
  after?: number
  limit: number
}

/**
 * One keyset page of matching conversions, newest id first, and whether more lie beyond it in the direction
 * read. Without sources it is one seek. With sources, attribution is applied in code to batches read from the
 * page's position on until the page is full, so a page far down the list costs what the first one does.
 */
export async function readEventPage (db: Kysely<Database>, query: ConversionQuery, filter: EventFilter,
  page: EventPageRequest): Promise<{ rows: EventMatch[], hasMore: boolean }> {
  const backwards = page.after !== undefined
  const want = page.limit + 1
  const matches: EventMatch[] = []
  const attribution = filter.attribution
  let position = backwards ? page.after : page.before
  for (;;) {
    const batch = await listConversionBatch(db, query, {
      limit: want,
      ...(position !== undefined && (backwards ? { after: position } : { before: position }))
    })
    matches.push(...(attribution === undefined
      ? batch.map((conversion) => ({ conversion, touchpoint: null }))
      : await attribute(db, batch, attribution, filter.companyMode, query.maxId)))
    if (matches.length >= want || batch.length < want) break
    position = batch[batch.length - 1]?.id
  }
  const hasMore = matches.length > page.limit
  const rows = matches.slice(0, page.limit)
  if (backwards) rows.reverse()
  return { rows, hasMore }
}

/** What a row shows besides the event itself. */
export interface RowContext {
  spaceId: number
  customEventLabels: Record<string, string>
}

/** A row of the fields asked for, in that order (Decision D46): ids as integers, null where unknown. */
export function eventRow ({ conversion: e, touchpoint }: EventMatch, fields: readonly EventField[],
  context: RowContext): EventRow {
  const row: EventRow = {}
  for (const field of fields) {
    switch (field) {
      case 'id': row.id = e.id; break
      case 'profile_id': row.profile_id = e.contact_id; break
      case 'company_id': row.company_id = e.company_id; break
      case 'space_id': row.space_id = context.spaceId; break
      case 'event_name': row.event_name = e.event_name; break
      case 'configured_name':
        row.configured_name = e.event_name === null ? null : configuredName(e.event_name, context.customEventLabels)
        break
      case 'amount': row.amount = e.amount; break
      case 'is_upsell': row.is_upsell = e.is_upsell === 1; break
      case 'event_time_utc': row.event_time_utc = wireTimestamp(e.event_time); break
      case 'event_url': row.event_url = e.event_url; break
      case 'order_id': row.order_id = e.order_id; break
      case 'order_name': row.order_name = e.order_name; break
      default: row[field] = touchpoint?.[field] ?? null
    }
  }
  return row
}
