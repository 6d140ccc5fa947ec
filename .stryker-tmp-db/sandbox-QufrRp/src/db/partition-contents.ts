// @ts-nocheck
// Everything a partition holds, read in a few queries: what a Space export is made from.
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
import type { Kysely } from 'kysely';
import { listItemValuesOf } from './contacts.js';
import { type BrowsingHit, type CometToken, type Contact, type ContactEvent, type Database, type ItemTable, ITEM_TABLES } from './database.js';
export interface PartitionContents {
  /** Oldest first. */
  contacts: Contact[];
  items: Record<ItemTable, Map<number, string[]>>;
  /** By contact id, each list oldest first. */
  cometTokens: Map<number, CometToken[]>;
  events: Map<number, ContactEvent[]>;
  hits: Map<number, BrowsingHit[]>;
}
function byContact<T extends {
  contact_id: number;
}>(list: T[]): Map<number, T[]> {
  if (stryMutAct_9fa48("439")) {
    {}
  } else {
    stryCov_9fa48("439");
    const map = new Map<number, T[]>();
    for (const row of list) {
      if (stryMutAct_9fa48("440")) {
        {}
      } else {
        stryCov_9fa48("440");
        const rows = map.get(row.contact_id);
        if (stryMutAct_9fa48("443") ? rows !== undefined : stryMutAct_9fa48("442") ? false : stryMutAct_9fa48("441") ? true : (stryCov_9fa48("441", "442", "443"), rows === undefined)) map.set(row.contact_id, stryMutAct_9fa48("444") ? [] : (stryCov_9fa48("444"), [row]));else rows.push(row);
      }
    }
    return map;
  }
}
export async function readPartitionContents(db: Kysely<Database>, partitionId: number): Promise<PartitionContents> {
  if (stryMutAct_9fa48("445")) {
    {}
  } else {
    stryCov_9fa48("445");
    const contacts = await db.selectFrom(stryMutAct_9fa48("446") ? "" : (stryCov_9fa48("446"), 'contacts')).selectAll().where(stryMutAct_9fa48("447") ? "" : (stryCov_9fa48("447"), 'partition_id'), stryMutAct_9fa48("448") ? "" : (stryCov_9fa48("448"), '='), partitionId).orderBy(stryMutAct_9fa48("449") ? "" : (stryCov_9fa48("449"), 'id')).execute();
    const ids = contacts.map(stryMutAct_9fa48("450") ? () => undefined : (stryCov_9fa48("450"), row => row.id));
    const items = Object.fromEntries(await Promise.all(ITEM_TABLES.map(async table => [table, await listItemValuesOf(db, table, ids)] as const))) as Record<ItemTable, Map<number, string[]>>;
    const cometTokens = byContact(await db.selectFrom(stryMutAct_9fa48("451") ? "" : (stryCov_9fa48("451"), 'comet_tokens')).innerJoin(stryMutAct_9fa48("452") ? "" : (stryCov_9fa48("452"), 'contacts'), stryMutAct_9fa48("453") ? "" : (stryCov_9fa48("453"), 'contacts.id'), stryMutAct_9fa48("454") ? "" : (stryCov_9fa48("454"), 'comet_tokens.contact_id')).where(stryMutAct_9fa48("455") ? "" : (stryCov_9fa48("455"), 'contacts.partition_id'), stryMutAct_9fa48("456") ? "" : (stryCov_9fa48("456"), '='), partitionId).selectAll(stryMutAct_9fa48("457") ? "" : (stryCov_9fa48("457"), 'comet_tokens')).orderBy(stryMutAct_9fa48("458") ? "" : (stryCov_9fa48("458"), 'comet_tokens.id')).execute());
    const events = byContact(await db.selectFrom(stryMutAct_9fa48("459") ? "" : (stryCov_9fa48("459"), 'contact_events')).innerJoin(stryMutAct_9fa48("460") ? "" : (stryCov_9fa48("460"), 'contacts'), stryMutAct_9fa48("461") ? "" : (stryCov_9fa48("461"), 'contacts.id'), stryMutAct_9fa48("462") ? "" : (stryCov_9fa48("462"), 'contact_events.contact_id')).where(stryMutAct_9fa48("463") ? "" : (stryCov_9fa48("463"), 'contacts.partition_id'), stryMutAct_9fa48("464") ? "" : (stryCov_9fa48("464"), '='), partitionId).selectAll(stryMutAct_9fa48("465") ? "" : (stryCov_9fa48("465"), 'contact_events')).orderBy(stryMutAct_9fa48("466") ? "" : (stryCov_9fa48("466"), 'contact_events.id')).execute());
    const hits = byContact(await db.selectFrom(stryMutAct_9fa48("467") ? "" : (stryCov_9fa48("467"), 'browsing_hits')).innerJoin(stryMutAct_9fa48("468") ? "" : (stryCov_9fa48("468"), 'contacts'), stryMutAct_9fa48("469") ? "" : (stryCov_9fa48("469"), 'contacts.id'), stryMutAct_9fa48("470") ? "" : (stryCov_9fa48("470"), 'browsing_hits.contact_id')).where(stryMutAct_9fa48("471") ? "" : (stryCov_9fa48("471"), 'contacts.partition_id'), stryMutAct_9fa48("472") ? "" : (stryCov_9fa48("472"), '='), partitionId).selectAll(stryMutAct_9fa48("473") ? "" : (stryCov_9fa48("473"), 'browsing_hits')).orderBy(stryMutAct_9fa48("474") ? "" : (stryCov_9fa48("474"), 'browsing_hits.id')).execute());
    return stryMutAct_9fa48("475") ? {} : (stryCov_9fa48("475"), {
      contacts,
      items,
      cometTokens,
      events,
      hits
    });
  }
}