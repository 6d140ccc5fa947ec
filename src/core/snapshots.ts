// Named snapshots of the whole database: SQLite's online backup API into a file of the snapshot folder, and
// a restore that copies every table back in one transaction on the live connection.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/database.js'

export const SNAPSHOT_NAME = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'
const NAME = new RegExp(SNAPSHOT_NAME)
const SUFFIX = '.sqlite'
// Kysely's own bookkeeping: a snapshot must come from the same migrations, and keeps the live ones.
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])

export interface SnapshotInfo {
  name: string
  bytes: number
  created_at: string
}

export class SnapshotStore {
  #dir: string | null
  readonly #temporary: boolean

  /** @param dir the folder; '' picks snapshots/ next to the database, or a temporary folder for :memory:. */
  constructor (dir: string, databasePath: string) {
    const inMemory = databasePath === ':memory:' || databasePath.startsWith('file:') || databasePath === ''
    this.#temporary = dir === '' && inMemory
    this.#dir = dir !== '' ? dir : inMemory ? null : join(dirname(databasePath), 'snapshots')
  }

  /** The folder; a temporary one is made on first use, so an app that never snapshots leaves nothing. */
  get dir (): string {
    this.#dir ??= mkdtempSync(join(tmpdir(), 'cometly-emulator-snapshots-'))
    return this.#dir
  }

  static validName (name: string): boolean {
    return NAME.test(name)
  }

  path (name: string): string {
    if (!SnapshotStore.validName(name)) throw new Error(`invalid snapshot name ${name}`)
    return join(this.dir, `${name}${SUFFIX}`)
  }

  info (name: string): SnapshotInfo | undefined {
    try {
      const stat = statSync(this.path(name))
      return { name, bytes: stat.size, created_at: stat.mtime.toISOString() }
    } catch {
      return undefined
    }
  }

  list (): SnapshotInfo[] {
    let files: string[]
    try {
      files = readdirSync(this.dir)
    } catch {
      return []
    }
    return files.filter((file) => file.endsWith(SUFFIX)).map((file) => file.slice(0, -SUFFIX.length))
      .filter((name) => SnapshotStore.validName(name)).sort()
      .map((name) => this.info(name)).filter((info) => info !== undefined)
  }

  /** Writes the database to the named file (replacing it); a consistent copy even while requests write. */
  async create (name: string, db: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined): Promise<SnapshotInfo> {
    mkdirSync(this.dir, { recursive: true })
    const path = this.path(name)
    const partial = `${path}.partial`
    rmSync(partial, { force: true })
    if (sqlite !== undefined) await sqlite.backup(partial)
    else await sql`vacuum into ${partial}`.execute(db)
    rmSync(path, { force: true })
    // Rename last, so a listed snapshot is always a whole one.
    renameSync(partial, path)
    return this.info(name) as SnapshotInfo
  }

  delete (name: string): boolean {
    if (this.info(name) === undefined) return false
    rmSync(this.path(name), { force: true })
    return true
  }

  /**
   * Copies every table of the snapshot over the live one in one transaction: either the whole snapshot is in
   * or nothing changed. Returns false when the snapshot came from other migrations.
   */
  async restore (name: string, db: Kysely<Database>): Promise<boolean> {
    const path = this.path(name)
    await sql`attach database ${path} as snapshot`.execute(db)
    try {
      const migrationsOf = async (schema: string): Promise<string> => {
        const { rows } = await sql<{ name: string }>`select name from ${sql.table(`${schema}.kysely_migration`)} order by name`.execute(db)
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
          const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info(${table}, 'main')`.execute(trx)
          const list = sql.join(columns.map((c) => sql.ref(c.name)))
          await sql`insert into ${sql.table(`main.${table}`)} (${list}) select ${list} from ${sql.table(`snapshot.${table}`)}`.execute(trx)
        }
        await sql`delete from main.sqlite_sequence`.execute(trx)
        await sql`insert into main.sqlite_sequence select * from snapshot.sqlite_sequence`.execute(trx)
      })
      return true
    } finally {
      await sql`detach database snapshot`.execute(db)
    }
  }

  /** Removes a temporary folder; a configured folder and its snapshots stay. */
  close (): void {
    if (this.#temporary && this.#dir !== null) rmSync(this.#dir, { recursive: true, force: true })
  }
}
