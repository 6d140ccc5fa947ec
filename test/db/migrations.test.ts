import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/connection.js'
import { migrateDownToNothing, migrateToLatest } from '../../src/db/migrate.js'

async function tables (handle: ReturnType<typeof openDatabase>): Promise<string[]> {
  const { rows } = await sql.raw<{ name: string }>("select name from sqlite_master where type = 'table' " +
    "and name not like 'sqlite_%' and name not like 'kysely_%' order by name").execute(handle.db)
  return rows.map((row) => row.name)
}

describe('migrations', () => {
  it('go up, down to nothing and up again', async () => {
    const handle = openDatabase(':memory:')
    try {
      await migrateToLatest(handle.db)
      const first = await tables(handle)
      expect(first).toEqual(expect.arrayContaining([
        'api_keys', 'contacts', 'emails', 'locations', 'names', 'partitions', 'phones', 'spaces'
      ]))
      await migrateDownToNothing(handle.db)
      expect(await tables(handle)).toEqual([])
      await migrateToLatest(handle.db)
      expect(await tables(handle)).toEqual(first)
    } finally {
      await handle.close()
    }
  })

  it('give every custom-field slot a column whose type fits its kind', async () => {
    const handle = openDatabase(':memory:')
    try {
      await migrateToLatest(handle.db)
      const columns = handle.sqlite
        .prepare("select name, type from pragma_table_info('contacts') where name like 'profile_field_%'")
        .all() as Array<{ name: string, type: string }>
      const types = Object.fromEntries(columns.map((c) => [c.name, c.type.toLowerCase()]))
      expect(Object.keys(types)).toHaveLength(30)
      for (let i = 1; i <= 30; i++) {
        expect(types[`profile_field_${i}`], `slot ${i}`).toBe(i >= 16 && i <= 25 ? 'real' : 'text')
      }
    } finally {
      await handle.close()
    }
  })

  it('open the database in WAL mode with foreign keys on', async () => {
    const handle = openDatabase(':memory:')
    try {
      expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      // :memory: cannot use WAL; a file can (checked in persistence.test.ts).
      expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('memory')
    } finally {
      await handle.close()
    }
  })
})

describe('a migration that fails', () => {
  it('names itself and its cause, and leaves the database at the last good migration', async () => {
    const handle = openDatabase(':memory:')
    try {
      await sql`create table partitions (id integer primary key)`.execute(handle.db)
      await expect(migrateToLatest(handle.db)).rejects
        .toThrow(/^migration 0001-initial failed: .*table "?partitions"? already exists/)
      expect(await tables(handle)).toEqual(['partitions'])
    } finally {
      await handle.close()
    }
  })

  it('says "(unknown)" when it fails before any migration ran, with the cause attached', async () => {
    const handle = openDatabase(':memory:')
    try {
      // A bookkeeping table Kysely cannot read: the run fails before it has a result per migration.
      await sql`create table kysely_migration (nope integer)`.execute(handle.db)
      const error = await migrateToLatest(handle.db).catch((e: unknown) => e as Error)
      expect(error).toBeInstanceOf(Error)
      expect(error?.message).toMatch(/^migration \(unknown\) failed: /)
      expect(error?.cause).toBeInstanceOf(Error)
    } finally {
      await handle.close()
    }
  })

  it('names the one that failed, after those that passed', async () => {
    const handle = openDatabase(':memory:')
    try {
      await sql`create table comet_tokens (id integer primary key)`.execute(handle.db)
      await expect(migrateToLatest(handle.db)).rejects.toThrow(/^migration 0002-contact-activity failed: /)
    } finally {
      await handle.close()
    }
  })
})
