// A whole-database copy and its restore: the SQL behind the emulator's named snapshots.
import type BetterSqlite3 from 'better-sqlite3'
import { type Kysely, sql } from 'kysely'
import type { Database } from './database.js'

// Kysely's own bookkeeping: a snapshot must come from the same migrations, and keeps the live ones. The ids'
// high-water marks (migration 0006) stay live too: a restore may bring older Spaces back, never an old id.
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock', 'id_high_water'])

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
      // AUTOINCREMENT sequences keep the higher of the two, so no id handed out before the restore comes back.
      await sql`insert into main.sqlite_sequence (name, seq)
        select s.name, s.seq from snapshot.sqlite_sequence s
        where not exists (select 1 from main.sqlite_sequence m where m.name = s.name)`.execute(trx)
      await sql`update main.sqlite_sequence set seq = max(seq,
        coalesce((select s.seq from snapshot.sqlite_sequence s where s.name = main.sqlite_sequence.name), 0))`
        .execute(trx)
    })
    return true
  } finally {
    await sql`detach database snapshot`.execute(db)
  }
}
