// @ts-nocheck
// Named snapshots of the whole database: files in the snapshot folder, written with SQLite's online backup API
// and restored by copying every table back in one transaction (src/db/snapshots.ts holds the SQL).
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { copyDatabase, restoreDatabase } from '../db/snapshots.js'

export const SNAPSHOT_NAME = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'
const NAME = new RegExp(SNAPSHOT_NAME)
const SUFFIX = '.sqlite'

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
    await copyDatabase(db, sqlite, partial)
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
   * Puts the named snapshot's data in place of the live data, in one transaction. Returns false, changing
   * nothing, when the snapshot came from other migrations.
   */
  async restore (name: string, db: Kysely<Database>): Promise<boolean> {
    return await restoreDatabase(db, this.path(name))
  }

  /** Removes a temporary folder; a configured folder and its snapshots stay. */
  close (): void {
    if (this.#temporary && this.#dir !== null) rmSync(this.#dir, { recursive: true, force: true })
  }
}
