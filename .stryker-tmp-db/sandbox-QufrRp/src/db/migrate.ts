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
import { type Kysely, Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
const provider = stryMutAct_9fa48("418") ? {} : (stryCov_9fa48("418"), {
  getMigrations: stryMutAct_9fa48("419") ? () => undefined : (stryCov_9fa48("419"), async () => migrations)
});
function check({
  error,
  results
}: MigrationResultSet): void {
  if (stryMutAct_9fa48("420")) {
    {}
  } else {
    stryCov_9fa48("420");
    if (stryMutAct_9fa48("423") ? error !== undefined : stryMutAct_9fa48("422") ? false : stryMutAct_9fa48("421") ? true : (stryCov_9fa48("421", "422", "423"), error === undefined)) return;
    const failed = stryMutAct_9fa48("424") ? results.find(result => result.status === 'Error') : (stryCov_9fa48("424"), results?.find(stryMutAct_9fa48("425") ? () => undefined : (stryCov_9fa48("425"), result => stryMutAct_9fa48("428") ? result.status !== 'Error' : stryMutAct_9fa48("427") ? false : stryMutAct_9fa48("426") ? true : (stryCov_9fa48("426", "427", "428"), result.status === (stryMutAct_9fa48("429") ? "" : (stryCov_9fa48("429"), 'Error'))))));
    throw new Error(stryMutAct_9fa48("430") ? `` : (stryCov_9fa48("430"), `migration ${stryMutAct_9fa48("431") ? failed?.migrationName && '(unknown)' : (stryCov_9fa48("431"), (stryMutAct_9fa48("432") ? failed.migrationName : (stryCov_9fa48("432"), failed?.migrationName)) ?? (stryMutAct_9fa48("433") ? "" : (stryCov_9fa48("433"), '(unknown)')))} failed: ${String(error)}`), stryMutAct_9fa48("434") ? {} : (stryCov_9fa48("434"), {
      cause: error
    }));
  }
}
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  if (stryMutAct_9fa48("435")) {
    {}
  } else {
    stryCov_9fa48("435");
    check(await new Migrator(stryMutAct_9fa48("436") ? {} : (stryCov_9fa48("436"), {
      db,
      provider
    })).migrateToLatest());
  }
}

/** Undoes every migration; used by the migration round-trip test. */
export async function migrateDownToNothing(db: Kysely<any>): Promise<void> {
  if (stryMutAct_9fa48("437")) {
    {}
  } else {
    stryCov_9fa48("437");
    const migrator = new Migrator(stryMutAct_9fa48("438") ? {} : (stryCov_9fa48("438"), {
      db,
      provider
    }));
    check(await migrator.migrateTo(NO_MIGRATIONS));
  }
}