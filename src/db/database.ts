// The one description of the database's tables, for Kysely. Column names are Cometly's wire names where a
// column carries a wire field, so that mapping rows to responses stays trivial. Times are Unix milliseconds.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** A Space's data lives in its current partition; a reset swaps in a new one (see migration 0001). */
export interface PartitionsTable {
  id: Generated<number>
  retired_at: number | null
}

export interface SpacesTable {
  id: Generated<number>
  name: string
  partition_id: number
  subscription_active: ColumnType<number, number | undefined, number>
  time_zone: ColumnType<string, string | undefined, string>
  /** JSON object: slot name → label. */
  custom_field_labels: ColumnType<string, string | undefined, string>
  /** JSON object: custom_event_N → its configured name (migration 0010, Decision D48). */
  custom_event_labels: ColumnType<string, string | undefined, string>
  /** JSON object: the Space's own rate-limit overrides (see src/wire/rate-limits.ts). */
  rate_limits: ColumnType<string, string | undefined, string>
  created_at: number
}

export interface ApiKeysTable {
  id: Generated<number>
  space_id: number
  /** SHA-256 of the key, hex; the key itself is never stored. */
  key_hash: string
  /** The key's last four characters, to tell keys apart in listings and logs. */
  key_hint: string
  /** JSON array of resource names this key may use, or null for all. */
  scopes: string | null
  created_at: number
  revoked_at: number | null
}

type TextSlotNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15
type TextSlots = { [K in `profile_field_${TextSlotNumber}`]: string | null }
type NumberSlots = { [K in `profile_field_${16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25}`]: number | null }
type DateSlots = { [K in `profile_field_${26 | 27 | 28 | 29 | 30}`]: string | null }
export type SlotColumns = TextSlots & NumberSlots & DateSlots

export interface ContactsTable extends Partial<SlotColumns> {
  id: Generated<number>
  /** The partition of the contact's Space (not the Space id: see PartitionsTable). */
  partition_id: number
  email: string | null
  phone: string | null
  name: string | null
  location: string | null
  /** The company of the primary email's domain (migration 0005, Decision D32); null for none. */
  company_id: number | null
  created_at: number
  updated_at: number
}

/** A company: one email domain of a partition (migration 0005). */
export interface CompaniesTable {
  id: Generated<number>
  partition_id: number
  domain: string
  /** The lower-cased domain: unique in the partition. */
  domain_key: string
  name: string
  /** Unix milliseconds, whole seconds (Decision D33). */
  created_at: number
  updated_at: number
}

/** emails, phones, names and locations: one row per item, position 0 is the contact's primary value. */
export interface ContactItemsTable {
  contact_id: number
  position: number
  value: string
  created_at: number
}

/** A contact's comet tokens (the tracking identity Cometly's pixel gives a browser). */
export interface CometTokensTable {
  id: Generated<number>
  contact_id: number
  token: string
  created_at: number
}

/** Conversions and touchpoints (migration 0010): one id sequence; a contact's journey is both. */
export interface EventsTable {
  id: Generated<number>
  partition_id: number
  contact_id: number
  kind: 'conversion' | 'touchpoint'
  /** Conversions: the event's name and details; null on touchpoints. */
  event_name: string | null
  amount: number | null
  /** 0 or 1. */
  is_upsell: Generated<number>
  order_id: string | null
  order_name: string | null
  /** Touchpoints: where the visit came from and the ad hierarchy; null on conversions. */
  source: string | null
  referrer_host: string | null
  ad_id: string | null
  ad_name: string | null
  adset_id: string | null
  adset_name: string | null
  campaign_id: string | null
  campaign_name: string | null
  account_id: string | null
  account_name: string | null
  event_url: string | null
  /** Unix milliseconds. */
  event_time: number
  /** JSON of what is stored and never shown (Decision D39). */
  extra: string | null
  created_at: number
}

/** Accepted track requests not yet applied (Decision D37). */
export interface EventQueueTable {
  id: Generated<number>
  space_id: number
  partition_id: number
  /** The validated request body, as JSON. */
  payload: string
  accepted_at: number
  due_at: number
}

/** Idempotency keys a partition accepted (Decision D40). */
export interface IdempotencyKeysTable {
  partition_id: number
  key: string
  accepted_at: number
}

/** Tracking ids and fingerprint + ip pairs bound to contacts (Decision D38). */
export interface ContactIdentitiesTable {
  partition_id: number
  kind: 'tracking_id' | 'fingerprint_ip'
  value: string
  contact_id: number
}

/** A contact's browsing-session hits (page views), with the nine documented fields (Decision D21). */
export interface BrowsingSessionHitsTable {
  id: Generated<number>
  contact_id: number
  event_url: string
  referrer_host: string | null
  source: string | null
  country: string | null
  device_type: string | null
  browser: string | null
  os: string | null
  event_name: string | null
  event_time: number
}

/** Export jobs (migration 0003); the gzipped file is the `file` BLOB. */
export interface ExportsTable {
  id: Generated<number>
  space_id: number
  partition_id: number
  resource: string
  /** JSON: the export's request (date range in UTC milliseconds, flags). */
  params: string
  max_row_id: number
  state: 'pending' | 'done' | 'failed'
  message: string | null
  file: Buffer | null
  row_count: number | null
  created_at: number
  finished_at: number | null
}

/** Download links of finished exports; the token is the credential. */
export interface ExportLinksTable {
  token: string
  export_id: number
  expires_at: number
  created_at: number
}

/** The highest id ever handed out, per table (migration 0006); a snapshot restore leaves it alone. */
export interface IdHighWaterTable {
  name: 'spaces' | 'api_keys' | 'contacts' | 'exports'
  value: number
}

export interface Database {
  partitions: PartitionsTable
  spaces: SpacesTable
  api_keys: ApiKeysTable
  contacts: ContactsTable
  companies: CompaniesTable
  emails: ContactItemsTable
  phones: ContactItemsTable
  names: ContactItemsTable
  locations: ContactItemsTable
  comet_tokens: CometTokensTable
  events: EventsTable
  event_queue: EventQueueTable
  idempotency_keys: IdempotencyKeysTable
  contact_identities: ContactIdentitiesTable
  browsing_session_hits: BrowsingSessionHitsTable
  exports: ExportsTable
  export_links: ExportLinksTable
  id_high_water: IdHighWaterTable
}

export type ItemTable = 'emails' | 'phones' | 'names' | 'locations'
export const ITEM_TABLES: readonly ItemTable[] = ['emails', 'phones', 'names', 'locations']
/** The contacts column that holds each collection's primary (first) value. */
export const PRIMARY_COLUMN = {
  emails: 'email',
  phones: 'phone',
  names: 'name',
  locations: 'location'
} as const satisfies Record<ItemTable, keyof ContactsTable>

export type Space = Selectable<SpacesTable>
export type NewSpace = Insertable<SpacesTable>
export type ApiKey = Selectable<ApiKeysTable>
export type Contact = Selectable<ContactsTable>
export type NewContact = Insertable<ContactsTable>
export type CometToken = Selectable<CometTokensTable>
export type Event = Selectable<EventsTable>
export type BrowsingSessionHit = Selectable<BrowsingSessionHitsTable>
export type Company = Selectable<CompaniesTable>
