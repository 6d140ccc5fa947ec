// The contact's wire shapes (docs/contacts.md). Rules are Cometly's where documented and
// Decisions where not; MAX_ITEMS bounds each collection so that a body cannot ask for unbounded work.
import { type Static, Type } from 'typebox'
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

const SlotValueSchema = Type.Union([Type.String(), Type.Number(), Type.Null()])

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

export const ContactEventSchema = Type.Object({
  id: Type.Integer(),
  event_name: Type.String(),
  event_time: Type.String(),
  source: Nullable(Type.String()),
  touchpoint: Nullable(Type.String()),
  amount: Nullable(Type.Number())
})

export const BrowsingHitSchema = Type.Object({
  url: Type.String(),
  referrer: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
  visited_at: Type.String()
})

export const ContactObjectSchema = Type.Object({
  id: Type.Integer(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  names: Type.Array(Type.String()),
  locations: Type.Array(Type.String()),
  custom_fields: Type.Record(Type.String(), SlotValueSchema),
  comet_tokens: Type.Optional(Type.Array(Type.String())),
  events: Type.Optional(Type.Array(ContactEventSchema)),
  browsing_session_data: Type.Optional(Type.Array(BrowsingHitSchema))
}, { description: 'The contact itself; the optional collections only when their flag asks for them.' })
export type ContactObject = Static<typeof ContactObjectSchema>

const DateTimeSchema = Type.String({ format: FORMATS.dateTime, minLength: 1 })

/** At most this many custom-field conditions (documented; the error text is Decision D24). */
export const MAX_FILTERS = 10

export const CustomFieldFilterSchema = Type.Object({
  field: Type.String({ minLength: 1 }),
  operator: Type.String({ minLength: 1 }),
  value: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  start: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  end: Type.Optional(Type.Union([Type.String(), Type.Number()]))
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
