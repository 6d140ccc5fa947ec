// The wire shapes of reading events (contract 8.3 and 8.4; Decisions D42 to D51). The schemas state each
// parameter's own rules; the rules between parameters (distinct values, attribution with sources, touchpoint
// fields) are checked in event-query.ts.
import { type Static, type TSchema, Type } from 'typebox'
import {
  ATTRIBUTION_MODELS, ATTRIBUTION_WINDOWS, type AttributionModel, EVENT_FIELDS, type EventField, FILTER_EVENTS, SOURCES
} from '../../wire/events.js'
import { Nullable } from '../../wire/schemas.js'
import { FORMATS } from '../../wire/validation.js'
import { CustomFieldFilterSchema, MAX_FILTERS } from '../contacts/schemas.js'
import { PageSchema } from '../pagination.js'

export const QUERY_MODES = ['profile', 'company'] as const
export type QueryMode = typeof QUERY_MODES[number]

/** Documented bounds (docs: list-events). */
export const EVENT_LIMITS = { eventNames: 10, sources: 15, perPage: 4000, defaultPerPage: 200 } as const

// Plain enums (no anyOf of literals), so that a value outside reads as Laravel's `in` rule: "The selected … is
// invalid."
function OneOf<T extends string> (values: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: values, ...(description !== undefined && { description }) })
}

function ListOf<T extends string> (values: readonly T[], maxItems: number | undefined, description: string) {
  return Type.Array(OneOf(values), { minItems: 1, ...(maxItems !== undefined && { maxItems }), description })
}

const WINDOW_TEXTS = ATTRIBUTION_WINDOWS.map(String)

/** The filters list and export share (contract 8.3); `window` is the one rule that differs by carrier. */
function eventFilters<W extends TSchema> (window: W) {
  return {
    query_mode: Type.Optional(OneOf(QUERY_MODES, 'profile (default): contact-level events; company: company-level ' +
      'events (Decision D45).')),
    event_names: Type.Optional(ListOf(FILTER_EVENTS, EVENT_LIMITS.eventNames, '1–10 distinct names; ' +
      'upsell_purchase selects upsell purchases and purchase the others (Decision D42). Absent: all.')),
    sources: Type.Optional(ListOf(SOURCES, EVENT_LIMITS.sources, '1–15 distinct sources (Decision D43); ' +
      'attribution_model and attribution_window become required.')),
    attribution_model: Type.Optional(OneOf(ATTRIBUTION_MODELS as readonly AttributionModel[],
      'Required with sources (Decision D44).')),
    attribution_window: Type.Optional(window),
    fields: Type.Optional(ListOf(EVENT_FIELDS as readonly EventField[], undefined, 'Distinct fields, in the ' +
      'order the row shows them (Decision D46); touchpoint fields need sources.'))
  }
}

const DateTimeSchema = Type.String({ format: FORMATS.dateTime, minLength: 1 })

export const ListEventsQuerySchema = Type.Object({
  start_date: DateTimeSchema,
  end_date: DateTimeSchema,
  ...eventFilters(OneOf(WINDOW_TEXTS, 'Days: 0 (lifetime), 1, 7, 14, 30, 60 or 90 (Decision D43).')),
  per_page: Type.Integer({ minimum: 1, maximum: EVENT_LIMITS.perPage, default: EVENT_LIMITS.defaultPerPage }),
  cursor: Type.Optional(Type.String()),
  custom_field_filters: Type.Optional(Type.Array(CustomFieldFilterSchema, { maxItems: MAX_FILTERS }))
}, { additionalProperties: true })
export type ListEventsQuery = Static<typeof ListEventsQuerySchema>

export const CreateEventExportBodySchema = Type.Object({
  // Checked in code (date_format:Y-m-d and a real calendar day); the schema only says it is required.
  date: Type.Unsafe<unknown>({ minLength: 1, description: 'YYYY-MM-DD: the whole day in the Space\'s time zone.' }),
  // JSON carries the window as a number; Laravel's `in` rule also takes it as a digit string.
  ...eventFilters(Type.Unsafe<number | string>({
    enum: [...ATTRIBUTION_WINDOWS, ...WINDOW_TEXTS],
    description: 'Days: 0 (lifetime), 1, 7, 14, 30, 60 or 90 (Decision D43).'
  }))
}, { additionalProperties: true })
export type CreateEventExportBody = Static<typeof CreateEventExportBodySchema>

/** The parameters both carriers share, as read from either. */
export type EventFilterInput = Pick<ListEventsQuery, 'query_mode' | 'event_names' | 'sources' | 'attribution_model' |
  'fields'> & { attribution_window?: number | string }

export type EventRowValue = number | string | boolean | null

/**
 * A list row: the fields asked for, in the order asked (Decision D46). A record, not an object of fixed keys,
 * because the serializer writes an object's fixed keys in schema order.
 */
export const EventRowSchema = Type.Record(Type.String(),
  Type.Union([Type.Integer(), Type.Number(), Type.String(), Type.Boolean(), Type.Null()]),
  { description: 'The requested fields, in the order asked; ids are integers, null where unknown.' })
export type EventRow = Record<string, EventRowValue>

export const EventPageSchema = PageSchema(EventRowSchema)

export const EventIdParamsSchema = Type.Object({ event_id: Type.String() })

const Text = Nullable(Type.String())

/** Decision D50: a touchpoint of the event's contact, as MCP get_event shows it. */
export const EventTouchpointSchema = Type.Object({
  source: Text,
  ad_name: Text,
  adset_name: Text,
  campaign_name: Text,
  account_name: Text,
  event_time_utc: Type.String()
})

/** docs: get-event, in its key order; ids as decimal strings (Decision D49); then Decision D50's two keys. */
export const EventObjectSchema = Type.Object({
  id: Type.String(),
  profile_id: Type.String(),
  company_id: Text,
  space_id: Type.String(),
  event_name: Type.String(),
  configured_name: Type.String(),
  amount: Nullable(Type.Number()),
  is_upsell: Type.Boolean(),
  event_time_utc: Type.String(),
  order_id: Text,
  order_name: Text,
  event_url: Text,
  touchpoints: Type.Array(EventTouchpointSchema)
})
export type EventObject = Static<typeof EventObjectSchema>
