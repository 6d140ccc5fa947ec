// @ts-nocheck
// The one description of the database's tables, for Kysely. Column names are Cometly's wire names where a
// column carries a wire field, so that mapping rows to responses stays trivial. Times are Unix milliseconds.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A Space's data lives in its current partition; a reset swaps in a new one (see migration 0001). */
export interface PartitionsTable {
  id: Generated<number>;
  retired_at: number | null;
}
export interface SpacesTable {
  id: Generated<number>;
  name: string;
  partition_id: number;
  subscription_active: ColumnType<number, number | undefined, number>;
  time_zone: ColumnType<string, string | undefined, string>;
  /** JSON object: slot name → label. */
  custom_field_labels: ColumnType<string, string | undefined, string>;
  /** JSON object: the Space's own rate-limit overrides (see src/wire/rate-limits.ts). */
  rate_limits: ColumnType<string, string | undefined, string>;
  created_at: number;
}
export interface ApiKeysTable {
  id: Generated<number>;
  space_id: number;
  /** SHA-256 of the key, hex; the key itself is never stored. */
  key_hash: string;
  /** The key's last four characters, to tell keys apart in listings and logs. */
  key_hint: string;
  /** JSON array of resource names this key may use, or null for all. */
  scopes: string | null;
  created_at: number;
  revoked_at: number | null;
}
type TextSlotNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;
type TextSlots = { [K in `profile_field_${TextSlotNumber}`]: string | null };
type NumberSlots = { [K in `profile_field_${16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25}`]: number | null };
type DateSlots = { [K in `profile_field_${26 | 27 | 28 | 29 | 30}`]: string | null };
export type SlotColumns = TextSlots & NumberSlots & DateSlots;
export interface ContactsTable extends Partial<SlotColumns> {
  id: Generated<number>;
  /** The partition of the contact's Space (not the Space id: see PartitionsTable). */
  partition_id: number;
  email: string | null;
  phone: string | null;
  name: string | null;
  location: string | null;
  created_at: number;
  updated_at: number;
}

/** emails, phones, names and locations: one row per item, position 0 is the contact's primary value. */
export interface ContactItemsTable {
  contact_id: number;
  position: number;
  value: string;
  created_at: number;
}

/** A contact's comet tokens (the tracking identity Cometly's pixel gives a browser). */
export interface CometTokensTable {
  id: Generated<number>;
  contact_id: number;
  token: string;
  created_at: number;
}

/** A contact's journey events; `touchpoint` 'direct' marks a direct touchpoint. */
export interface ContactEventsTable {
  id: Generated<number>;
  contact_id: number;
  event_name: string;
  event_time: number;
  source: string | null;
  touchpoint: string | null;
  amount: number | null;
  created_at: number;
}

/** A contact's browsing-session hits (page views). */
export interface BrowsingHitsTable {
  id: Generated<number>;
  contact_id: number;
  url: string;
  referrer: string | null;
  ip: string | null;
  user_agent: string | null;
  visited_at: number;
}

/** Export jobs (migration 0003); the gzipped file is the `file` BLOB. */
export interface ExportsTable {
  id: Generated<number>;
  space_id: number;
  partition_id: number;
  resource: string;
  /** JSON: the export's request (date range in UTC milliseconds, flags). */
  params: string;
  max_row_id: number;
  state: 'pending' | 'done' | 'failed';
  message: string | null;
  file: Buffer | null;
  row_count: number | null;
  created_at: number;
  finished_at: number | null;
}

/** Download links of finished exports; the token is the credential. */
export interface ExportLinksTable {
  token: string;
  export_id: number;
  expires_at: number;
  created_at: number;
}

/** The highest id ever handed out, per table (migration 0006); a snapshot restore leaves it alone. */
export interface IdHighWaterTable {
  name: 'spaces' | 'api_keys';
  value: number;
}
export interface Database {
  partitions: PartitionsTable;
  spaces: SpacesTable;
  api_keys: ApiKeysTable;
  contacts: ContactsTable;
  emails: ContactItemsTable;
  phones: ContactItemsTable;
  names: ContactItemsTable;
  locations: ContactItemsTable;
  comet_tokens: CometTokensTable;
  contact_events: ContactEventsTable;
  browsing_hits: BrowsingHitsTable;
  exports: ExportsTable;
  export_links: ExportLinksTable;
  id_high_water: IdHighWaterTable;
}
export type ItemTable = 'emails' | 'phones' | 'names' | 'locations';
export const ITEM_TABLES: readonly ItemTable[] = stryMutAct_9fa48("351") ? [] : (stryCov_9fa48("351"), [stryMutAct_9fa48("352") ? "" : (stryCov_9fa48("352"), 'emails'), stryMutAct_9fa48("353") ? "" : (stryCov_9fa48("353"), 'phones'), stryMutAct_9fa48("354") ? "" : (stryCov_9fa48("354"), 'names'), stryMutAct_9fa48("355") ? "" : (stryCov_9fa48("355"), 'locations')]);
/** The contacts column that holds each collection's primary (first) value. */
export const PRIMARY_COLUMN = {
  emails: 'email',
  phones: 'phone',
  names: 'name',
  locations: 'location'
} as const satisfies Record<ItemTable, keyof ContactsTable>;
export type Space = Selectable<SpacesTable>;
export type NewSpace = Insertable<SpacesTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Contact = Selectable<ContactsTable>;
export type NewContact = Insertable<ContactsTable>;
export type CometToken = Selectable<CometTokensTable>;
export type ContactEvent = Selectable<ContactEventsTable>;
export type BrowsingHit = Selectable<BrowsingHitsTable>;