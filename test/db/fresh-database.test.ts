// The new-database script (src/db/fresh-database.ts) that the built emulator runs instead of the migrations:
// it must make exactly what the migrations make, and never touch a database that already has tables.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createFreshDatabase, freshDatabaseScript, isEmptyDatabase } from '../../src/db/fresh-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { migrations } from '../../migrations/index.js'

const handles: DatabaseHandle[] = []
const folders: string[] = []
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function open (path = ':memory:'): DatabaseHandle {
  const handle = openDatabase(path)
  handles.push(handle)
  return handle
}

async function migrated (): Promise<DatabaseHandle> {
  const handle = open()
  await migrateToLatest(handle.db)
  return handle
}

describe('the new-database script', () => {
  it('remakes what the migrations make: every table, index and row, Kysely\'s bookkeeping included', async () => {
    const script = freshDatabaseScript((await migrated()).sqlite)
    // The migrations write rows too (the id high-water marks, Kysely's list of migrations).
    expect(script.filter((s) => s.startsWith('insert into "kysely_migration" ')))
      .toHaveLength(Object.keys(migrations).length)
    expect(script.some((s) => /^create index/i.test(s))).toBe(true)
    const fresh = open()
    expect(createFreshDatabase(fresh.sqlite, script)).toBe(true)
    expect(freshDatabaseScript(fresh.sqlite)).toEqual(script)
    expect(fresh.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(fresh.sqlite.pragma('foreign_key_check')).toEqual([])
  })

  it('leaves the migrations nothing to do afterwards', async () => {
    const script = freshDatabaseScript((await migrated()).sqlite)
    const fresh = open()
    createFreshDatabase(fresh.sqlite, script)
    await migrateToLatest(fresh.db)
    expect(freshDatabaseScript(fresh.sqlite)).toEqual(script)
  })

  it('writes nothing into a database that has tables, and says so', async () => {
    const script = freshDatabaseScript((await migrated()).sqlite)
    const folder = mkdtempSync(join(tmpdir(), 'cometly-fresh-'))
    folders.push(folder)
    const existing = open(join(folder, 'existing.sqlite'))
    existing.sqlite.exec('create table mine (a integer)')
    expect(isEmptyDatabase(existing.sqlite)).toBe(false)
    expect(createFreshDatabase(existing.sqlite, script)).toBe(false)
    expect(existing.sqlite.prepare('select name from sqlite_master').pluck().all()).toEqual(['mine'])
  })

  it('is all or nothing: a statement that fails leaves the database empty', async () => {
    const script = freshDatabaseScript((await migrated()).sqlite)
    const fresh = open()
    expect(() => createFreshDatabase(fresh.sqlite, [...script, 'insert into no_such_table values (1)']))
      .toThrow(/no such table/)
    expect(isEmptyDatabase(fresh.sqlite)).toBe(true)
  })
})
