// The custom string formats of the route schemas, by name, as Ajv takes them. A module of their own so that the
// validators generated at build time (src/wire/precompiled.ts) can require them by name, as Ajv's own compile
// refers to them.
import type { Format } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { isNumericString, parseSlotDate } from './custom-fields.js'

/** Custom string formats and the Laravel rule each stands for. */
export const FORMATS = {
  email: 'email',
  numeric: 'numeric',
  date: 'laravel-date',
  dateTime: 'date-time-seconds',
  /** A query-string flag: 1, 0, true or false. */
  flag: 'flag'
} as const

const FLAG_VALUES = new Set(['1', '0', 'true', 'false'])
const DATE_TIME_SECONDS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/** Every format a schema may name. `email` is ajv-formats' own (its full mode), as `addFormats` would add it. */
export const AJV_FORMATS: Readonly<Record<string, Format>> = {
  [FORMATS.email]: fullFormats.email,
  [FORMATS.numeric]: { type: 'string', validate: isNumericString },
  [FORMATS.date]: { type: 'string', validate: (s: string) => parseSlotDate(s) !== null },
  [FORMATS.flag]: { type: 'string', validate: (s: string) => FLAG_VALUES.has(s) },
  [FORMATS.dateTime]: {
    type: 'string',
    validate: (s: string) => DATE_TIME_SECONDS.test(s) && parseSlotDate(s) !== null
  }
}

/** The number slots' bound check (the keyword x-numeric-bounds, src/wire/validation.ts): a string that is
 * numeric, read as a number, must lie within the bounds. A string that is not numeric is the format's error. */
export function outsideNumericBounds (data: string, minimum: number, maximum: number): boolean {
  if (!isNumericString(data)) return false
  const n = Number(data)
  return !(n >= minimum && n <= maximum)
}
