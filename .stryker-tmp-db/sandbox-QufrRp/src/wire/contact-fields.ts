// @ts-nocheck
// The fields a contact is made of, as every writer checks them: the API's create and update, and the
// control plane's seed. Item bounds are Decision D13; slot value forms are Decision D16.
import { Type } from 'typebox'
import { SLOTS, type Slot, TEXT_SLOT_MAX_LENGTH } from './custom-fields.js'
import { NUMBER_VALUE_MAX, NUMBER_VALUE_MIN } from './bounds.js'
import { FORMATS, NUMERIC_BOUNDS } from './validation.js'

export const ITEM_MAX_LENGTH = 255
/** Decision D13: at most this many items per collection in one write. */
export const MAX_ITEMS = 100

export const EmailSchema = Type.String({ format: FORMATS.email, maxLength: ITEM_MAX_LENGTH })
export const ItemSchema = Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH })

function slotSchema (slot: Slot) {
  switch (slot.kind) {
    case 'text':
      return Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: TEXT_SLOT_MAX_LENGTH })
    case 'number':
      return Type.Unsafe<number | string | null>({
        type: ['number', 'string', 'null'],
        format: FORMATS.numeric,
        minimum: NUMBER_VALUE_MIN,
        maximum: NUMBER_VALUE_MAX,
        [NUMERIC_BOUNDS]: true,
        description: `A number or a numeric string, from ${NUMBER_VALUE_MIN} to ${NUMBER_VALUE_MAX}.`
      })
    case 'date':
      return Type.Unsafe<string | null>({ type: ['string', 'null'], format: FORMATS.date })
  }
}

export const CustomFieldsSchema = Type.Unsafe<Record<string, string | number | null>>(Type.Object(
  Object.fromEntries(SLOTS.map((slot) => [slot.name, Type.Optional(slotSchema(slot))])),
  {
    additionalProperties: false,
    description: 'profile_field_1–15 text (at most 10,240 characters), 16–25 numbers (|x| ≤ 10^15), 26–30 dates ' +
      '(years 0001–9999).'
  }
))
