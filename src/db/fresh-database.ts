// A new database's whole content as SQL: what the migrations make from nothing (every table, index and trigger,
// and the rows the migrations write, Kysely's own bookkeeping included). The built emulator carries it
// (scripts/bundle.ts writes it into the bundle) and runs it on a database with no tables, in one transaction,
// instead of the migrations one by one: about 2 ms instead of 10 to 17 on a first start, which every new
// container pays, and the start's later steps are shorter too (docs/performance.md). A database that has
// tables still goes through the migrations (src/db/migrate.ts).
import type BetterSqlite3 from 'better-sqlite3'

interface SchemaObject { type: string, name: string, sql: string }

const quoteName = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** The statements that rebuild `sqlite`'s schema and rows, in creation order. */
export function freshDatabaseScript (sqlite: BetterSqlite3.Database): string[] {
  const objects = sqlite.prepare(`select type, name, sql from sqlite_master
    where sql is not null and name not like 'sqlite_%' order by rowid`).all() as SchemaObject[]
  const tables = objects.filter((o) => o.type === 'table').map((o) => o.name)
  // SQLite's own table of AUTOINCREMENT counters is made with the first such table; its rows still count.
  if (sqlite.prepare('select 1 from sqlite_master where name = \'sqlite_sequence\'').get() !== undefined) {
    tables.push('sqlite_sequence')
  }
  const rows = tables.flatMap((table) => {
    const columns = (sqlite.prepare(`pragma table_info(${quoteName(table)})`).all() as Array<{ name: string }>)
      .map((c) => `quote(${quoteName(c.name)})`).join(' || \',\' || ')
    // quote() writes each value as an SQL literal (text, integer, real and blob alike), exactly; rows come in
    // the table's own order (rowid, or the primary key of a WITHOUT ROWID table).
    return (sqlite.prepare(`select ${columns} from ${quoteName(table)}`).pluck().all() as string[])
      .map((values) => `insert into ${quoteName(table)} values (${values})`)
  })
  return [...objects.map((o) => o.sql), ...rows]
}

/** Whether `sqlite` has no tables, indexes or views yet: a file just created, or an empty one. */
export function isEmptyDatabase (sqlite: BetterSqlite3.Database): boolean {
  return sqlite.prepare('select 1 from sqlite_master limit 1').get() === undefined
}

/**
 * Writes `script` into a database that has no tables, in one immediate transaction (so that another process
 * opening the same new file waits, then finds the tables). False, with nothing written, if it has tables.
 */
export function createFreshDatabase (sqlite: BetterSqlite3.Database, script: readonly string[]): boolean {
  return sqlite.transaction(() => {
    if (!isEmptyDatabase(sqlite)) return false
    for (const statement of script) sqlite.exec(statement)
    return true
  }).immediate()
}
