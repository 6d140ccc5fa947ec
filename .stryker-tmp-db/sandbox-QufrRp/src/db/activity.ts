// @ts-nocheck
// A contact's activity: comet tokens, journey events and browsing-session hits. The emulated API only reads
// them; the control plane (or a test) seeds them with the insert functions below.
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
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { BrowsingHitsTable, CometTokensTable, ContactEventsTable, Database } from './database.js';
export type CometToken = Selectable<CometTokensTable>;
export type ContactEvent = Selectable<ContactEventsTable>;
export type BrowsingHit = Selectable<BrowsingHitsTable>;
export type NewCometToken = Omit<Insertable<CometTokensTable>, 'contact_id' | 'id'>;
export type NewContactEvent = Omit<Insertable<ContactEventsTable>, 'contact_id' | 'id'>;
export type NewBrowsingHit = Omit<Insertable<BrowsingHitsTable>, 'contact_id' | 'id'>;

// SQLite allows 32,766 bound parameters per statement; rows are inserted in chunks well below that.
const CHUNK = 500;
function chunks<T>(rows: readonly T[]): T[][] {
  if (stryMutAct_9fa48("0")) {
    {}
  } else {
    stryCov_9fa48("0");
    const result: T[][] = stryMutAct_9fa48("1") ? ["Stryker was here"] : (stryCov_9fa48("1"), []);
    for (let i = 0; stryMutAct_9fa48("4") ? i >= rows.length : stryMutAct_9fa48("3") ? i <= rows.length : stryMutAct_9fa48("2") ? false : (stryCov_9fa48("2", "3", "4"), i < rows.length); stryMutAct_9fa48("5") ? i -= CHUNK : (stryCov_9fa48("5"), i += CHUNK)) result.push(stryMutAct_9fa48("6") ? rows : (stryCov_9fa48("6"), rows.slice(i, stryMutAct_9fa48("7") ? i - CHUNK : (stryCov_9fa48("7"), i + CHUNK))));
    return result;
  }
}
export async function insertCometTokens(db: Kysely<Database>, contactId: number, tokens: readonly NewCometToken[]): Promise<void> {
  if (stryMutAct_9fa48("8")) {
    {}
  } else {
    stryCov_9fa48("8");
    for (const chunk of chunks(tokens)) {
      if (stryMutAct_9fa48("9")) {
        {}
      } else {
        stryCov_9fa48("9");
        await db.insertInto(stryMutAct_9fa48("10") ? "" : (stryCov_9fa48("10"), 'comet_tokens')).values(chunk.map(stryMutAct_9fa48("11") ? () => undefined : (stryCov_9fa48("11"), t => stryMutAct_9fa48("12") ? {} : (stryCov_9fa48("12"), {
          ...t,
          contact_id: contactId
        })))).execute();
      }
    }
  }
}
export async function insertContactEvents(db: Kysely<Database>, contactId: number, events: readonly NewContactEvent[]): Promise<void> {
  if (stryMutAct_9fa48("13")) {
    {}
  } else {
    stryCov_9fa48("13");
    for (const chunk of chunks(events)) {
      if (stryMutAct_9fa48("14")) {
        {}
      } else {
        stryCov_9fa48("14");
        await db.insertInto(stryMutAct_9fa48("15") ? "" : (stryCov_9fa48("15"), 'contact_events')).values(chunk.map(stryMutAct_9fa48("16") ? () => undefined : (stryCov_9fa48("16"), e => stryMutAct_9fa48("17") ? {} : (stryCov_9fa48("17"), {
          ...e,
          contact_id: contactId
        })))).execute();
      }
    }
  }
}
export async function insertBrowsingHits(db: Kysely<Database>, contactId: number, hits: readonly NewBrowsingHit[]): Promise<void> {
  if (stryMutAct_9fa48("18")) {
    {}
  } else {
    stryCov_9fa48("18");
    for (const chunk of chunks(hits)) {
      if (stryMutAct_9fa48("19")) {
        {}
      } else {
        stryCov_9fa48("19");
        await db.insertInto(stryMutAct_9fa48("20") ? "" : (stryCov_9fa48("20"), 'browsing_hits')).values(chunk.map(stryMutAct_9fa48("21") ? () => undefined : (stryCov_9fa48("21"), h => stryMutAct_9fa48("22") ? {} : (stryCov_9fa48("22"), {
          ...h,
          contact_id: contactId
        })))).execute();
      }
    }
  }
}

/** The newest `perContact` comet tokens of each contact, newest first, by contact id. */
export async function listCometTokens(db: Kysely<Database>, contactIds: readonly number[], perContact: number): Promise<Map<number, CometToken[]>> {
  if (stryMutAct_9fa48("23")) {
    {}
  } else {
    stryCov_9fa48("23");
    const result = new Map<number, CometToken[]>(contactIds.map(stryMutAct_9fa48("24") ? () => undefined : (stryCov_9fa48("24"), id => stryMutAct_9fa48("25") ? [] : (stryCov_9fa48("25"), [id, stryMutAct_9fa48("26") ? ["Stryker was here"] : (stryCov_9fa48("26"), [])]))));
    if (stryMutAct_9fa48("29") ? contactIds.length !== 0 : stryMutAct_9fa48("28") ? false : stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27", "28", "29"), contactIds.length === 0)) return result;
    // One indexed range per contact (a correlated LIMIT), so a contact with many tokens costs no more.
    for (const chunk of chunks(contactIds)) {
      if (stryMutAct_9fa48("30")) {
        {}
      } else {
        stryCov_9fa48("30");
        const rows = await db.selectFrom(stryMutAct_9fa48("31") ? "" : (stryCov_9fa48("31"), 'comet_tokens as t')).selectAll(stryMutAct_9fa48("32") ? "" : (stryCov_9fa48("32"), 't')).where(stryMutAct_9fa48("33") ? "" : (stryCov_9fa48("33"), 't.contact_id'), stryMutAct_9fa48("34") ? "" : (stryCov_9fa48("34"), 'in'), chunk).where(stryMutAct_9fa48("35") ? () => undefined : (stryCov_9fa48("35"), eb => eb(stryMutAct_9fa48("36") ? "" : (stryCov_9fa48("36"), 't.id'), stryMutAct_9fa48("37") ? "" : (stryCov_9fa48("37"), 'in'), eb.selectFrom(stryMutAct_9fa48("38") ? "" : (stryCov_9fa48("38"), 'comet_tokens as n')).select(stryMutAct_9fa48("39") ? "" : (stryCov_9fa48("39"), 'n.id')).whereRef(stryMutAct_9fa48("40") ? "" : (stryCov_9fa48("40"), 'n.contact_id'), stryMutAct_9fa48("41") ? "" : (stryCov_9fa48("41"), '='), stryMutAct_9fa48("42") ? "" : (stryCov_9fa48("42"), 't.contact_id')).orderBy(stryMutAct_9fa48("43") ? "" : (stryCov_9fa48("43"), 'n.created_at'), stryMutAct_9fa48("44") ? "" : (stryCov_9fa48("44"), 'desc')).orderBy(stryMutAct_9fa48("45") ? "" : (stryCov_9fa48("45"), 'n.id'), stryMutAct_9fa48("46") ? "" : (stryCov_9fa48("46"), 'desc')).limit(perContact)))).orderBy(stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), 't.contact_id')).orderBy(stryMutAct_9fa48("48") ? "" : (stryCov_9fa48("48"), 't.created_at'), stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), 'desc')).orderBy(stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), 't.id'), stryMutAct_9fa48("51") ? "" : (stryCov_9fa48("51"), 'desc')).execute();
        for (const row of rows) stryMutAct_9fa48("52") ? result.get(row.contact_id).push(row) : (stryCov_9fa48("52"), result.get(row.contact_id)?.push(row));
      }
    }
    return result;
  }
}

/** A contact's journey events, newest first; direct touchpoints left out when asked. */
export async function listContactEvents(db: Kysely<Database>, contactId: number, {
  hideDirectTouchpoints,
  limit
}: {
  hideDirectTouchpoints: boolean;
  limit: number;
}): Promise<ContactEvent[]> {
  if (stryMutAct_9fa48("53")) {
    {}
  } else {
    stryCov_9fa48("53");
    let query = db.selectFrom(stryMutAct_9fa48("54") ? "" : (stryCov_9fa48("54"), 'contact_events')).selectAll().where(stryMutAct_9fa48("55") ? "" : (stryCov_9fa48("55"), 'contact_id'), stryMutAct_9fa48("56") ? "" : (stryCov_9fa48("56"), '='), contactId);
    if (stryMutAct_9fa48("58") ? false : stryMutAct_9fa48("57") ? true : (stryCov_9fa48("57", "58"), hideDirectTouchpoints)) {
      if (stryMutAct_9fa48("59")) {
        {}
      } else {
        stryCov_9fa48("59");
        query = query.where(stryMutAct_9fa48("60") ? () => undefined : (stryCov_9fa48("60"), eb => eb.or(stryMutAct_9fa48("61") ? [] : (stryCov_9fa48("61"), [eb(stryMutAct_9fa48("62") ? "" : (stryCov_9fa48("62"), 'touchpoint'), stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), 'is'), null), eb(stryMutAct_9fa48("64") ? "" : (stryCov_9fa48("64"), 'touchpoint'), stryMutAct_9fa48("65") ? "" : (stryCov_9fa48("65"), '!='), stryMutAct_9fa48("66") ? "" : (stryCov_9fa48("66"), 'direct'))]))));
      }
    }
    return await query.orderBy(stryMutAct_9fa48("67") ? "" : (stryCov_9fa48("67"), 'event_time'), stryMutAct_9fa48("68") ? "" : (stryCov_9fa48("68"), 'desc')).orderBy(stryMutAct_9fa48("69") ? "" : (stryCov_9fa48("69"), 'id'), stryMutAct_9fa48("70") ? "" : (stryCov_9fa48("70"), 'desc')).limit(limit).execute();
  }
}

/** A contact's browsing-session hits, newest first. */
export async function listBrowsingHits(db: Kysely<Database>, contactId: number, limit: number): Promise<BrowsingHit[]> {
  if (stryMutAct_9fa48("71")) {
    {}
  } else {
    stryCov_9fa48("71");
    return await db.selectFrom(stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'browsing_hits')).selectAll().where(stryMutAct_9fa48("73") ? "" : (stryCov_9fa48("73"), 'contact_id'), stryMutAct_9fa48("74") ? "" : (stryCov_9fa48("74"), '='), contactId).orderBy(stryMutAct_9fa48("75") ? "" : (stryCov_9fa48("75"), 'visited_at'), stryMutAct_9fa48("76") ? "" : (stryCov_9fa48("76"), 'desc')).orderBy(stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'id'), stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), 'desc')).limit(limit).execute();
  }
}