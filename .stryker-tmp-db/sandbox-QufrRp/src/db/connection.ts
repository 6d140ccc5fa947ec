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
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './database.js';
export interface DatabaseHandle {
  db: Kysely<Database>;
  /** The raw connection, for what Kysely does not cover (backup, pragmas, checkpoints). */
  sqlite: BetterSqlite3.Database;
  path: string;
  close(): Promise<void>;
}
const STATEMENT_CACHE_SIZE = 512;

/** The raw connection behind a Kysely instance of openDatabase(), sharing its statement cache. */
export interface RawConnection {
  sqlite: BetterSqlite3.Database;
  prepare(text: string): BetterSqlite3.Statement;
  /** Runs `work` in one SQLite transaction, synchronously: committed when it returns, rolled back if it throws. */
  transaction: <T>(work: () => T) => T;
}
const rawConnections = new WeakMap<Kysely<Database>, RawConnection>();

/** The raw connection of a Kysely instance that openDatabase() made, for synchronous hot paths. */
export function rawConnectionOf(db: Kysely<Database>): RawConnection | undefined {
  if (stryMutAct_9fa48("79")) {
    {}
  } else {
    stryCov_9fa48("79");
    return rawConnections.get(db);
  }
}

/**
 * Kysely's SQLite driver calls `prepare()` for every query. Preparing is the most expensive step of a small
 * query, so this wrapper keeps compiled statements by their SQL text (an LRU, bounded because multi-row
 * inserts have one text per row count).
 */
type CachingDatabase = SqliteDatabase & {
  prepare: (text: string) => BetterSqlite3.Statement;
};
function cachingDatabase(sqlite: BetterSqlite3.Database): CachingDatabase {
  if (stryMutAct_9fa48("80")) {
    {}
  } else {
    stryCov_9fa48("80");
    const cache = new Map<string, BetterSqlite3.Statement>();
    return stryMutAct_9fa48("81") ? {} : (stryCov_9fa48("81"), {
      close: stryMutAct_9fa48("82") ? () => undefined : (stryCov_9fa48("82"), () => sqlite.close()),
      prepare(text: string) {
        if (stryMutAct_9fa48("83")) {
          {}
        } else {
          stryCov_9fa48("83");
          let statement = cache.get(text);
          if (stryMutAct_9fa48("86") ? statement !== undefined : stryMutAct_9fa48("85") ? false : stryMutAct_9fa48("84") ? true : (stryCov_9fa48("84", "85", "86"), statement === undefined)) {
            if (stryMutAct_9fa48("87")) {
              {}
            } else {
              stryCov_9fa48("87");
              statement = sqlite.prepare(text);
              if (stryMutAct_9fa48("91") ? cache.size < STATEMENT_CACHE_SIZE : stryMutAct_9fa48("90") ? cache.size > STATEMENT_CACHE_SIZE : stryMutAct_9fa48("89") ? false : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90", "91"), cache.size >= STATEMENT_CACHE_SIZE)) cache.delete(cache.keys().next().value as string);
            }
          } else {
            if (stryMutAct_9fa48("92")) {
              {}
            } else {
              stryCov_9fa48("92");
              cache.delete(text);
            }
          }
          cache.set(text, statement);
          return statement;
        }
      }
    });
  }
}

/** Opens (creating its folder if needed) a SQLite database file, or `:memory:`. */
export function openDatabase(path: string): DatabaseHandle {
  if (stryMutAct_9fa48("93")) {
    {}
  } else {
    stryCov_9fa48("93");
    if (stryMutAct_9fa48("96") ? path !== ':memory:' || !path.startsWith('file:') : stryMutAct_9fa48("95") ? false : stryMutAct_9fa48("94") ? true : (stryCov_9fa48("94", "95", "96"), (stryMutAct_9fa48("98") ? path === ':memory:' : stryMutAct_9fa48("97") ? true : (stryCov_9fa48("97", "98"), path !== (stryMutAct_9fa48("99") ? "" : (stryCov_9fa48("99"), ':memory:')))) && (stryMutAct_9fa48("100") ? path.startsWith('file:') : (stryCov_9fa48("100"), !(stryMutAct_9fa48("101") ? path.endsWith('file:') : (stryCov_9fa48("101"), path.startsWith(stryMutAct_9fa48("102") ? "" : (stryCov_9fa48("102"), 'file:')))))))) mkdirSync(dirname(path), stryMutAct_9fa48("103") ? {} : (stryCov_9fa48("103"), {
      recursive: stryMutAct_9fa48("104") ? false : (stryCov_9fa48("104"), true)
    }));
    const sqlite = new BetterSqlite3(path);
    sqlite.pragma(stryMutAct_9fa48("105") ? "" : (stryCov_9fa48("105"), 'journal_mode = WAL'));
    // NORMAL is durable against a process crash (the WAL is written before COMMIT returns); only a power
    // loss can lose the last transactions, which an emulator's data can afford.
    sqlite.pragma(stryMutAct_9fa48("106") ? "" : (stryCov_9fa48("106"), 'synchronous = NORMAL'));
    sqlite.pragma(stryMutAct_9fa48("107") ? "" : (stryCov_9fa48("107"), 'foreign_keys = ON'));
    sqlite.pragma(stryMutAct_9fa48("108") ? "" : (stryCov_9fa48("108"), 'busy_timeout = 5000'));
    const database = cachingDatabase(sqlite);
    const db = new Kysely<Database>(stryMutAct_9fa48("109") ? {} : (stryCov_9fa48("109"), {
      dialect: new SqliteDialect(stryMutAct_9fa48("110") ? {} : (stryCov_9fa48("110"), {
        database
      }))
    }));
    const transaction = sqlite.transaction(stryMutAct_9fa48("111") ? () => undefined : (stryCov_9fa48("111"), (work: () => unknown) => work()));
    rawConnections.set(db, stryMutAct_9fa48("112") ? {} : (stryCov_9fa48("112"), {
      sqlite,
      prepare: stryMutAct_9fa48("113") ? () => undefined : (stryCov_9fa48("113"), text => database.prepare(text) as BetterSqlite3.Statement),
      transaction: stryMutAct_9fa48("114") ? () => undefined : (stryCov_9fa48("114"), <T,>(work: () => T) => transaction(work) as T)
    }));
    let closed = stryMutAct_9fa48("115") ? true : (stryCov_9fa48("115"), false);
    return stryMutAct_9fa48("116") ? {} : (stryCov_9fa48("116"), {
      db,
      sqlite,
      path,
      async close() {
        if (stryMutAct_9fa48("117")) {
          {}
        } else {
          stryCov_9fa48("117");
          if (stryMutAct_9fa48("119") ? false : stryMutAct_9fa48("118") ? true : (stryCov_9fa48("118", "119"), closed)) return;
          closed = stryMutAct_9fa48("120") ? false : (stryCov_9fa48("120"), true);
          await db.destroy();
        }
      }
    });
  }
}