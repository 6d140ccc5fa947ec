// The contact's wire shapes (docs/contacts.md). Rules are Cometly's where documented and
// Decisions where not; MAX_ITEMS bounds each collection so that a body cannot ask for unbounded work.
import { type Static, Type } from 'typebox'
import { NUMBER_VALUE_MAX, NUMBER_VALUE_MIN } from '../../wire/bounds.js'
import { CustomFieldsSchema, EmailSchema, ItemSchema, MAX_ITEMS } from '../../wire/contact-fields.js'
import { BodyFlag, Nullable, QueryFlag } from '../../wire/schemas.js'
import { PageSchema } from '../pagination.js'
import { FORMATS } from '../../wire/validation.js'

export const CreateContactBodySchema = Type.Object({
  emails: Type.Array(EmailSchema, { minItems: 1, maxItems: MAX_ITEMS }),
  phones: Type.Optional(Nullable(Type.Array(ItemSchema, { maxItems: MAX_ITEMS }))),
  names: Type.Optional(Nullable(Type.Array(ItemSchema, { maxItems: MAX_ITEMS }))),
  locations: Type.Optional(Nullable(Type.Array(ItemSchema, { maxItems: MAX_ITEMS }))),
  custom_fields: Type.Optional(Nullable(CustomFieldsSchema))
}, { additionalProperties: true })
export type CreateContactBody = Static<typeof CreateContactBodySchema>

/** Top-level fields a contact write reads; any other is ignored (or refused in strict mode). */
export const CONTACT_FIELDS: readonly string[] = Object.keys(CreateContactBodySchema.properties)

// A type list, not a union: fast-json-stringify serializes a union (anyOf) by running an Ajv validator of each
// branch on each value, and builds an Ajv instance for it on a route's first answer (about 2 ms of a first 201).
const SlotValueSchema = Type.Unsafe<string | number | null>({ type: ['string', 'number', 'null'] })

export const ContactDetailSchema = Type.Object({
  id: Type.Integer(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  names: Type.Array(Type.String()),
  locations: Type.Array(Type.String()),
  custom_fields: Type.Optional(Type.Record(Type.String(), SlotValueSchema))
})
export type ContactDetail = Static<typeof ContactDetailSchema>

/** The id is read by readPathId (Decision D3), not by the schema, so that a bad one gets Cometly's own text. */
export const ContactIdParamsSchema = Type.Object({ id: Type.String() })

export const GetContactQuerySchema = Type.Object({
  include_comet_tokens: QueryFlag,
  include_events: QueryFlag,
  hide_direct_touchpoints: QueryFlag,
  use_custom_field_labels: QueryFlag,
  include_browsing_session_data: QueryFlag
}, { additionalProperties: true })
export type GetContactQuery = Static<typeof GetContactQuerySchema>

const Text = Nullable(Type.String())

/** Decision D20: a journey conversion, these keys in this order, null where unknown. */
export const JourneyConversionSchema = Type.Object({
  type: Type.Literal('conversion'),
  id: Type.Integer(),
  event_name: Type.String(),
  configured_name: Type.String(),
  amount: Nullable(Type.Number()),
  is_upsell: Type.Boolean(),
  order_id: Text,
  order_name: Text,
  event_url: Text,
  event_time_utc: Type.String()
})

/** Decision D20: a journey touchpoint, with the full ad hierarchy. */
export const JourneyTouchpointSchema = Type.Object({
  type: Type.Literal('touchpoint'),
  id: Type.Integer(),
  source: Text,
  event_url: Text,
  referrer_host: Text,
  ad_id: Text,
  ad_name: Text,
  adset_id: Text,
  adset_name: Text,
  campaign_id: Text,
  campaign_name: Text,
  account_id: Text,
  account_name: Text,
  event_time_utc: Type.String()
})

/** Decision D21: a browsing-session hit, the nine documented keys in this order. */
export const BrowsingSessionHitSchema = Type.Object({
  event_url: Type.String(),
  referrer_host: Text,
  source: Text,
  country: Text,
  device_type: Text,
  browser: Text,
  os: Text,
  event_name: Text,
  event_time_utc: Type.String()
})

/** The docs' key order; the flagged collections only when asked for. */
export const ContactObjectSchema = Type.Object({
  id: Type.Integer(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  names: Type.Array(Type.String()),
  locations: Type.Array(Type.String()),
  comet_tokens: Type.Optional(Type.Array(Type.String())),
  events: Type.Optional(Type.Array(Type.Union([JourneyConversionSchema, JourneyTouchpointSchema]))),
  // Always sent; optional in the schema only because the serializer writes required keys before optional ones,
  // and the docs put custom_fields between events and browsing_session_hits.
  custom_fields: Type.Optional(Type.Record(Type.String(), SlotValueSchema)),
  browsing_session_hits: Type.Optional(Type.Array(BrowsingSessionHitSchema))
}, { description: 'The contact itself; the optional collections only when their flag asks for them.' })
export type ContactObject = Static<typeof ContactObjectSchema>

const DateTimeSchema = Type.String({ format: FORMATS.dateTime, minLength: 1 })

/** At most this many custom-field conditions (documented; the error text is Decision D24). */
export const MAX_FILTERS = 10

/** A condition's value: text, or a number within the number slots' bound (the filter checks the rest). */
const FilterValueSchema = Type.Unsafe<string | number>({
  type: ['string', 'number'],
  minimum: NUMBER_VALUE_MIN,
  maximum: NUMBER_VALUE_MAX
})

export const CustomFieldFilterSchema = Type.Object({
  field: Type.String({ minLength: 1 }),
  operator: Type.String({ minLength: 1 }),
  value: Type.Optional(FilterValueSchema),
  start: Type.Optional(FilterValueSchema),
  end: Type.Optional(FilterValueSchema)
}, { additionalProperties: true })
export type CustomFieldFilter = Static<typeof CustomFieldFilterSchema>

export const ListContactsQuerySchema = Type.Object({
  start_date: DateTimeSchema,
  end_date: DateTimeSchema,
  per_page: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
  cursor: Type.Optional(Type.String()),
  include_comet_tokens: QueryFlag,
  include_all_emails: QueryFlag,
  include_custom_fields: QueryFlag,
  use_custom_field_labels: QueryFlag,
  custom_field_filters: Type.Optional(Type.Array(CustomFieldFilterSchema, { maxItems: MAX_FILTERS }))
}, { additionalProperties: true })
export type ListContactsQuery = Static<typeof ListContactsQuerySchema>

export const ContactRowSchema = Type.Object({
  id: Type.Integer(),
  email: Nullable(Type.String()),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  location: Nullable(Type.String()),
  emails: Type.Optional(Type.Array(Type.String())),
  comet_tokens: Type.Optional(Type.Array(Type.String())),
  custom_fields: Type.Optional(Type.Record(Type.String(), SlotValueSchema))
})
export type ContactRow = Static<typeof ContactRowSchema>

export const ContactPageSchema = PageSchema(ContactRowSchema)

export const UpdateContactBodySchema = Type.Object({
  emails: Type.Optional(Type.Array(EmailSchema, { maxItems: MAX_ITEMS })),
  phones: Type.Optional(Nullable(Type.Array(ItemSchema, { maxItems: MAX_ITEMS }))),
  names: Type.Optional(Nullable(Type.Array(ItemSchema, { maxItems: MAX_ITEMS }))),
  locations: Type.Optional(Nullable(Type.Array(ItemSchema, { maxItems: MAX_ITEMS }))),
  custom_fields: Type.Optional(Nullable(CustomFieldsSchema))
}, { additionalProperties: true })
export type UpdateContactBody = Static<typeof UpdateContactBodySchema>

export const UpdatedContactSchema = Type.Object({
  id: Type.Integer(),
  emails: Type.Optional(Type.Array(Type.String())),
  phones: Type.Optional(Type.Array(Type.String())),
  names: Type.Optional(Type.Array(Type.String())),
  locations: Type.Optional(Type.Array(Type.String())),
  custom_fields: Type.Optional(Type.Record(Type.String(), SlotValueSchema))
}, { description: 'The id and only the fields that were sent.' })
export type UpdatedContact = Static<typeof UpdatedContactSchema>

export const CreateContactExportBodySchema = Type.Object({
  start_date: DateTimeSchema,
  end_date: DateTimeSchema,
  include_comet_tokens: BodyFlag,
  include_all_emails: BodyFlag
}, { additionalProperties: true })
export type CreateContactExportBody = Static<typeof CreateContactExportBodySchema>
