// A whole-database copy and its restore: the SQL behind the emulator's named snapshots.
import type BetterSqlite3 from 'better-sqlite3'
import { type Kysely, sql } from 'kysely'
import type { Database } from './database.js'

// Kysely's own bookkeeping: a snapshot must come from the same migrations, and keeps the live ones.
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])

/** Writes a consistent copy of the database to `path`, even while requests write. */
export async function copyDatabase (db: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined,
  path: string): Promise<void> {
  if (sqlite !== undefined) await sqlite.backup(path)
  else await sql`vacuum into ${path}`.execute(db)
}

/**
 * Copies every table of the database file at `path` over the live one in one transaction: either the whole
 * copy is in or nothing changed. Returns false, changing nothing, when the copy came from other migrations.
 */
export async function restoreDatabase (db: Kysely<Database>, path: string): Promise<boolean> {
  await sql`attach database ${path} as snapshot`.execute(db)
  try {
    const migrationsOf = async (schema: string): Promise<string> => {
      const migrations = sql.table(`${schema}.kysely_migration`)
      const { rows } = await sql<{ name: string }>`select name from ${migrations} order by name`.execute(db)
      return rows.map((row) => row.name).join(',')
    }
    if (await migrationsOf('main') !== await migrationsOf('snapshot')) return false
    const { rows: tables } = await sql<{ name: string }>`
      select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
    const names = tables.map((t) => t.name).filter((t) => !SKIPPED_TABLES.has(t))
    await db.transaction().execute(async (trx) => {
      // Rows are deleted and copied in any order; foreign keys are checked once, at commit.
      await sql`pragma defer_foreign_keys = on`.execute(trx)
      for (const table of names) await sql`delete from ${sql.table(`main.${table}`)}`.execute(trx)
      for (const table of names) {
        const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info(${table}, 'main')`
          .execute(trx)
        const list = sql.join(columns.map((c) => sql.ref(c.name)))
        const [live, copy] = [sql.table(`main.${table}`), sql.table(`snapshot.${table}`)]
        await sql`insert into ${live} (${list}) select ${list} from ${copy}`.execute(trx)
      }
      await sql`delete from main.sqlite_sequence`.execute(trx)
      await sql`insert into main.sqlite_sequence select * from snapshot.sqlite_sequence`.execute(trx)
    })
    return true
  } finally {
    await sql`detach database snapshot`.execute(db)
  }
}
