// The SQL under snapshots and the connection: a copy by the backup API or VACUUM INTO, a restore that copies
// every table (but not the ids' high-water marks) and keeps AUTOINCREMENT sequences at the higher value, and a
// refused restore of a copy from other migrations.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, rawConnectionOf } from '../../src/db/connection.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { copyDatabase, restoreDatabase } from '../../src/db/snapshots.js'
import { deleteSpace, insertSpace, listSpaces, nextId } from '../../src/db/spaces.js'

let dir: string
let h: DatabaseHandle
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cometly-db-'))
  h = openDatabase(join(dir, 'nested', 'live.sqlite'))
  await migrateToLatest(h.db)
})
afterEach(async () => {
  await h.close()
  rmSync(dir, { recursive: true, force: true })
})

const addSpace = async (name: string) =>
  await h.db.transaction().execute(async (trx) => await insertSpace(trx, { name, created_at: 1 }))
const sequence = (name: string) =>
  (h.sqlite.prepare('select seq from sqlite_sequence where name = ?').get(name) as { seq: number } | undefined)?.seq

describe('snapshots', () => {
  it.each([['the backup API', true], ['VACUUM INTO', false]])('copies with %s and restores every table',
    async (_name, backup) => {
      const a = await addSpace('a')
      const file = join(dir, 'copy.sqlite')
      await copyDatabase(h.db, backup ? h.sqlite : undefined, file)
      expect(existsSync(file)).toBe(true)
      await addSpace('b')
      await addSpace('c')
      await deleteSpace(h.db, a)
      expect(await restoreDatabase(h.db, file)).toBe(true)
      expect((await listSpaces(h.db)).map((s) => s.name)).toEqual(['a'])
      // The copy is detached again: a second restore can attach it.
      expect(await restoreDatabase(h.db, file)).toBe(true)
      // The high-water mark stayed live: no id handed out before the restore comes back.
      expect(await h.db.transaction().execute(async (trx) => await nextId(trx, 'spaces'))).toBe(4)
      // The partitions' AUTOINCREMENT sequence keeps the higher of the two.
      expect(sequence('partitions')).toBe(3)
    })

  it('refuses a copy taken with other migrations, and changes nothing', async () => {
    await addSpace('a')
    const file = join(dir, 'old.sqlite')
    await copyDatabase(h.db, h.sqlite, file)
    const old = openDatabase(file)
    await sql`delete from kysely_migration where name = '0006-id-high-water'`.execute(old.db)
    await old.close()
    await addSpace('b')
    expect(await restoreDatabase(h.db, file)).toBe(false)
    expect((await listSpaces(h.db)).map((s) => s.name)).toEqual(['a', 'b'])
  })
})

describe('the connection', () => {
  it('makes the folder of a file, runs WAL with foreign keys, and closes once', async () => {
    expect(existsSync(join(dir, 'nested'))).toBe(true)
    expect(h.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(h.sqlite.pragma('synchronous', { simple: true })).toBe(1)
    expect(h.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    const raw = rawConnectionOf(h.db)
    expect(raw?.sqlite).toBe(h.sqlite)
    expect(raw?.prepare('select 1 as one').get()).toEqual({ one: 1 })
    expect(raw?.prepare('select 1 as one')).toBe(raw?.prepare('select 1 as one'))
    expect(raw?.transaction(() => 7)).toBe(7)
    expect(() => raw?.transaction(() => { throw new Error('no') })).toThrow('no')
    const memory = openDatabase(':memory:')
    expect(memory.path).toBe(':memory:')
    await memory.db.selectFrom('sqlite_master' as never).selectAll().execute()
    await memory.close()
    expect(memory.sqlite.open).toBe(false)
    await memory.close()
    expect(rawConnectionOf(memory.db)).toBeDefined()
  })

  it('makes no folder for a `file:` name or for :memory:, which are SQLite\'s to read', () => {
    const name = `file:cometly-no-folder-${process.pid}`
    expect(() => openDatabase(`${name}/x.sqlite`)).toThrow('unable to open database file')
    expect(existsSync(name)).toBe(false)
  })

  it('keeps at most 512 compiled statements, the least recently used going first', async () => {
    const raw = rawConnectionOf(h.db)
    if (raw === undefined) throw new Error('no raw connection')
    const first = raw.prepare('select 0 as n')
    for (let i = 1; i <= 511; i++) raw.prepare(`select ${i} as n`)
    // Used again, it becomes the newest: 511 more statements leave it in, where the first-in would go first.
    expect(raw.prepare('select 0 as n')).toBe(first)
    for (let i = 512; i <= 1022; i++) raw.prepare(`select ${i} as n`)
    expect(raw.prepare('select 0 as n')).toBe(first)
    for (let i = 1023; i <= 1534; i++) raw.prepare(`select ${i} as n`)
    expect(raw.prepare('select 0 as n')).not.toBe(first)
    const recent = raw.prepare('select 1534 as n')
    expect(raw.prepare('select 1534 as n')).toBe(recent)
  })
})
