import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely'
import type { Database } from './database.js'

export interface DatabaseHandle {
  db: Kysely<Database>
  /** The raw connection, for what Kysely does not cover (backup, pragmas, checkpoints). */
  sqlite: BetterSqlite3.Database
  path: string
  close (): Promise<void>
}

const STATEMENT_CACHE_SIZE = 512

/** The raw connection behind a Kysely instance of openDatabase(), sharing its statement cache. */
export interface RawConnection {
  sqlite: BetterSqlite3.Database
  prepare (text: string): BetterSqlite3.Statement
  /** Runs `work` in one SQLite transaction, synchronously: committed when it returns, rolled back if it throws. */
  transaction: <T>(work: () => T) => T
}

const rawConnections = new WeakMap<Kysely<Database>, RawConnection>()

/** The raw connection of a Kysely instance that openDatabase() made, for synchronous hot paths. */
export function rawConnectionOf (db: Kysely<Database>): RawConnection | undefined {
  return rawConnections.get(db)
}

/**
 * Kysely's SQLite driver calls `prepare()` for every query. Preparing is the most expensive step of a small
 * query, so this wrapper keeps compiled statements by their SQL text (an LRU, bounded because multi-row
 * inserts have one text per row count).
 */
type CachingDatabase = SqliteDatabase & { prepare: (text: string) => BetterSqlite3.Statement }

function cachingDatabase (sqlite: BetterSqlite3.Database): CachingDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => sqlite.close(),
    prepare (text: string) {
      let statement = cache.get(text)
      if (statement === undefined) {
        statement = sqlite.prepare(text)
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      } else {
        cache.delete(text)
      }
      cache.set(text, statement)
      return statement
    }
  }
}

/** A database file (or its folder) this process cannot write: the message is one line, for the operator. */
export class DatabaseAccessError extends Error {
  override name = 'DatabaseAccessError'
}

/**
 * SQLite needs to write the file and, beside it, its WAL and shared-memory files. Checked before opening, since
 * SQLite's own error ("unable to open database file") names neither the path nor the user.
 */
function checkWritable (path: string): void {
  const folder = dirname(path)
  const user = `uid ${process.getuid?.() ?? '?'}, gid ${process.getgid?.() ?? '?'}`
  try {
    mkdirSync(folder, { recursive: true })
    accessSync(folder, constants.W_OK)
  } catch (error) {
    throw new DatabaseAccessError(`cannot write the data folder ${folder} (this process runs as ${user}): ` +
      `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; give that user write access to it`)
  }
  if (existsSync(path)) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK)
    } catch (error) {
      throw new DatabaseAccessError(`cannot write the database ${path} (this process runs as ${user}): ` +
        `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; give that user write access to it`)
    }
  }
}

// better-sqlite3 finds its addon through the `bindings` package, which tries one path after another: 1.5 to 4 ms
// of a container's start (docs/performance.md). The addon of its own build, where an install put it, is named
// directly instead. In the bundle, better-sqlite3's JavaScript is bundled in too (scripts/bundle.ts), and only its
// addon stays in node_modules.
let addon: string | null | undefined
function addonPath (): string | undefined {
  if (addon === undefined) {
    try {
      const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json')
      const file = join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node')
      addon = existsSync(file) ? file : null
    } catch {
      addon = null
    }
  }
  return addon ?? undefined
}

function openSqlite (path: string): BetterSqlite3.Database {
  const nativeBinding = addonPath()
  if (nativeBinding !== undefined) return new BetterSqlite3(path, { nativeBinding })
  // Any other layout: better-sqlite3 as installed, which finds its addon itself. (Bundled, the import above could
  // not: `bindings` searches from the file that calls it.)
  const Installed = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
  return new Installed(path)
}

/** Opens (creating its folder if needed) a SQLite database file, or `:memory:`. */
export function openDatabase (path: string): DatabaseHandle {
  if (path !== ':memory:' && !path.startsWith('file:')) checkWritable(path)
  const sqlite = openSqlite(path)
  sqlite.pragma('journal_mode = WAL')
  // NORMAL is durable against a process crash (the WAL is written before COMMIT returns); only a power
  // loss can lose the last transactions, which an emulator's data can afford.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Temporary b-trees (the small sorts of a contact's collections) in memory: in a temporary file, each one
  // cost several times the query that needed it.
  sqlite.pragma('temp_store = MEMORY')
  const database = cachingDatabase(sqlite)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  const transaction = sqlite.transaction((work: () => unknown) => work())
  rawConnections.set(db, {
    sqlite,
    prepare: (text) => database.prepare(text) as BetterSqlite3.Statement,
    transaction: <T>(work: () => T) => transaction(work) as T
  })
  let closed = false
  return {
    db,
    sqlite,
    path,
    async close () {
      if (closed) return
      closed = true
      await db.destroy()
    }
  }
}
