// @ts-nocheck
// What a written contact must read back as, compared in a form-insensitive way where the contract and today's
// code differ (Decision D16: numbers as numbers, dates as wall times in the Space's zone; the create and PUT
// echoes of Decision D14/D25). The read-back property test and the model-based test both compare through here,
// so a change of those forms is a change of this file only.
import fc from 'fast-check'
import { NUMBER_VALUE_MAX } from '../../src/wire/bounds.js'
import { parseSlotDate, SLOTS, type SlotKind } from '../../src/wire/custom-fields.js'
import { zonedWallTimeToUtc } from '../../src/wire/time-zone.js'

export type SlotValue = string | number | null

/** A JSON number token sent as written: `1e999` is Infinity to JSON.parse, and no JS number can say that. */
export interface Raw { raw: string }
export type SentValue = SlotValue | Raw

const RAW = /"\\u0000raw:([^"\\]*)\\u0000"/g

/** A body as JSON text, with each Raw value written as its token. */
export function toJson (body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && 'raw' in value ? `\u0000raw:${(value as Raw).raw}\u0000` : value)
    .replace(RAW, '$1')
}

/** Dates the stored form cannot hold (years 0001–9999 in UTC), or that are not dates at all. */
export const REFUSED_DATES = ['0000-01-01', '9999-12-31T23:59:59-00:30', '0001-01-01T00:00:00+01:00',
  '2023-02-29', '2024-01-01 24:00:00', '10000-01-01']

/** Whether the stated bounds refuse a value, worked out from the bounds, not from the code under test. */
export function isRefused (kind: SlotKind, value: SentValue): boolean {
  if (value === null) return false
  if (typeof value === 'object') return true
  if (kind === 'number') {
    const n = Number(value)
    return !(Math.abs(n) <= NUMBER_VALUE_MAX)
  }
  return kind === 'date' && REFUSED_DATES.includes(String(value))
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/
const WALL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/** Unix milliseconds of a stored-form date (`YYYY-MM-DD HH:MM:SS`). */
function utc (wall: string): number {
  return Date.parse(`${wall.replace(' ', 'T')}Z`)
}

/**
 * Whether `read` (what a read path shows) is what `sent` (what a write sent) holds. Text is equal. Numbers are
 * equal as numbers (`"500"` and `500`; `-0` and `0`). A date sent without an offset shows its own wall time; one
 * sent with an offset shows its instant, as UTC (today) or as a wall time in the Space's zone (Decision D16).
 */
export function sameSlotValue (kind: SlotKind, sent: SlotValue, read: unknown, timeZone: string): boolean {
  if (sent === null) return read === null
  if (read === null || read === undefined) return false
  switch (kind) {
    case 'text': return read === sent
    case 'number': return Object.is(Number(read) + 0, Number(sent) + 0)
    case 'date': {
      // An echo shows the value as sent (Decisions D14 and D25, today).
      if (read === sent) return true
      const stored = parseSlotDate(String(sent))
      if (stored === null || typeof read !== 'string' || !WALL_TIME.test(read)) return false
      if (!OFFSET.test(String(sent))) return read === stored
      const instant = utc(stored)
      return utc(read) === instant || zonedWallTimeToUtc(read, timeZone) === instant
    }
  }
}

/** The slots a read path shows (all 30, null where unset) compared with the slots written. */
export function sameCustomFields (sent: Record<string, SlotValue>, read: Record<string, unknown>,
  timeZone: string): string[] {
  const problems: string[] = []
  for (const slot of SLOTS) {
    const value = sent[slot.name] ?? null
    if (!sameSlotValue(slot.kind, value, read[slot.name], timeZone)) {
      problems.push(`${slot.name}: wrote ${JSON.stringify(value)}, read ${JSON.stringify(read[slot.name])}`)
    }
  }
  return problems
}

/** An echo of a write (the create or PUT answer) shows only the slots sent. */
export function sameEcho (sent: Record<string, SlotValue>, echo: Record<string, unknown>, timeZone: string): string[] {
  const problems = Object.keys(echo).filter((name) => !(name in sent)).map((name) => `${name}: echoed, not sent`)
  for (const slot of SLOTS) {
    if (!(slot.name in sent)) continue
    if (!sameSlotValue(slot.kind, sent[slot.name] ?? null, echo[slot.name], timeZone)) {
      problems.push(`${slot.name}: sent ${JSON.stringify(sent[slot.name])}, echoed ${JSON.stringify(echo[slot.name])}`)
    }
  }
  return problems
}

// ---- Generators of values a client may send, extremes included ----

const TEXT_CHARS = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('%', '_', '\\', '\u0000', '"', '\n', 'é', '😀', ' ') }
)

/** An item of a collection: 1 to 255 characters (Decision D13), some at the limit. */
export const itemArbitrary = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(TEXT_CHARS, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('').slice(0, 255))
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(255), 'é'.repeat(255), '😀'.repeat(255)) }
).filter((s) => s.length > 0 && [...s].length <= 255)

export const emailArbitrary = fc.tuple(
  fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?$/),
  fc.stringMatching(/^[a-z0-9]{1,10}$/),
  fc.constantFrom('com', 'org', 'example', 'co.uk')
).map(([local, domain, tld]) => `${local}@${domain}.${tld}`).filter((e) => !e.includes('..'))

const NUMBER_EXTREMES = [NUMBER_VALUE_MAX, -NUMBER_VALUE_MAX, 0, -0, 5e-324, -5e-324, 0.1, 2 ** 53 / 16]

/** Past the bound: refused with a 422 naming the slot. */
const NUMBER_REFUSED: SentValue[] = [{ raw: '1e999' }, { raw: '-1e999' }, { raw: '1e308' },
  { raw: '1234567890123456789012345678901234567890' }, '1e999', '1234567890123456789012345678901234567890',
  NUMBER_VALUE_MAX + 1, -NUMBER_VALUE_MAX - 1]

export const numberSlotArbitrary: fc.Arbitrary<SentValue> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -1e9, max: 1e9 }) },
  {
    weight: 3,
    arbitrary: fc.double({ min: -NUMBER_VALUE_MAX, max: NUMBER_VALUE_MAX, noNaN: true, noDefaultInfinity: true })
  },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBER_EXTREMES) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBER_EXTREMES).map((n) => String(n)) },
  { weight: 2, arbitrary: fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }).map((n) => ` ${n} `) },
  { weight: 1, arbitrary: fc.constant(null) }
)

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Unix milliseconds of a UTC wall time, years 0–99 included. */
function utcOf (y: number, mo: number, d: number, h: number, mi: number, sec: number): number {
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, sec, 0)
  return date.getTime()
}
const FIRST = utcOf(1, 1, 1, 0, 0, 0)
const LAST = utcOf(9999, 12, 31, 23, 59, 59)

/** Dates in every form a slot takes, years under 100 often; only those whose instant stays in 0001–9999. */
export const dateSlotArbitrary: fc.Arbitrary<SentValue> = fc.oneof(
  fc.tuple(
    fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 9999 }), fc.constantFrom(1, 9999)),
    fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }),
    fc.constantFrom('date', 'space', 'T', 'Z', 'offset', 'fraction')
  ).map(([y, mo, d, h, mi, sec, form]) => {
    const day = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`
    const time = `${pad(h)}:${pad(mi)}:${pad(sec)}`
    const offsetMinutes = (h % 2 === 0 ? 1 : -1) * ((h % 14) * 60 + (mi % 2 === 0 ? 0 : 30))
    const sign = offsetMinutes >= 0 ? '+' : '-'
    const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
    const wall = form === 'date' ? utcOf(y, mo, d, 0, 0, 0) : utcOf(y, mo, d, h, mi, sec)
    const instant = form === 'offset' ? wall - offsetMinutes * 60_000 : wall
    const value = {
      date: day,
      space: `${day} ${time}`,
      T: `${day}T${time}`,
      Z: `${day}T${time}Z`,
      offset: `${day}T${time}${offset}`,
      fraction: `${day}T${time}.${pad(sec, 3)}Z`
    }[form]
    return { value, inRange: instant >= FIRST && instant <= LAST }
  }).filter(({ inRange }) => inRange).map(({ value }) => value),
  fc.constantFrom('0001-01-01', '9999-12-31 23:59:59', '2024-02-29', '0050-06-15T12:00:00Z'),
  fc.constant(null)
)

export const textSlotArbitrary: fc.Arbitrary<SlotValue> = fc.oneof(
  { weight: 5, arbitrary: fc.oneof(itemArbitrary, fc.constant('')) },
  { weight: 1, arbitrary: fc.constantFrom('y'.repeat(10_240), '%_\\'.repeat(100)) },
  { weight: 1, arbitrary: fc.constant(null) }
)

export const slotArbitraries: Record<SlotKind, fc.Arbitrary<SentValue>> = {
  text: textSlotArbitrary,
  number: numberSlotArbitrary,
  date: dateSlotArbitrary
}

/** Some of the 30 slots, each with a value of its kind. */
/** Some of the 30 slots, each with a value of its kind; now and then one that a bound refuses. */
export const customFieldsArbitrary: fc.Arbitrary<Record<string, SentValue>> = fc.tuple(
  fc.record(Object.fromEntries(SLOTS.map((slot) => [slot.name, slotArbitraries[slot.kind]])), { requiredKeys: [] }),
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...SLOTS.filter((s) => s.kind === 'number').map((s) => s.name)),
        fc.constantFrom(...NUMBER_REFUSED))
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...SLOTS.filter((s) => s.kind === 'date').map((s) => s.name)),
        fc.constantFrom<SentValue>(...REFUSED_DATES))
    }
  )
).map(([fields, refused]) => (refused === null ? fields : { ...fields, [refused[0]]: refused[1] }) as
  Record<string, SentValue>)

/** The slots of a write that the bounds refuse, as Laravel names them. */
export function refusedSlots (customFields: Record<string, SentValue> | undefined): string[] {
  return SLOTS.filter((slot) => customFields !== undefined && slot.name in customFields &&
    isRefused(slot.kind, customFields[slot.name] ?? null)).map((slot) => `custom_fields.${slot.name}`)
}

export interface ContactWrite {
  emails: string[]
  phones: string[]
  names: string[]
  locations: string[]
  custom_fields?: Record<string, SentValue>
}

export const contactWriteArbitrary: fc.Arbitrary<ContactWrite> = fc.record({
  emails: fc.array(emailArbitrary, { minLength: 1, maxLength: 3 }),
  phones: fc.array(itemArbitrary, { maxLength: 3 }),
  names: fc.array(itemArbitrary, { maxLength: 3 }),
  locations: fc.array(itemArbitrary, { maxLength: 2 }),
  custom_fields: customFieldsArbitrary
}, { requiredKeys: ['emails', 'phones', 'names', 'locations'] })

export const TIME_ZONES = ['UTC', 'Europe/Paris', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Kiritimati'] as const
