// @ts-nocheck
// The seed format (a Space's contacts with all their collections and activity) and the functions that write
// it into a partition and read it back out. Export and import use the same shape, so an exported Space seeds
// another one as it is.
import type { Kysely } from 'kysely'
import { type Static, Type } from 'typebox'
import { CustomFieldsSchema, ITEM_MAX_LENGTH } from '../../wire/contact-fields.js'
import { SLOT_NAMES } from '../../wire/custom-fields.js'
import { NUMBER_VALUE_MAX, NUMBER_VALUE_MIN, SEED_MAX } from '../../wire/bounds.js'
import { readTime } from '../../wire/date-range.js'
import { Nullable, TimeSchema } from '../../wire/schemas.js'
import { FORMATS } from '../../wire/validation.js'
import { insertBrowsingHits, insertCometTokens, insertContactEvents } from '../../db/activity.js'
import { insertContact, newContactRow } from '../../db/contacts.js'
import type { Database } from '../../db/database.js'
import { readPartitionContents } from '../../db/partition-contents.js'

const Item = Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH })
const NullableText = Type.Union([Type.String(), Type.Null()])

export const SeedContactSchema = Type.Object({
  emails: Type.Optional(Type.Array(Type.String({ format: FORMATS.email, maxLength: ITEM_MAX_LENGTH }))),
  phones: Type.Optional(Type.Array(Item)),
  names: Type.Optional(Type.Array(Item)),
  locations: Type.Optional(Type.Array(Item)),
  custom_fields: Type.Optional(CustomFieldsSchema),
  created_at: Type.Optional(TimeSchema),
  comet_tokens: Type.Optional(Type.Array(Type.Object({
    token: Type.String({ minLength: 1 }),
    created_at: Type.Optional(TimeSchema)
  }, { additionalProperties: false }))),
  events: Type.Optional(Type.Array(Type.Object({
    event_name: Type.String({ minLength: 1 }),
    event_time: TimeSchema,
    source: Type.Optional(NullableText),
    touchpoint: Type.Optional(NullableText),
    amount: Type.Optional(Nullable(Type.Number({ minimum: NUMBER_VALUE_MIN, maximum: NUMBER_VALUE_MAX })))
  }, { additionalProperties: false }))),
  browsing_hits: Type.Optional(Type.Array(Type.Object({
    url: Type.String({ minLength: 1 }),
    referrer: Type.Optional(NullableText),
    ip: Type.Optional(NullableText),
    user_agent: Type.Optional(NullableText),
    visited_at: TimeSchema
  }, { additionalProperties: false })))
}, { additionalProperties: false })
export type SeedContact = Static<typeof SeedContactSchema>

export const MAX_GENERATED = 200_000

export const SpaceSeedSchema = Type.Object({
  contacts: Type.Optional(Type.Array(SeedContactSchema)),
  generate: Type.Optional(Type.Object({
    count: Type.Integer({ minimum: 1, maximum: MAX_GENERATED }),
    seed: Type.Optional(Type.Integer({
      minimum: 0,
      maximum: SEED_MAX,
      description: `Same seed, same contacts (default 1); 0 to ${SEED_MAX}.`
    }))
  }, { additionalProperties: false, description: 'Fake contacts from a seed number.' }))
}, { additionalProperties: false })
export type SpaceSeed = Static<typeof SpaceSeedSchema>

/** Every time of the contacts, checked before anything is written: a 422 names the first bad one's path. */
export function checkSeedTimes (contacts: readonly SeedContact[], at = 'contacts'): void {
  contacts.forEach((seed, i) => {
    const path = `${at}.${i}`
    if (seed.created_at !== undefined) readTime(seed.created_at, `${path}.created_at`)
    seed.comet_tokens?.forEach((t, j) => {
      if (t.created_at !== undefined) readTime(t.created_at, `${path}.comet_tokens.${j}.created_at`)
    })
    seed.events?.forEach((e, j) => { readTime(e.event_time, `${path}.events.${j}.event_time`) })
    seed.browsing_hits?.forEach((h, j) => { readTime(h.visited_at, `${path}.browsing_hits.${j}.visited_at`) })
  })
}

/** A time that checkSeedTimes accepted, in Unix milliseconds. */
function ms (value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  return typeof value === 'number' ? value : Date.parse(value)
}

/**
 * Writes contacts and their activity into a partition. Run it in a transaction: all of it, or none; check the
 * times first (checkSeedTimes).
 */
export async function insertSeedContacts (db: Kysely<Database>, partitionId: number, contacts: readonly SeedContact[],
  now: number): Promise<number> {
  for (const seed of contacts) {
    const createdAt = ms(seed.created_at, now)
    const emails = seed.emails ?? []
    const phones = seed.phones ?? []
    const names = seed.names ?? []
    const locations = seed.locations ?? []
    const contact = newContactRow(partitionId, { emails, phones, names, locations }, seed.custom_fields, createdAt)
    const id = await insertContact(db, contact, { emails, phones, names, locations })
    if (seed.comet_tokens !== undefined) {
      await insertCometTokens(db, id, seed.comet_tokens.map((t) => ({
        token: t.token,
        created_at: ms(t.created_at, createdAt)
      })))
    }
    if (seed.events !== undefined) {
      await insertContactEvents(db, id, seed.events.map((e) => ({
        event_name: e.event_name,
        event_time: ms(e.event_time, createdAt),
        source: e.source ?? null,
        touchpoint: e.touchpoint ?? null,
        amount: e.amount ?? null,
        created_at: createdAt
      })))
    }
    if (seed.browsing_hits !== undefined) {
      await insertBrowsingHits(db, id, seed.browsing_hits.map((h) => ({
        url: h.url,
        referrer: h.referrer ?? null,
        ip: h.ip ?? null,
        user_agent: h.user_agent ?? null,
        visited_at: ms(h.visited_at, createdAt)
      })))
    }
  }
  return contacts.length
}

const iso = (value: number): string => new Date(value).toISOString()

/** A partition's contacts in the seed format, oldest first; custom fields in their stored form. */
export async function readSeedContacts (db: Kysely<Database>, partitionId: number): Promise<SeedContact[]> {
  const { contacts, items, cometTokens, events, hits } = await readPartitionContents(db, partitionId)
  return contacts.map((row) => {
    const customFields: Record<string, string | number> = {}
    for (const slot of SLOT_NAMES) {
      const value = (row as Record<string, unknown>)[slot]
      if (value !== null && value !== undefined) customFields[slot] = value as string | number
    }
    return {
      emails: items.emails.get(row.id) ?? [],
      phones: items.phones.get(row.id) ?? [],
      names: items.names.get(row.id) ?? [],
      locations: items.locations.get(row.id) ?? [],
      ...(Object.keys(customFields).length > 0 && { custom_fields: customFields }),
      created_at: iso(row.created_at),
      comet_tokens: (cometTokens.get(row.id) ?? []).map((t) => ({ token: t.token, created_at: iso(t.created_at) })),
      events: (events.get(row.id) ?? []).map((e) => ({
        event_name: e.event_name,
        event_time: iso(e.event_time),
        source: e.source,
        touchpoint: e.touchpoint,
        amount: e.amount
      })),
      browsing_hits: (hits.get(row.id) ?? []).map((h) => ({
        url: h.url, referrer: h.referrer, ip: h.ip, user_agent: h.user_agent, visited_at: iso(h.visited_at)
      }))
    }
  })
}
