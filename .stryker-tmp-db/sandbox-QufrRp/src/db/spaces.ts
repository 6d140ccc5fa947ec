// @ts-nocheck
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
import type { ApiKey, Database, IdHighWaterTable, NewSpace, Space } from './database.js';

/**
 * The next id of a table that must never hand an id out twice (migration 0006): above every id it ever handed
 * out, and above every row it holds now. Run it in the transaction that inserts the row.
 */
export async function nextId(db: Kysely<Database>, table: IdHighWaterTable['name']): Promise<number> {
  if (stryMutAct_9fa48("555")) {
    {}
  } else {
    stryCov_9fa48("555");
    const row = await db.updateTable(stryMutAct_9fa48("556") ? "" : (stryCov_9fa48("556"), 'id_high_water')).set(stryMutAct_9fa48("557") ? {} : (stryCov_9fa48("557"), {
      value: stryMutAct_9fa48("558") ? sql<number>`` : (stryCov_9fa48("558"), sql<number>`max(value, (select coalesce(max(id), 0) from ${sql.table(table)})) + 1`)
    })).where(stryMutAct_9fa48("559") ? "" : (stryCov_9fa48("559"), 'name'), stryMutAct_9fa48("560") ? "" : (stryCov_9fa48("560"), '='), table).returning(stryMutAct_9fa48("561") ? "" : (stryCov_9fa48("561"), 'value')).executeTakeFirstOrThrow();
    return row.value;
  }
}
export async function findSpaceByName(db: Kysely<Database>, name: string): Promise<Space | undefined> {
  if (stryMutAct_9fa48("562")) {
    {}
  } else {
    stryCov_9fa48("562");
    return await db.selectFrom(stryMutAct_9fa48("563") ? "" : (stryCov_9fa48("563"), 'spaces')).selectAll().where(stryMutAct_9fa48("564") ? "" : (stryCov_9fa48("564"), 'name'), stryMutAct_9fa48("565") ? "" : (stryCov_9fa48("565"), '='), name).executeTakeFirst();
  }
}

/** Creates a Space with a new, empty partition and an id never used before. Run it in a transaction. */
export async function insertSpace(db: Kysely<Database>, space: Omit<NewSpace, 'partition_id' | 'id'>): Promise<number> {
  if (stryMutAct_9fa48("566")) {
    {}
  } else {
    stryCov_9fa48("566");
    const partition = await db.insertInto(stryMutAct_9fa48("567") ? "" : (stryCov_9fa48("567"), 'partitions')).defaultValues().returning(stryMutAct_9fa48("568") ? "" : (stryCov_9fa48("568"), 'id')).executeTakeFirstOrThrow();
    const id = await nextId(db, stryMutAct_9fa48("569") ? "" : (stryCov_9fa48("569"), 'spaces'));
    await db.insertInto(stryMutAct_9fa48("570") ? "" : (stryCov_9fa48("570"), 'spaces')).values(stryMutAct_9fa48("571") ? {} : (stryCov_9fa48("571"), {
      ...space,
      id,
      partition_id: partition.id
    })).execute();
    return id;
  }
}
export async function updateSpaceSettings(db: Kysely<Database>, id: number, settings: Partial<Pick<Space, 'name' | 'subscription_active' | 'time_zone' | 'custom_field_labels' | 'rate_limits'>>): Promise<void> {
  if (stryMutAct_9fa48("572")) {
    {}
  } else {
    stryCov_9fa48("572");
    if (stryMutAct_9fa48("575") ? Object.keys(settings).length !== 0 : stryMutAct_9fa48("574") ? false : stryMutAct_9fa48("573") ? true : (stryCov_9fa48("573", "574", "575"), Object.keys(settings).length === 0)) return;
    await db.updateTable(stryMutAct_9fa48("576") ? "" : (stryCov_9fa48("576"), 'spaces')).set(settings).where(stryMutAct_9fa48("577") ? "" : (stryCov_9fa48("577"), 'id'), stryMutAct_9fa48("578") ? "" : (stryCov_9fa48("578"), '='), id).execute();
  }
}
export async function listSpaces(db: Kysely<Database>): Promise<Space[]> {
  if (stryMutAct_9fa48("579")) {
    {}
  } else {
    stryCov_9fa48("579");
    return await db.selectFrom(stryMutAct_9fa48("580") ? "" : (stryCov_9fa48("580"), 'spaces')).selectAll().orderBy(stryMutAct_9fa48("581") ? "" : (stryCov_9fa48("581"), 'id')).execute();
  }
}
export async function findApiKeyByHash(db: Kysely<Database>, keyHash: string): Promise<ApiKey | undefined> {
  if (stryMutAct_9fa48("582")) {
    {}
  } else {
    stryCov_9fa48("582");
    return await db.selectFrom(stryMutAct_9fa48("583") ? "" : (stryCov_9fa48("583"), 'api_keys')).selectAll().where(stryMutAct_9fa48("584") ? "" : (stryCov_9fa48("584"), 'key_hash'), stryMutAct_9fa48("585") ? "" : (stryCov_9fa48("585"), '='), keyHash).executeTakeFirst();
  }
}

/** Adds a key with an id never used before. Run it in a transaction. */
export async function insertApiKey(db: Kysely<Database>, key: {
  space_id: number;
  key_hash: string;
  key_hint: string;
  scopes: string | null;
  created_at: number;
}): Promise<number> {
  if (stryMutAct_9fa48("586")) {
    {}
  } else {
    stryCov_9fa48("586");
    const id = await nextId(db, stryMutAct_9fa48("587") ? "" : (stryCov_9fa48("587"), 'api_keys'));
    await db.insertInto(stryMutAct_9fa48("588") ? "" : (stryCov_9fa48("588"), 'api_keys')).values(stryMutAct_9fa48("589") ? {} : (stryCov_9fa48("589"), {
      ...key,
      id
    })).execute();
    return id;
  }
}

/** Keys that can still authenticate. */
export async function listLiveApiKeys(db: Kysely<Database>): Promise<ApiKey[]> {
  if (stryMutAct_9fa48("590")) {
    {}
  } else {
    stryCov_9fa48("590");
    return await db.selectFrom(stryMutAct_9fa48("591") ? "" : (stryCov_9fa48("591"), 'api_keys')).selectAll().where(stryMutAct_9fa48("592") ? "" : (stryCov_9fa48("592"), 'revoked_at'), stryMutAct_9fa48("593") ? "" : (stryCov_9fa48("593"), 'is'), null).execute();
  }
}
export async function findSpaceById(db: Kysely<Database>, id: number): Promise<Space | undefined> {
  if (stryMutAct_9fa48("594")) {
    {}
  } else {
    stryCov_9fa48("594");
    return await db.selectFrom(stryMutAct_9fa48("595") ? "" : (stryCov_9fa48("595"), 'spaces')).selectAll().where(stryMutAct_9fa48("596") ? "" : (stryCov_9fa48("596"), 'id'), stryMutAct_9fa48("597") ? "" : (stryCov_9fa48("597"), '='), id).executeTakeFirst();
  }
}

/** Deletes a Space and its keys; its partition must be retired first (see retirePartition). */
export async function deleteSpace(db: Kysely<Database>, id: number): Promise<void> {
  if (stryMutAct_9fa48("598")) {
    {}
  } else {
    stryCov_9fa48("598");
    await db.deleteFrom(stryMutAct_9fa48("599") ? "" : (stryCov_9fa48("599"), 'api_keys')).where(stryMutAct_9fa48("600") ? "" : (stryCov_9fa48("600"), 'space_id'), stryMutAct_9fa48("601") ? "" : (stryCov_9fa48("601"), '='), id).execute();
    await db.deleteFrom(stryMutAct_9fa48("602") ? "" : (stryCov_9fa48("602"), 'spaces')).where(stryMutAct_9fa48("603") ? "" : (stryCov_9fa48("603"), 'id'), stryMutAct_9fa48("604") ? "" : (stryCov_9fa48("604"), '='), id).execute();
  }
}

/** Every key of a Space, revoked ones included, oldest first. */
export async function listApiKeys(db: Kysely<Database>, spaceId: number): Promise<ApiKey[]> {
  if (stryMutAct_9fa48("605")) {
    {}
  } else {
    stryCov_9fa48("605");
    return await db.selectFrom(stryMutAct_9fa48("606") ? "" : (stryCov_9fa48("606"), 'api_keys')).selectAll().where(stryMutAct_9fa48("607") ? "" : (stryCov_9fa48("607"), 'space_id'), stryMutAct_9fa48("608") ? "" : (stryCov_9fa48("608"), '='), spaceId).orderBy(stryMutAct_9fa48("609") ? "" : (stryCov_9fa48("609"), 'id')).execute();
  }
}

/** Revokes a live key of the Space; false when there is no such live key. */
export async function revokeApiKey(db: Kysely<Database>, spaceId: number, keyId: number, now: number): Promise<boolean> {
  if (stryMutAct_9fa48("610")) {
    {}
  } else {
    stryCov_9fa48("610");
    const result = await db.updateTable(stryMutAct_9fa48("611") ? "" : (stryCov_9fa48("611"), 'api_keys')).set(stryMutAct_9fa48("612") ? {} : (stryCov_9fa48("612"), {
      revoked_at: now
    })).where(stryMutAct_9fa48("613") ? "" : (stryCov_9fa48("613"), 'id'), stryMutAct_9fa48("614") ? "" : (stryCov_9fa48("614"), '='), keyId).where(stryMutAct_9fa48("615") ? "" : (stryCov_9fa48("615"), 'space_id'), stryMutAct_9fa48("616") ? "" : (stryCov_9fa48("616"), '='), spaceId).where(stryMutAct_9fa48("617") ? "" : (stryCov_9fa48("617"), 'revoked_at'), stryMutAct_9fa48("618") ? "" : (stryCov_9fa48("618"), 'is'), null).executeTakeFirst();
    return stryMutAct_9fa48("622") ? result.numUpdatedRows <= 0n : stryMutAct_9fa48("621") ? result.numUpdatedRows >= 0n : stryMutAct_9fa48("620") ? false : stryMutAct_9fa48("619") ? true : (stryCov_9fa48("619", "620", "621", "622"), result.numUpdatedRows > 0n);
  }
}

/** How many contacts the partition holds now. */
export async function countContacts(db: Kysely<Database>, partitionId: number): Promise<number> {
  if (stryMutAct_9fa48("623")) {
    {}
  } else {
    stryCov_9fa48("623");
    const {
      n
    } = await db.selectFrom(stryMutAct_9fa48("624") ? "" : (stryCov_9fa48("624"), 'contacts')).select(stryMutAct_9fa48("625") ? () => undefined : (stryCov_9fa48("625"), eb => eb.fn.countAll<number>().as(stryMutAct_9fa48("626") ? "" : (stryCov_9fa48("626"), 'n')))).where(stryMutAct_9fa48("627") ? "" : (stryCov_9fa48("627"), 'partition_id'), stryMutAct_9fa48("628") ? "" : (stryCov_9fa48("628"), '='), partitionId).executeTakeFirstOrThrow();
    return Number(n);
  }
}