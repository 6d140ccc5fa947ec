// @ts-nocheck
// The 30 custom-field slots of a Cometly contact and the kind of each. Cometly's create-contact page fixes
// the ranges: profile_field_1–15 text, 16–25 numeric, 26–30 dates. Everything that depends on a slot's kind
// (column type, validation, filter operators) reads it from here.

export type SlotKind = 'text' | 'number' | 'date'

export const SLOT_COUNT = 30
export const TEXT_SLOT_MAX_LENGTH = 10_240

export type SlotName = `profile_field_${number}`

export interface Slot {
  readonly name: SlotName
  readonly index: number
  readonly kind: SlotKind
}

function kindOf (index: number): SlotKind {
  if (index <= 15) return 'text'
  if (index <= 25) return 'number'
  return 'date'
}

export const SLOTS: readonly Slot[] = Array.from({ length: SLOT_COUNT }, (_, i) => ({
  name: `profile_field_${i + 1}` as SlotName,
  index: i + 1,
  kind: kindOf(i + 1)
}))

export const SLOT_NAMES: readonly SlotName[] = SLOTS.map((slot) => slot.name)

const slotsByName = new Map<string, Slot>(SLOTS.map((slot) => [slot.name, slot]))

export function findSlot (name: string): Slot | undefined {
  return slotsByName.get(name)
}

// PHP's is_numeric() on a string, which Laravel's `numeric` rule uses: optional surrounding white space, a
// sign, digits with an optional fraction, an optional exponent. A value that overflows (`1e999`) is numeric to
// PHP too (it reads as INF); the slot's bound (src/wire/bounds.ts) then refuses it, as Laravel's `between` would.
const NUMERIC = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/

export function isNumericString (value: string): boolean {
  return NUMERIC.test(value)
}

const DATE_FORMS = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/

function pad (n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** Unix milliseconds of a UTC wall time; unlike Date.UTC, years 0–99 are years 0–99, not 1900–1999. */
export function utcMs (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second))
  date.setUTCFullYear(year, month - 1, day)
  return date.getTime()
}

/** The first and last instants a stored date can hold: four-digit years, 0001 to 9999 (PHP's checkdate). */
const FIRST_STORABLE = utcMs(1, 1, 1)
const LAST_STORABLE = utcMs(9999, 12, 31, 23, 59, 59)

/**
 * Reads a date slot's value: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or ISO 8601 (with `T`, optional seconds,
 * fraction and offset). Returns it in the stored form, `YYYY-MM-DD HH:MM:SS` in UTC, or null when it is not
 * a real date ("2024-13-45", "2023-02-29", "24:00", year 0000), or when its offset moves it out of the years
 * 0001–9999 that the stored form holds.
 */
export function parseSlotDate (value: string): string | null {
  const m = DATE_FORMS.exec(value)
  if (m === null) return null
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as
    [number, number, number, number, number, number]
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null
  if (day > new Date(utcMs(year, month + 1, 0)).getUTCDate()) return null
  let ms = utcMs(year, month, day, hour, minute, second)
  const offset = m[8]
  if (offset !== undefined && offset !== 'Z') {
    const digits = offset.replace(':', '')
    const [hours, minutes] = [Number(digits.slice(1, 3)), Number(digits.slice(3, 5))]
    if (hours > 23 || minutes > 59) return null
    ms -= (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000
  }
  if (ms < FIRST_STORABLE || ms > LAST_STORABLE) return null
  const d = new Date(ms)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** The stored value of a slot, from a value that passed validation. */
export function toStoredSlotValue (slot: Slot, value: unknown): string | number | null {
  if (value === null || value === undefined) return null
  switch (slot.kind) {
    case 'text': return String(value)
    // -0 is stored as 0: JSON has no negative zero to give it back as.
    case 'number': return (typeof value === 'number' ? value : Number(value)) || 0
    case 'date': return parseSlotDate(String(value))
  }
}
