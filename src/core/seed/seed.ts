// The seed format (a Space's contacts with all their collections and activity) and the functions that write
// it into a partition and read it back out. Export and import use the same shape, so an exported Space seeds
// another one as it is.
import type { Kysely } from 'kysely'
import { type Static, Type } from 'typebox'
import { CustomFieldsSchema, ITEM_MAX_LENGTH } from '../../wire/contact-fields.js'
import { SLOTS, slotDateErrors } from '../../wire/custom-fields.js'
import { ValidationError } from '../../wire/errors.js'
import { NUMBER_VALUE_MAX, NUMBER_VALUE_MIN, SEED_MAX } from '../../wire/bounds.js'
import { readTime } from '../../wire/date-range.js'
import { Nullable, TimeSchema } from '../../wire/schemas.js'
import { FORMATS } from '../../wire/validation.js'
import { insertBrowsingSessionHits, insertCometTokens } from '../../db/activity.js'
import { bindIdentity, insertEvents } from '../../db/events.js'
import { ensureCompany, findCompanyByDomain, insertCompany, listCompaniesOf, wholeSeconds } from '../../db/companies.js'
import { insertContact, newContactRow } from '../../db/contacts.js'
import { companyDomainOf, domainKey } from '../../wire/company-domains.js'
import { fingerprintKey, readFingerprintKey, TOUCHPOINT_FIELDS, TRACKABLE_EVENTS } from '../../wire/events.js'
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
  company: Type.Optional(Nullable(Type.String({
    minLength: 1,
    maxLength: ITEM_MAX_LENGTH,
    description: 'The domain of the contact\'s company (made when the Space has none), or null for none, as a ' +
      'Space export writes it: a company\'s domain may have changed since the link was made (Decision D32). ' +
      'Absent: the company of the primary email\'s domain.'
  }))),
  comet_tokens: Type.Optional(Type.Array(Type.Object({
    token: Type.String({ minLength: 1 }),
    created_at: Type.Optional(TimeSchema)
  }, { additionalProperties: false }))),
  tracking_ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH }), {
    description: 'Tracking ids bound to the contact (Decision D38).'
  })),
  fingerprints: Type.Optional(Type.Array(Type.Object({
    fingerprint: Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH }),
    ip: Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH })
  }, { additionalProperties: false }), { description: 'Fingerprint + ip pairs bound to the contact (Decision D38).' })),
  conversions: Type.Optional(Type.Array(Type.Object({
    event_name: Type.Unsafe<string>({ type: 'string', enum: TRACKABLE_EVENTS }),
    event_time: TimeSchema,
    amount: Type.Optional(Nullable(Type.Number({ minimum: NUMBER_VALUE_MIN, maximum: NUMBER_VALUE_MAX }))),
    order_id: Type.Optional(NullableText),
    order_name: Type.Optional(NullableText),
    is_upsell: Type.Optional(Type.Boolean()),
    url: Type.Optional(NullableText)
  }, { additionalProperties: false }))),
  touchpoints: Type.Optional(Type.Array(Type.Object({
    source: Type.Optional(NullableText),
    event_time: TimeSchema,
    url: Type.Optional(NullableText),
    referrer_host: Type.Optional(NullableText),
    ...Object.fromEntries(TOUCHPOINT_FIELDS.map((field) => [field, Type.Optional(NullableText)]))
  }, { additionalProperties: false }))),
  browsing_session_hits: Type.Optional(Type.Array(Type.Object({
    event_url: Type.String({ minLength: 1 }),
    referrer_host: Type.Optional(NullableText),
    source: Type.Optional(NullableText),
    country: Type.Optional(NullableText),
    device_type: Type.Optional(NullableText),
    browser: Type.Optional(NullableText),
    os: Type.Optional(NullableText),
    event_name: Type.Optional(NullableText),
    event_time: TimeSchema
  }, { additionalProperties: false })))
}, { additionalProperties: false })
export type SeedContact = Static<typeof SeedContactSchema>

/** A company of the seed (Decision D32): its contacts link to it by their primary email's domain. */
export const SeedCompanySchema = Type.Object({
  domain: Type.String({ minLength: 1, maxLength: ITEM_MAX_LENGTH }),
  name: Type.Optional(Type.String({
    minLength: 1,
    maxLength: ITEM_MAX_LENGTH,
    description: 'The domain when absent.'
  })),
  created_at: Type.Optional(TimeSchema)
}, { additionalProperties: false })
export type SeedCompany = Static<typeof SeedCompanySchema>

export const MAX_GENERATED = 200_000

export const SpaceSeedSchema = Type.Object({
  companies: Type.Optional(Type.Array(SeedCompanySchema)),
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

/** Thrown for a seed that contradicts itself (a company twice); the caller turns it into its own error. */
export class SeedConflictError extends Error {}

/** Every time of the seed, checked before anything is written: a 422 names the first bad one's path. */
export function checkSeedTimes (contacts: readonly SeedContact[], companies: readonly SeedCompany[] = []): void {
  companies.forEach((company, i) => {
    if (company.created_at !== undefined) readTime(company.created_at, `companies.${i}.created_at`)
  })
  contacts.forEach((seed, i) => {
    const path = `contacts.${i}`
    if (seed.created_at !== undefined) readTime(seed.created_at, `${path}.created_at`)
    seed.comet_tokens?.forEach((t, j) => {
      if (t.created_at !== undefined) readTime(t.created_at, `${path}.comet_tokens.${j}.created_at`)
    })
    seed.conversions?.forEach((e, j) => { readTime(e.event_time, `${path}.conversions.${j}.event_time`) })
    seed.touchpoints?.forEach((e, j) => { readTime(e.event_time, `${path}.touchpoints.${j}.event_time`) })
    seed.browsing_session_hits?.forEach((h, j) => {
      readTime(h.event_time, `${path}.browsing_session_hits.${j}.event_time`)
    })
  })
}

/** A time that checkSeedTimes accepted, in Unix milliseconds. */
function ms (value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  return typeof value === 'number' ? value : Date.parse(value)
}
/** Writes companies into a partition; a domain the partition already has (in any case) is refused. */
export async function insertSeedCompanies (db: Kysely<Database>, partitionId: number,
  companies: readonly SeedCompany[], now: number): Promise<number> {
  for (const company of companies) {
    if (await findCompanyByDomain(db, partitionId, company.domain) !== undefined) {
      throw new SeedConflictError(`the domain "${company.domain}" is in the seed twice`)
    }
    const at = wholeSeconds(ms(company.created_at, now))
    await insertCompany(db, {
      partition_id: partitionId,
      domain: company.domain,
      domain_key: domainKey(company.domain),
      name: company.name ?? company.domain,
      created_at: at,
      updated_at: at
    })
  }
  return companies.length
}

/**
 * Writes contacts and their activity into a partition, each linked to the company of its primary email's
 * domain (Decision D32), made when missing. Run it in a transaction: all of it, or none.
 */
export async function insertSeedContacts (db: Kysely<Database>, space: { partitionId: number, timeZone: string },
  contacts: readonly SeedContact[], now: number): Promise<number> {
  for (const [index, seed] of contacts.entries()) {
    const createdAt = ms(seed.created_at, now)
    const emails = seed.emails ?? []
    const phones = seed.phones ?? []
    const names = seed.names ?? []
    const locations = seed.locations ?? []
    const dates = slotDateErrors(seed.custom_fields ?? {}, space.timeZone, `contacts.${index}.custom_fields`)
    if (Object.keys(dates).length > 0) throw new ValidationError(dates)
    const collections = { emails, phones, names, locations }
    const contact = newContactRow(space.partitionId, collections, seed.custom_fields, createdAt, space.timeZone)
    // An export names the contact's company as it was linked; a seed of your own may leave it to the email.
    const domain = seed.company === undefined ? companyDomainOf(emails[0]) : seed.company
    const companyId = domain === null ? null : await ensureCompany(db, space.partitionId, domain, createdAt)
    const id = await insertContact(db, { ...contact, company_id: companyId }, collections)
    if (seed.comet_tokens !== undefined) {
      await insertCometTokens(db, id, seed.comet_tokens.map((t) => ({
        token: t.token,
        created_at: ms(t.created_at, createdAt)
      })))
    }
    for (const trackingId of seed.tracking_ids ?? []) {
      await bindIdentity(db, space.partitionId, 'tracking_id',
        trackingId, id)
    }
    for (const { fingerprint, ip } of seed.fingerprints ?? []) {
      await bindIdentity(db, space.partitionId, 'fingerprint_ip', fingerprintKey(fingerprint, ip), id)
    }
    const base = { partition_id: space.partitionId, contact_id: id, created_at: createdAt }
    // Touchpoints first: at equal times a conversion then has the higher id and comes first (Decision D20).
    await insertEvents(db, [
      ...(seed.touchpoints ?? []).map((t) => ({
        ...base,
        kind: 'touchpoint' as const,
        source: t.source ?? null,
        event_url: t.url ?? null,
        referrer_host: t.referrer_host ?? null,
        ...Object.fromEntries(TOUCHPOINT_FIELDS.map((field) => [field,
          (t as Record<string, string | null | undefined>)[field] ?? null])),
        event_time: ms(t.event_time, createdAt)
      })),
      ...(seed.conversions ?? []).map((c) => ({
        ...base,
        kind: 'conversion' as const,
        event_name: c.event_name,
        amount: c.amount ?? null,
        order_id: c.order_id ?? null,
        order_name: c.order_name ?? null,
        is_upsell: c.is_upsell === true ? 1 : 0,
        event_url: c.url ?? null,
        event_time: ms(c.event_time, createdAt)
      }))
    ])
    if (seed.browsing_session_hits !== undefined) {
      await insertBrowsingSessionHits(db, id, seed.browsing_session_hits.map((h) => ({
        event_url: h.event_url,
        referrer_host: h.referrer_host ?? null,
        source: h.source ?? null,
        country: h.country ?? null,
        device_type: h.device_type ?? null,
        browser: h.browser ?? null,
        os: h.os ?? null,
        event_name: h.event_name ?? null,
        event_time: ms(h.event_time, createdAt)
      })))
    }
  }
  return contacts.length
}

const iso = (value: number): string => new Date(value).toISOString()

/** A partition's contacts in the seed format, oldest first; custom fields in their stored form. */
export async function readSeedContacts (db: Kysely<Database>, partitionId: number): Promise<SeedContact[]> {
  const { contacts, items, cometTokens, events, hits, identities } = await readPartitionContents(db, partitionId)
  const domains = new Map((await listCompaniesOf(db, partitionId)).map((company) => [company.id, company.domain]))
  const nullable = (value: string | null): string | null => value
  return contacts.map((row) => {
    const customFields: Record<string, string | number> = {}
    for (const slot of SLOTS) {
      const value = (row as Record<string, unknown>)[slot.name]
      if (value === null || value === undefined) continue
      // Dates with their zone, so that an import into a Space of any time zone reads the same instant.
      customFields[slot.name] = slot.kind === 'date' ? `${String(value).replace(' ', 'T')}Z` : value as string | number
    }
    const journey = events.get(row.id) ?? []
    const own = identities.get(row.id) ?? []
    return {
      emails: items.emails.get(row.id) ?? [],
      phones: items.phones.get(row.id) ?? [],
      names: items.names.get(row.id) ?? [],
      locations: items.locations.get(row.id) ?? [],
      ...(Object.keys(customFields).length > 0 && { custom_fields: customFields }),
      created_at: iso(row.created_at),
      company: row.company_id === null ? null : domains.get(row.company_id) ?? null,
      comet_tokens: (cometTokens.get(row.id) ?? []).map((t) => ({ token: t.token, created_at: iso(t.created_at) })),
      tracking_ids: own.filter((i) => i.kind === 'tracking_id').map((i) => i.value),
      fingerprints: own.filter((i) => i.kind === 'fingerprint_ip').map((i) => readFingerprintKey(i.value)),
      conversions: journey.filter((e) => e.kind === 'conversion').map((e) => ({
        event_name: e.event_name ?? '',
        event_time: iso(e.event_time),
        amount: e.amount,
        order_id: e.order_id,
        order_name: e.order_name,
        is_upsell: e.is_upsell === 1,
        url: e.event_url
      })),
      touchpoints: journey.filter((e) => e.kind === 'touchpoint').map((e) => ({
        source: e.source,
        event_time: iso(e.event_time),
        url: e.event_url,
        referrer_host: e.referrer_host,
        ...Object.fromEntries(TOUCHPOINT_FIELDS.map((field) => [field, nullable(e[field])]))
      })),
      browsing_session_hits: (hits.get(row.id) ?? []).map((h) => ({
        event_url: h.event_url,
        referrer_host: h.referrer_host,
        source: h.source,
        country: h.country,
        device_type: h.device_type,
        browser: h.browser,
        os: h.os,
        event_name: h.event_name,
        event_time: iso(h.event_time)
      }))
    }
  })
}

/** A partition's companies in the seed format, oldest first. */
export async function readSeedCompanies (db: Kysely<Database>, partitionId: number): Promise<SeedCompany[]> {
  return (await listCompaniesOf(db, partitionId))
    .map((company) => ({ domain: company.domain, name: company.name, created_at: iso(company.created_at) }))
}
