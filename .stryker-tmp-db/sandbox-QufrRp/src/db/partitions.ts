// @ts-nocheck
// Partitions make a reset cost the same with 10 or 100,000 contacts: a Space gets a new, empty partition in
// one short transaction, and the retired one is deleted later, a chunk at a time (see migration 0001).
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
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';

/** Retires the Space's partition and gives it a new, empty one; returns the new partition's id. */
export async function swapPartition(db: Kysely<Database>, spaceId: number, now: number): Promise<number> {
  if (stryMutAct_9fa48("476")) {
    {}
  } else {
    stryCov_9fa48("476");
    const space = await db.selectFrom(stryMutAct_9fa48("477") ? "" : (stryCov_9fa48("477"), 'spaces')).select(stryMutAct_9fa48("478") ? "" : (stryCov_9fa48("478"), 'partition_id')).where(stryMutAct_9fa48("479") ? "" : (stryCov_9fa48("479"), 'id'), stryMutAct_9fa48("480") ? "" : (stryCov_9fa48("480"), '='), spaceId).executeTakeFirstOrThrow();
    await retirePartition(db, space.partition_id, now);
    const partition = await db.insertInto(stryMutAct_9fa48("481") ? "" : (stryCov_9fa48("481"), 'partitions')).defaultValues().returning(stryMutAct_9fa48("482") ? "" : (stryCov_9fa48("482"), 'id')).executeTakeFirstOrThrow();
    await db.updateTable(stryMutAct_9fa48("483") ? "" : (stryCov_9fa48("483"), 'spaces')).set(stryMutAct_9fa48("484") ? {} : (stryCov_9fa48("484"), {
      partition_id: partition.id
    })).where(stryMutAct_9fa48("485") ? "" : (stryCov_9fa48("485"), 'id'), stryMutAct_9fa48("486") ? "" : (stryCov_9fa48("486"), '='), spaceId).execute();
    return partition.id;
  }
}
export async function retirePartition(db: Kysely<Database>, partitionId: number, now: number): Promise<void> {
  if (stryMutAct_9fa48("487")) {
    {}
  } else {
    stryCov_9fa48("487");
    await db.updateTable(stryMutAct_9fa48("488") ? "" : (stryCov_9fa48("488"), 'partitions')).set(stryMutAct_9fa48("489") ? {} : (stryCov_9fa48("489"), {
      retired_at: now
    })).where(stryMutAct_9fa48("490") ? "" : (stryCov_9fa48("490"), 'id'), stryMutAct_9fa48("491") ? "" : (stryCov_9fa48("491"), '='), partitionId).execute();
  }
}
export async function listRetiredPartitions(db: Kysely<Database>): Promise<number[]> {
  if (stryMutAct_9fa48("492")) {
    {}
  } else {
    stryCov_9fa48("492");
    const rows = await db.selectFrom(stryMutAct_9fa48("493") ? "" : (stryCov_9fa48("493"), 'partitions')).select(stryMutAct_9fa48("494") ? "" : (stryCov_9fa48("494"), 'id')).where(stryMutAct_9fa48("495") ? "" : (stryCov_9fa48("495"), 'retired_at'), stryMutAct_9fa48("496") ? "" : (stryCov_9fa48("496"), 'is not'), null).orderBy(stryMutAct_9fa48("497") ? "" : (stryCov_9fa48("497"), 'id')).execute();
    return rows.map(stryMutAct_9fa48("498") ? () => undefined : (stryCov_9fa48("498"), row => row.id));
  }
}

/**
 * Tables whose rows belong to a partition directly (contacts, and any later table with a partition_id
 * column, such as exports). Rows hanging off contacts go with them through ON DELETE CASCADE.
 */
export async function listPartitionedTables(db: Kysely<Database>): Promise<string[]> {
  if (stryMutAct_9fa48("499")) {
    {}
  } else {
    stryCov_9fa48("499");
    const {
      rows
    } = await (stryMutAct_9fa48("500") ? sql<{
      name: string;
    }>`` : (stryCov_9fa48("500"), sql<{
      name: string;
    }>`
    select m.name from sqlite_master m
    where m.type = 'table' and m.name <> 'spaces'
      and exists (select 1 from pragma_table_info(m.name) c where c.name = 'partition_id')
    order by m.name = 'contacts', m.name`)).execute(db);
    return rows.map(stryMutAct_9fa48("501") ? () => undefined : (stryCov_9fa48("501"), row => row.name));
  }
}

/**
 * Deletes up to `limit` rows of a retired partition from one table; returns how many went. The statement
 * itself checks that the partition is still retired: a snapshot restored meanwhile may have brought it back.
 */
export async function purgeChunk(db: Kysely<Database>, table: string, partitionId: number, limit: number): Promise<number> {
  if (stryMutAct_9fa48("502")) {
    {}
  } else {
    stryCov_9fa48("502");
    const result = await (stryMutAct_9fa48("503") ? sql`` : (stryCov_9fa48("503"), sql`
    delete from ${sql.table(table)} where rowid in
      (select rowid from ${sql.table(table)} where partition_id = ${partitionId}
        and exists (select 1 from partitions where id = ${partitionId} and retired_at is not null)
        limit ${limit})`)).execute(db);
    return Number(stryMutAct_9fa48("504") ? result.numAffectedRows && 0n : (stryCov_9fa48("504"), result.numAffectedRows ?? 0n));
  }
}

/** Drops a retired partition once nothing refers to it any more. */
export async function deletePartition(db: Kysely<Database>, partitionId: number): Promise<void> {
  if (stryMutAct_9fa48("505")) {
    {}
  } else {
    stryCov_9fa48("505");
    await db.deleteFrom(stryMutAct_9fa48("506") ? "" : (stryCov_9fa48("506"), 'partitions')).where(stryMutAct_9fa48("507") ? "" : (stryCov_9fa48("507"), 'id'), stryMutAct_9fa48("508") ? "" : (stryCov_9fa48("508"), '='), partitionId).where(stryMutAct_9fa48("509") ? "" : (stryCov_9fa48("509"), 'retired_at'), stryMutAct_9fa48("510") ? "" : (stryCov_9fa48("510"), 'is not'), null).execute();
  }
}