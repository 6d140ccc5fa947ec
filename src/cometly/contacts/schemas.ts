// The contact's wire shapes (shared/contract/cometly-api.md §4–5). Rules are Cometly's where documented and
// Decisions where not; MAX_ITEMS bounds each collection so that a body cannot ask for unbounded work.
import { type Static, Type } from 'typebox'
import { SLOTS, type Slot, TEXT_SLOT_MAX_LENGTH } from '../custom-fields.js'
import { Nullable } from '../schemas.js'
import { FORMATS } from '../validation.js'

export const ITEM_MAX_LENGTH = 255
/** Decision: at most this many items per collection in one write. */
export const MAX_ITEMS = 100

const EmailSchema = Type.String({ format: FORMATS.email, maxLength: ITEM_MAX_LENGTH })
const ItemSchema = Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH })

function slotSchema (slot: Slot) {
  switch (slot.kind) {
    case 'text':
      return Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: TEXT_SLOT_MAX_LENGTH })
    case 'number':
      return Type.Unsafe<number | string | null>({ type: ['number', 'string', 'null'], format: FORMATS.numeric })
    case 'date':
      return Type.Unsafe<string | null>({ type: ['string', 'null'], format: FORMATS.date })
  }
}

export const CustomFieldsSchema = Type.Unsafe<Record<string, string | number | null>>(Type.Object(
  Object.fromEntries(SLOTS.map((slot) => [slot.name, Type.Optional(slotSchema(slot))])),
  { additionalProperties: false, description: 'profile_field_1–15 text, 16–25 numbers, 26–30 dates.' }
))

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
