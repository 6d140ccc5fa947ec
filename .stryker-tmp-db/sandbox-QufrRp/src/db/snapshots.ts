// @ts-nocheck
// A whole-database copy and its restore: the SQL behind the emulator's named snapshots.
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
import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';

// Kysely's own bookkeeping: a snapshot must come from the same migrations, and keeps the live ones. The ids'
// high-water marks (migration 0006) stay live too: a restore may bring older Spaces back, never an old id.
const SKIPPED_TABLES = new Set(stryMutAct_9fa48("511") ? [] : (stryCov_9fa48("511"), [stryMutAct_9fa48("512") ? "" : (stryCov_9fa48("512"), 'kysely_migration'), stryMutAct_9fa48("513") ? "" : (stryCov_9fa48("513"), 'kysely_migration_lock'), stryMutAct_9fa48("514") ? "" : (stryCov_9fa48("514"), 'id_high_water')]));

/** Writes a consistent copy of the database to `path`, even while requests write. */
export async function copyDatabase(db: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined, path: string): Promise<void> {
  if (stryMutAct_9fa48("515")) {
    {}
  } else {
    stryCov_9fa48("515");
    if (stryMutAct_9fa48("518") ? sqlite === undefined : stryMutAct_9fa48("517") ? false : stryMutAct_9fa48("516") ? true : (stryCov_9fa48("516", "517", "518"), sqlite !== undefined)) await sqlite.backup(path);else await (stryMutAct_9fa48("519") ? sql`` : (stryCov_9fa48("519"), sql`vacuum into ${path}`)).execute(db);
  }
}

/**
 * Copies every table of the database file at `path` over the live one in one transaction: either the whole
 * copy is in or nothing changed. Returns false, changing nothing, when the copy came from other migrations.
 */
export async function restoreDatabase(db: Kysely<Database>, path: string): Promise<boolean> {
  if (stryMutAct_9fa48("520")) {
    {}
  } else {
    stryCov_9fa48("520");
    await (stryMutAct_9fa48("521") ? sql`` : (stryCov_9fa48("521"), sql`attach database ${path} as snapshot`)).execute(db);
    try {
      if (stryMutAct_9fa48("522")) {
        {}
      } else {
        stryCov_9fa48("522");
        const migrationsOf = async (schema: string): Promise<string> => {
          if (stryMutAct_9fa48("523")) {
            {}
          } else {
            stryCov_9fa48("523");
            const migrations = sql.table(stryMutAct_9fa48("524") ? `` : (stryCov_9fa48("524"), `${schema}.kysely_migration`));
            const {
              rows
            } = await (stryMutAct_9fa48("525") ? sql<{
              name: string;
            }>`` : (stryCov_9fa48("525"), sql<{
              name: string;
            }>`select name from ${migrations} order by name`)).execute(db);
            return rows.map(stryMutAct_9fa48("526") ? () => undefined : (stryCov_9fa48("526"), row => row.name)).join(stryMutAct_9fa48("527") ? "" : (stryCov_9fa48("527"), ','));
          }
        };
        if (stryMutAct_9fa48("530") ? (await migrationsOf('main')) === (await migrationsOf('snapshot')) : stryMutAct_9fa48("529") ? false : stryMutAct_9fa48("528") ? true : (stryCov_9fa48("528", "529", "530"), (await migrationsOf(stryMutAct_9fa48("531") ? "" : (stryCov_9fa48("531"), 'main'))) !== (await migrationsOf(stryMutAct_9fa48("532") ? "" : (stryCov_9fa48("532"), 'snapshot'))))) return stryMutAct_9fa48("533") ? true : (stryCov_9fa48("533"), false);
        const {
          rows: tables
        } = await (stryMutAct_9fa48("534") ? sql<{
          name: string;
        }>`` : (stryCov_9fa48("534"), sql<{
          name: string;
        }>`
      select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)).execute(db);
        const names = stryMutAct_9fa48("535") ? tables.map(t => t.name) : (stryCov_9fa48("535"), tables.map(stryMutAct_9fa48("536") ? () => undefined : (stryCov_9fa48("536"), t => t.name)).filter(stryMutAct_9fa48("537") ? () => undefined : (stryCov_9fa48("537"), t => stryMutAct_9fa48("538") ? SKIPPED_TABLES.has(t) : (stryCov_9fa48("538"), !SKIPPED_TABLES.has(t)))));
        await db.transaction().execute(async trx => {
          if (stryMutAct_9fa48("539")) {
            {}
          } else {
            stryCov_9fa48("539");
            // Rows are deleted and copied in any order; foreign keys are checked once, at commit.
            await (stryMutAct_9fa48("540") ? sql`` : (stryCov_9fa48("540"), sql`pragma defer_foreign_keys = on`)).execute(trx);
            for (const table of names) await (stryMutAct_9fa48("541") ? sql`` : (stryCov_9fa48("541"), sql`delete from ${sql.table(stryMutAct_9fa48("542") ? `` : (stryCov_9fa48("542"), `main.${table}`))}`)).execute(trx);
            for (const table of names) {
              if (stryMutAct_9fa48("543")) {
                {}
              } else {
                stryCov_9fa48("543");
                const {
                  rows: columns
                } = await (stryMutAct_9fa48("544") ? sql<{
                  name: string;
                }>`` : (stryCov_9fa48("544"), sql<{
                  name: string;
                }>`select name from pragma_table_info(${table}, 'main')`)).execute(trx);
                const list = sql.join(columns.map(stryMutAct_9fa48("545") ? () => undefined : (stryCov_9fa48("545"), c => sql.ref(c.name))));
                const [live, copy] = stryMutAct_9fa48("546") ? [] : (stryCov_9fa48("546"), [sql.table(stryMutAct_9fa48("547") ? `` : (stryCov_9fa48("547"), `main.${table}`)), sql.table(stryMutAct_9fa48("548") ? `` : (stryCov_9fa48("548"), `snapshot.${table}`))]);
                await (stryMutAct_9fa48("549") ? sql`` : (stryCov_9fa48("549"), sql`insert into ${live} (${list}) select ${list} from ${copy}`)).execute(trx);
              }
            }
            // AUTOINCREMENT sequences keep the higher of the two, so no id handed out before the restore comes back.
            await (stryMutAct_9fa48("550") ? sql`` : (stryCov_9fa48("550"), sql`insert into main.sqlite_sequence (name, seq)
        select s.name, s.seq from snapshot.sqlite_sequence s
        where not exists (select 1 from main.sqlite_sequence m where m.name = s.name)`)).execute(trx);
            await (stryMutAct_9fa48("551") ? sql`` : (stryCov_9fa48("551"), sql`update main.sqlite_sequence set seq = max(seq,
        coalesce((select s.seq from snapshot.sqlite_sequence s where s.name = main.sqlite_sequence.name), 0))`)).execute(trx);
          }
        });
        return stryMutAct_9fa48("552") ? false : (stryCov_9fa48("552"), true);
      }
    } finally {
      if (stryMutAct_9fa48("553")) {
        {}
      } else {
        stryCov_9fa48("553");
        await (stryMutAct_9fa48("554") ? sql`` : (stryCov_9fa48("554"), sql`detach database snapshot`)).execute(db);
      }
    }
  }
}