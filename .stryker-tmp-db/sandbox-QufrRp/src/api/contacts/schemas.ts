// @ts-nocheck
// The contact's wire shapes (docs/contacts.md). Rules are Cometly's where documented and
// Decisions where not; MAX_ITEMS bounds each collection so that a body cannot ask for unbounded work.
import { type Static, Type } from 'typebox'
import { NUMBER_VALUE_MAX, NUMBER_VALUE_MIN } from '../../wire/bounds.js'
import { CustomFieldsSchema, EmailSchema, ItemSchema, MAX_ITEMS } from '../../wire/contact-fields.js'
import { Nullable } from '../../wire/schemas.js'
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

/** A query-string flag: `1`/`0`/`true`/`false`. */
const Flag = Type.Optional(Type.String({ format: FORMATS.flag }))

export const ContactIdParamsSchema = Type.Object({ id: Type.Integer() })

export const GetContactQuerySchema = Type.Object({
  include_comet_tokens: Flag,
  include_events: Flag,
  hide_direct_touchpoints: Flag,
  use_custom_field_labels: Flag,
  include_browsing_session_data: Flag
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
  include_comet_tokens: Flag,
  include_all_emails: Flag,
  include_custom_fields: Flag,
  use_custom_field_labels: Flag,
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

/** Laravel's CursorPaginator::toArray(), in its key order. */
export const ContactPageSchema = Type.Object({
  data: Type.Array(ContactRowSchema),
  path: Type.String(),
  per_page: Type.Integer(),
  next_cursor: Nullable(Type.String()),
  next_page_url: Nullable(Type.String()),
  prev_cursor: Nullable(Type.String()),
  prev_page_url: Nullable(Type.String())
})

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

/** Laravel's `boolean` rule on a JSON body: true, false, 1, 0, "1", "0" (and, as for flags, "true"/"false"). */
const BodyFlag = Type.Optional(Type.Unsafe<boolean | number | string>({
  type: ['boolean', 'integer', 'string'],
  enum: [true, false, 1, 0, '1', '0', 'true', 'false']
}))

export const CreateContactExportBodySchema = Type.Object({
  start_date: DateTimeSchema,
  end_date: DateTimeSchema,
  include_comet_tokens: BodyFlag,
  include_all_emails: BodyFlag
}, { additionalProperties: true })
export type CreateContactExportBody = Static<typeof CreateContactExportBodySchema>

export const ExportQueuedSchema = Type.Object({
  export_id: Type.Integer(),
  status: Type.Literal('queued')
})

export const ExportIdParamsSchema = Type.Object({ id: Type.Integer() })

export const ExportStatusSchema = Type.Object({
  export_id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('processing'), Type.Literal('completed'),
    Type.Literal('failed')]),
  created_at: Type.String(),
  message: Type.Optional(Type.String()),
  download_url: Type.Optional(Type.String()),
  completed_at: Type.Optional(Type.String()),
  expires_at: Type.Optional(Type.String())
})
export type ExportStatus = Static<typeof ExportStatusSchema>
