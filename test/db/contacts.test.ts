// The create path's group commit (src/db/contacts.ts createContactRow): creates that arrive together share one
// transaction, yet each one's outcome is its own.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js'
import { type ContactCollections, createContactRow, newContactRow } from '../../src/db/contacts.js'
import { migrateToLatest } from '../../src/db/migrate.js'

const dirs: string[] = []
const handles: DatabaseHandle[] = []
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function database (): Promise<DatabaseHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'cometly-contacts-'))
  dirs.push(dir)
  const handle = openDatabase(join(dir, 'db.sqlite'))
  handles.push(handle)
  await migrateToLatest(handle.db)
  handle.sqlite.prepare('insert into partitions (id) values (1)').run()
  return handle
}

const items = (email: string): ContactCollections =>
  ({ emails: [email], phones: ['+15551234567'], names: ['Ada'], locations: ['London'] })

/** Creates in partition `partitionId` (2 does not exist: its insert breaks the foreign key). */
const create = async (handle: DatabaseHandle, email: string, partitionId = 1, groupCommit = true) =>
  await createContactRow(handle.db, newContactRow(partitionId, items(email), undefined, 1000, 'UTC'), items(email),
    { groupCommit })

const stored = (handle: DatabaseHandle): string[] =>
  (handle.sqlite.prepare('select value from emails order by contact_id').pluck().all() as string[])

/** Frames in the write-ahead log: each commit appends every page it changed. */
const walFrames = (handle: DatabaseHandle): number =>
  (handle.sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]!.log

describe('createContactRow', () => {
  it('commits creates that arrive together in one transaction, each with its own id', async () => {
    const grouped = await database()
    const groupedBefore = walFrames(grouped)
    const emails = Array.from({ length: 20 }, (_, i) => `c${i}@example.com`)
    const ids = await Promise.all(emails.map(async (email) => await create(grouped, email)))
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(stored(grouped)).toEqual(emails)

    const single = await database()
    const singleBefore = walFrames(single)
    await Promise.all(emails.map(async (email) => await create(single, email, 1, false)))
    expect(stored(single)).toEqual(emails)
    // One commit writes each changed page once; twenty commits write the shared pages twenty times.
    const [groupedFrames, singleFrames] = [walFrames(grouped) - groupedBefore, walFrames(single) - singleBefore]
    expect(groupedFrames * 4).toBeLessThan(singleFrames)
  })

  it('fails only the create that fails, half written or not; the others of its transaction commit', async () => {
    const handle = await database()
    // A null email breaks the emails insert after the contact row was written: its savepoint takes both back.
    const halfWritten = createContactRow(handle.db, newContactRow(1, items('x@example.com'), undefined, 1000, 'UTC'),
      { emails: [null as unknown as string] })
    const outcomes = await Promise.allSettled([
      create(handle, 'a@example.com'),
      create(handle, 'broken@example.com', 2),
      halfWritten,
      create(handle, 'b@example.com')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain('FOREIGN KEY constraint failed')
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toContain('NOT NULL constraint failed')
    expect(stored(handle)).toEqual(['a@example.com', 'b@example.com'])
    expect(handle.sqlite.prepare('select email from contacts order by id').pluck().all())
      .toEqual(['a@example.com', 'b@example.com'])
    expect(handle.sqlite.inTransaction).toBe(false)
  })

  it('links creates of one batch to one new company, and a failing create takes its company back', async () => {
    const handle = await database()
    const withCompany = async (email: string, domain: string, partitionId = 1) =>
      await createContactRow(handle.db, newContactRow(partitionId, items(email), undefined, 1000, 'UTC'),
        items(email), { companyDomain: domain })
    // The half-written create makes its company first, then fails: its savepoint takes the company back too.
    const broken = createContactRow(handle.db, newContactRow(1, items('x@lost.example'), undefined, 1000, 'UTC'),
      { emails: [null as unknown as string] }, { companyDomain: 'lost.example' })
    const outcomes = await Promise.allSettled([
      withCompany('a@acme.example', 'acme.example'), broken, withCompany('b@acme.example', 'acme.example')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(handle.sqlite.prepare('select id, domain from companies').all()).toEqual([{ id: 1, domain: 'acme.example' }])
    expect(handle.sqlite.prepare('select email, company_id from contacts order by id').all()).toEqual([
      { email: 'a@acme.example', company_id: 1 }, { email: 'b@acme.example', company_id: 1 }
    ])
  })

  it('tries each create again on its own when the shared commit fails', async () => {
    const handle = await database()
    // Deferred foreign keys are checked at COMMIT: the broken create passes its savepoint and fails the commit
    // of the whole batch. (The pragma lasts until the next commit, the batch's.)
    handle.sqlite.pragma('defer_foreign_keys = ON')
    const outcomes = await Promise.allSettled([
      create(handle, 'a@example.com'),
      create(handle, 'broken@example.com', 2),
      create(handle, 'b@example.com')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(stored(handle)).toEqual(['a@example.com', 'b@example.com'])
    expect(handle.sqlite.pragma('foreign_key_check')).toEqual([])
  })

  it('waits for a transaction that holds the connection, and commits apart from it', async () => {
    const handle = await database()
    let created: Promise<number> | undefined
    await expect(handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('partitions').values({ id: 3 }).execute()
      created = create(handle, 'during@example.com')
      await new Promise((resolve) => setTimeout(resolve, 20))
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    expect(await created).toBe(1)
    expect(stored(handle)).toEqual(['during@example.com'])
    expect(handle.sqlite.prepare('select id from partitions').pluck().all()).toEqual([1])
  })
})
