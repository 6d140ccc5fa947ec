// The storage layer's functions on their own, on a fresh :memory: database: what each reads and writes, at its
// edges (chunks, limits, orders, partitions, the high-water marks of ids).
import { describe, expect, it } from 'vitest'
import {
  insertBrowsingSessionHits,
  insertCometTokens,
  listBrowsingSessionHits,
  listCometTokens
} from '../../src/db/activity.js'
import { ensureCompany, findCompanyByDomain } from '../../src/db/companies.js'
import { insertEvents, listJourney } from '../../src/db/events.js'
import { Kysely, SqliteDialect } from 'kysely'
import { rawConnectionOf } from '../../src/db/connection.js'
import type { Database } from '../../src/db/database.js'
import {
  createContactRow, findContact, insertContact, listContactPage, listItemValues, listItemValuesOf, maxContactId,
  newContactRow, replaceItems, type SlotCondition, slotColumns, updateContactColumns
} from '../../src/db/contacts.js'
import {
  failExport, findExport, findExportById, findExportDownload, finishExport, insertExport, insertExportLink,
  listPendingExports
} from '../../src/db/exports.js'
import { useMigratedDatabase } from '../helpers/database.js'
import { readPartitionContents } from '../../src/db/partition-contents.js'
import {
  deletePartition, listPartitionedTables, listRetiredPartitions, purgeChunk, retirePartition, swapPartition
} from '../../src/db/partitions.js'
import {
  countContacts, deleteSpace, findApiKeyByHash, findSpaceById, findSpaceByName, insertApiKey, insertSpace,
  isPartitionEmpty, listApiKeys, listLiveApiKeys, listSpaces, nextId, revokeApiKey, updateSpaceSettings
} from '../../src/db/spaces.js'

const database = useMigratedDatabase()
const db = () => database().db
const key = (spaceId: number, hash: string) =>
  ({ space_id: spaceId, key_hash: hash, key_hint: '…', scopes: null, created_at: 1 })

async function space (name: string): Promise<{ id: number, partition: number }> {
  const id = await db().transaction().execute(async (trx) => await insertSpace(trx, { name, created_at: 5 }))
  return { id, partition: (await findSpaceById(db(), id))?.partition_id as number }
}

async function contact (partition: number, emails: string[] = ['a@example.com'], createdAt = 1000): Promise<number> {
  return await insertContact(db(), newContactRow(partition, { emails, phones: [], names: [], locations: [] },
    undefined, createdAt, 'UTC'), { emails })
}

describe('spaces and keys', () => {
  it('hands out ids above every id ever handed out, and above every row', async () => {
    const a = await space('a')
    const b = await space('b')
    expect([a.id, b.id]).toEqual([1, 2])
    await deleteSpace(db(), b.id)
    expect((await space('c')).id).toBe(3)
    // A row written past the mark (an old database, a restore) still leaves the next id above it.
    await database().sqlite.prepare("insert into spaces (id, name, partition_id, created_at) values (10, 'x', ?, 0)")
      .run((await db().insertInto('partitions').defaultValues().returning('id').executeTakeFirstOrThrow()).id)
    expect(await db().transaction().execute(async (trx) => await nextId(trx, 'spaces'))).toBe(11)
    expect(await db().transaction().execute(async (trx) => await nextId(trx, 'api_keys'))).toBe(1)
    expect(await db().transaction().execute(async (trx) => await nextId(trx, 'api_keys'))).toBe(2)
  })

  it('reads, lists, changes and deletes Spaces', async () => {
    const a = await space('a')
    const b = await space('b')
    expect((await findSpaceByName(db(), 'b'))?.id).toBe(b.id)
    expect(await findSpaceByName(db(), 'nope')).toBeUndefined()
    expect((await listSpaces(db())).map((s) => s.name)).toEqual(['a', 'b'])
    await updateSpaceSettings(db(), a.id, {})
    await updateSpaceSettings(db(), a.id, { time_zone: 'Asia/Tokyo', name: 'a2' })
    expect(await findSpaceById(db(), a.id)).toMatchObject({ name: 'a2', time_zone: 'Asia/Tokyo', created_at: 5 })
    expect((await findSpaceById(db(), b.id))?.time_zone).toBe('UTC')
    expect(await findSpaceById(db(), 99)).toBeUndefined()
    expect(a.partition).not.toBe(b.partition)
  })

  it('keys: by hash, live ones, a Space\'s in order; revoking twice or another Space\'s is false', async () => {
    const a = await space('a')
    const b = await space('b')
    const k1 = await db().transaction().execute(async (trx) => await insertApiKey(trx, key(a.id, 'h1')))
    const k2 = await db().transaction().execute(async (trx) => await insertApiKey(trx, key(a.id, 'h2')))
    const k3 = await db().transaction().execute(async (trx) => await insertApiKey(trx, key(b.id, 'h3')))
    expect([k1, k2, k3]).toEqual([1, 2, 3])
    expect((await findApiKeyByHash(db(), 'h2'))?.id).toBe(k2)
    expect(await findApiKeyByHash(db(), 'nope')).toBeUndefined()
    expect(await revokeApiKey(db(), b.id, k1, 9)).toBe(false)
    expect(await revokeApiKey(db(), a.id, k1, 9)).toBe(true)
    expect(await revokeApiKey(db(), a.id, k1, 10)).toBe(false)
    expect((await listApiKeys(db(), a.id)).map((k) => [k.id, k.revoked_at])).toEqual([[k1, 9], [k2, null]])
    expect((await listLiveApiKeys(db())).map((k) => k.id)).toEqual([k2, k3])
    await deleteSpace(db(), a.id)
    expect((await listLiveApiKeys(db())).map((k) => k.id)).toEqual([k3])
    expect(await db().transaction().execute(async (trx) => await insertApiKey(trx, key(b.id, 'h4')))).toBe(4)
  })

  it('counts a partition\'s contacts only', async () => {
    const a = await space('a')
    const b = await space('b')
    await contact(a.partition)
    await contact(a.partition)
    await contact(b.partition)
    expect([await countContacts(db(), a.partition), await countContacts(db(), b.partition)]).toEqual([2, 1])
  })

  it('a partition is empty with neither contacts nor companies', async () => {
    const a = await space('a')
    const b = await space('b')
    const c = await space('c')
    await contact(a.partition)
    await ensureCompany(db(), b.partition, 'acme.io', 1)
    expect([await isPartitionEmpty(db(), a.partition), await isPartitionEmpty(db(), b.partition),
      await isPartitionEmpty(db(), c.partition)]).toEqual([false, false, true])
  })
})

describe('contacts', () => {
  it('slot columns: only slots, in their stored form; unknown names are left out', () => {
    expect(slotColumns({ profile_field_1: 'x', profile_field_16: '5', profile_field_26: '2024-01-01', nope: 1 }, 'UTC'))
      .toEqual({ profile_field_1: 'x', profile_field_16: 5, profile_field_26: '2024-01-01 00:00:00' })
    // A date without an offset is a wall time of the Space's zone (Decision D16).
    expect(slotColumns({ profile_field_26: '2024-01-01' }, 'Europe/Paris'))
      .toEqual({ profile_field_26: '2023-12-31 23:00:00' })
    expect(newContactRow(7, { emails: ['e'], phones: ['p', 'q'], names: [], locations: ['l'] }, undefined, 3, 'UTC'))
      .toEqual({ partition_id: 7, email: 'e', phone: 'p', name: null, location: 'l', created_at: 3, updated_at: 3 })
    expect(newContactRow(7, { emails: [], phones: [], names: ['n'], locations: [] }, { profile_field_16: '5' }, 3,
      'UTC')).toEqual({
      partition_id: 7,
      email: null,
      phone: null,
      name: 'n',
      location: null,
      profile_field_16: 5,
      created_at: 3,
      updated_at: 3
    })
  })

  it('finds a contact only in its partition; lists items in order, with a limit', async () => {
    const a = await space('a')
    const b = await space('b')
    const id = await contact(a.partition, ['x@e.com', 'y@e.com', 'z@e.com'])
    expect((await findContact(db(), a.partition, id))?.email).toBe('x@e.com')
    expect(await findContact(db(), b.partition, id)).toBeUndefined()
    expect(await listItemValues(db(), 'emails', id, 2)).toEqual(['x@e.com', 'y@e.com'])
    await replaceItems(db(), id, 'emails', ['n@e.com'], 2000)
    await db().transaction().execute(async (trx) => {
      await trx.insertInto('emails').values({ contact_id: id, position: 1, value: 'older@e.com', created_at: 1 })
        .execute()
    })
    // The newest write first, in written order within a write.
    expect(await listItemValues(db(), 'emails', id, 25)).toEqual(['n@e.com', 'older@e.com'])
    expect(await updateContactColumns(db(), b.partition, id, { email: 'no' })).toBe(false)
    expect(await updateContactColumns(db(), a.partition, id, { email: 'n@e.com' })).toBe(true)
    expect((await findContact(db(), a.partition, id))?.email).toBe('n@e.com')
  })

  it('lists the items of many contacts in chunks of 500, each in position order', async () => {
    const a = await space('a')
    const ids: number[] = []
    for (let i = 0; i < 1001; i++) ids.push(await contact(a.partition, [`a${i}@e.com`, `b${i}@e.com`]))
    const items = await listItemValuesOf(db(), 'emails', ids)
    expect(items.size).toBe(1001)
    expect([items.get(ids[0] as number), items.get(ids[500] as number), items.get(ids[1000] as number)])
      .toEqual([['a0@e.com', 'b0@e.com'], ['a500@e.com', 'b500@e.com'], ['a1000@e.com', 'b1000@e.com']])
    expect((await listItemValuesOf(db(), 'phones', [ids[0] as number])).get(ids[0] as number)).toEqual([])
    expect((await listItemValuesOf(db(), 'emails', [])).size).toBe(0)
  })

  it('pages by id both ways, within a range and below a snapshot id', async () => {
    const a = await space('a')
    const ids: number[] = []
    for (let i = 0; i < 5; i++) ids.push(await contact(a.partition, [`c${i}@e.com`], 1000 + i))
    const query = { partitionId: a.partition, from: 1000, to: 1004, conditions: [] }
    const first = await listContactPage(db(), query, { limit: 2 })
    expect([first.rows.map((r) => r.id), first.hasMore]).toEqual([[ids[4], ids[3]], true])
    const next = await listContactPage(db(), query, { limit: 2, before: ids[3] })
    expect([next.rows.map((r) => r.id), next.hasMore]).toEqual([[ids[2], ids[1]], true])
    const last = await listContactPage(db(), query, { limit: 2, before: ids[1] })
    expect([last.rows.map((r) => r.id), last.hasMore]).toEqual([[ids[0]], false])
    const back = await listContactPage(db(), query, { limit: 2, after: ids[0] })
    expect([back.rows.map((r) => r.id), back.hasMore]).toEqual([[ids[2], ids[1]], true])
    const inRange = await listContactPage(db(), { ...query, from: 1001, to: 1003 }, { limit: 10 })
    expect(inRange.rows.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]])
    const snapshot = await listContactPage(db(), { ...query, maxId: ids[2] }, { limit: 10 })
    expect(snapshot.rows.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]])
    const lean = await listContactPage(db(), query, { limit: 1, withSlots: false })
    expect(Object.keys(lean.rows[0] as object).sort()).toEqual(['email', 'id', 'location', 'name', 'phone'])
    const full = await listContactPage(db(), query, { limit: 1, withSlots: true })
    expect(Object.keys(full.rows[0] as object)).toContain('profile_field_30')
    expect(await maxContactId(db(), a.partition)).toBe(ids[4])
    expect(await maxContactId(db(), 999)).toBe(0)
  })

  it('writes rows of different shapes one after another; an empty or missing collection writes nothing', async () => {
    const a = await space('a')
    const base = newContactRow(a.partition, { emails: ['s@e.com'], phones: [], names: [], locations: [] }, undefined, 1,
      'UTC')
    const first = await insertContact(db(), { ...base, profile_field_1: 'x', profile_field_2: undefined },
      { emails: ['s@e.com'], phones: [] })
    const second = await insertContact(db(), base, { emails: ['s@e.com', 't@e.com'], names: ['N'] })
    const third = await createContactRow(db(), { ...base, profile_field_16: 5 }, { emails: [] })
    expect((await findContact(db(), a.partition, first))?.profile_field_1).toBe('x')
    expect((await findContact(db(), a.partition, second))?.profile_field_1).toBeNull()
    expect((await findContact(db(), a.partition, third))?.profile_field_16).toBe(5)
    expect(await listItemValues(db(), 'emails', second, 5)).toEqual(['s@e.com', 't@e.com'])
    expect(await listItemValues(db(), 'names', second, 5)).toEqual(['N'])
    expect(await listItemValues(db(), 'emails', third, 5)).toEqual([])
    expect(await listItemValues(db(), 'phones', first, 5)).toEqual([])
  })

  it('a page of exactly the rows left has no more after it', async () => {
    const a = await space('a')
    for (let i = 0; i < 3; i++) await contact(a.partition)
    const query = { partitionId: a.partition, from: 0, to: 2000, conditions: [] }
    const page = await listContactPage(db(), query, { limit: 3 })
    expect([page.rows.length, page.hasMore]).toEqual([3, false])
  })

  it('creates through Kysely\'s own driver when the connection is not one openDatabase made', async () => {
    const a = await space('a')
    const plain = new Kysely<Database>({ dialect: new SqliteDialect({ database: database().sqlite }) })
    expect(rawConnectionOf(plain)).toBeUndefined()
    const id = await createContactRow(plain,
      newContactRow(a.partition, { emails: ['k@e.com'], phones: [], names: [], locations: [] }, undefined, 1, 'UTC'),
      { emails: ['k@e.com'] })
    expect(await listItemValues(db(), 'emails', id, 5)).toEqual(['k@e.com'])
    // With a company domain: the company is made, and the contact linked to it, on this driver too.
    const linked = await createContactRow(plain,
      newContactRow(a.partition, { emails: ['l@acme.io'], phones: [], names: [], locations: [] }, undefined, 1, 'UTC'),
      { emails: ['l@acme.io'] }, { companyDomain: 'acme.io' })
    const company = await findCompanyByDomain(db(), a.partition, 'ACME.io')
    expect(company?.domain).toBe('acme.io')
    expect((await findContact(db(), a.partition, linked))?.company_id).toBe(company?.id)
  })

  it('creates on the raw connection when it is free, and waits its turn inside a transaction', async () => {
    const a = await space('a')
    const row = newContactRow(a.partition, { emails: ['r@e.com'], phones: [], names: [], locations: [] }, undefined, 1,
      'UTC')
    const fast = await createContactRow(db(), row, { emails: ['r@e.com'] })
    const raw = rawConnectionOf(db())
    expect(raw).toBeDefined()
    let slow: Promise<number> | undefined
    await db().transaction().execute(async (trx) => {
      await trx.selectFrom('contacts').select('id').execute()
      slow = createContactRow(db(), row, { emails: ['r@e.com'] })
    })
    expect(await slow).toBe(fast + 1)
    expect(await listItemValues(db(), 'emails', fast + 1, 5)).toEqual(['r@e.com'])
  })
})

describe('conditions on the slots, in SQL', () => {
  it('each test: set, unset, ranges, LIKE with literal wildcards, whole words, case', async () => {
    const a = await space('a')
    const rows = [
      { profile_field_1: 'Gold member', profile_field_16: 10, profile_field_26: '2024-01-05 00:00:00' },
      { profile_field_1: '100%_x', profile_field_16: 20, profile_field_26: '2024-02-01 00:00:00' },
      { profile_field_1: '', profile_field_16: null, profile_field_26: null },
      { profile_field_1: null, profile_field_16: -5, profile_field_26: '2023-12-31 23:59:59' },
      { profile_field_1: 'a:b!c?d"e\'f/g\th\ni', profile_field_16: 0, profile_field_26: '2024-01-01 00:00:00' }
    ]
    const ids: number[] = []
    for (const slots of rows) {
      ids.push(await insertContact(db(), {
        ...newContactRow(a.partition, { emails: [], phones: [], names: [], locations: [] },
          undefined, 1000, 'UTC'),
        ...slots
      }, {}))
    }
    const match = async (condition: SlotCondition) => (await listContactPage(db(),
      { partitionId: a.partition, from: 0, to: 2000, conditions: [condition] }, { limit: 10 })).rows
      .map((r) => ids.indexOf(r.id) + 1).sort()
    expect(await match({ column: 'profile_field_1', test: 'is_set' })).toEqual([1, 2, 5])
    expect(await match({ column: 'profile_field_1', test: 'is_null' })).toEqual([3, 4])
    expect(await match({ column: 'profile_field_16', test: 'between', from: 0, to: 10 })).toEqual([1, 5])
    const january = { from: '2024-01-01 00:00:00', to: '2024-01-31 23:59:59' }
    expect(await match({ column: 'profile_field_26', test: 'between', ...january }))
      .toEqual([1, 5])
    expect(await match({ column: 'profile_field_1', test: 'contains', value: '%_' })).toEqual([2])
    expect(await match({ column: 'profile_field_1', test: 'contains', value: 'OLD' })).toEqual([1])
    expect(await match({ column: 'profile_field_1', test: 'not_contains', value: 'gold' })).toEqual([2, 3, 5])
    expect(await match({ column: 'profile_field_1', test: 'starts_with', value: '100%' })).toEqual([2])
    expect(await match({ column: 'profile_field_1', test: 'starts_with', value: '10_' })).toEqual([])
    expect(await match({ column: 'profile_field_1', test: 'ends_with', value: '_x' })).toEqual([2])
    expect(await match({ column: 'profile_field_1', test: 'ends_with', value: 'gold' })).toEqual([])
    expect(await match({ column: 'profile_field_1', test: 'contains_word', value: 'member' })).toEqual([1])
    expect(await match({ column: 'profile_field_1', test: 'contains_word', value: 'mem' })).toEqual([])
    for (const word of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      expect(await match({ column: 'profile_field_1', test: 'contains_word', value: word }), word).toEqual([5])
    }
    expect(await match({ column: 'profile_field_1', test: '=', value: 'gold MEMBER', ignoreCase: true })).toEqual([1])
    expect(await match({ column: 'profile_field_1', test: '=', value: 'gold MEMBER' })).toEqual([])
    expect(await match({ column: 'profile_field_1', test: '!=', value: 'GOLD MEMBER', ignoreCase: true }))
      .toEqual([2, 3, 5])
    expect(await match({ column: 'profile_field_16', test: '>', value: 0 })).toEqual([1, 2])
    expect(await match({ column: 'profile_field_16', test: '>=', value: 0 })).toEqual([1, 2, 5])
    expect(await match({ column: 'profile_field_16', test: '<', value: 0 })).toEqual([4])
    expect(await match({ column: 'profile_field_16', test: '<=', value: 0 })).toEqual([4, 5])
  })
})

describe('activity', () => {
  it('inserts in chunks; lists the newest per contact, events without direct touchpoints when asked', async () => {
    const a = await space('a')
    const c1 = await contact(a.partition)
    const c2 = await contact(a.partition)
    await insertCometTokens(db(), c1, Array.from({ length: 1203 }, (_, i) => ({ token: `t${i}`, created_at: i })))
    await insertCometTokens(db(), c2, [{ token: 'only', created_at: 5 }])
    // Exactly one chunk's worth: no empty insert after it.
    const c3 = await contact(a.partition)
    await insertCometTokens(db(), c3, Array.from({ length: 500 }, (_, i) => ({ token: `x${i}`, created_at: i })))
    expect((await listCometTokens(db(), [c3], 1000)).get(c3)).toHaveLength(500)
    const tokens = await listCometTokens(db(), [c1, c2, 999], 3)
    expect([tokens.get(c1)?.map((t) => t.token), tokens.get(c2)?.map((t) => t.token), tokens.get(999)])
      .toEqual([['t1202', 't1201', 't1200'], ['only'], []])
    expect((await listCometTokens(db(), [], 5)).size).toBe(0)
    // Ties on the time: the newer row (the higher id) first.
    await insertCometTokens(db(), c2, [{ token: 'tie-1', created_at: 9 }, { token: 'tie-2', created_at: 9 }])
    expect((await listCometTokens(db(), [c2], 2)).get(c2)?.map((t) => t.token)).toEqual(['tie-2', 'tie-1'])
    const event = (contactId: number, fields: object) => ({
      partition_id: a.partition,
      contact_id: contactId,
      created_at: 0,
      event_time: 0,
      kind: 'conversion' as const,
      ...fields
    })
    await insertEvents(db(), [
      event(c1, { kind: 'touchpoint', source: 'direct', event_time: 1000 }),
      event(c1, { event_name: 'b', event_time: 3000, amount: 9.5 }),
      event(c1, { kind: 'touchpoint', source: 'google_ads', event_time: 2000 })
    ])
    expect((await listJourney(db(), [c1], { hideDirectTouchpoints: true })).map((e) => e.event_time))
      .toEqual([3000, 2000])
    expect((await listJourney(db(), [c1], { hideDirectTouchpoints: false })).map((e) => e.event_time))
      .toEqual([3000, 2000, 1000])
    await insertBrowsingSessionHits(db(), c1, [
      { event_url: 'u1', event_time: 1 },
      { event_url: 'u2', event_time: 2, referrer_host: 'r', country: 'US' }
    ])
    expect((await listBrowsingSessionHits(db(), c1, 1)).map((hit) => hit.event_url)).toEqual(['u2'])
    await insertBrowsingSessionHits(db(), c2,
      [{ event_url: 'first', event_time: 5 }, { event_url: 'second', event_time: 5 }])
    expect((await listBrowsingSessionHits(db(), c2, 10)).map((hit) => hit.event_url)).toEqual(['second', 'first'])
    // Times are kept to the second; ties: the higher id first.
    await insertEvents(db(),
      [event(c2, { event_name: 'x', event_time: 4000 }), event(c2, { event_name: 'y', event_time: 4999 })])
    expect((await listJourney(db(), [c2], { hideDirectTouchpoints: true })).map((e) => e.event_name))
      .toEqual(['y', 'x'])
  })

  it('reads a whole partition, oldest first, with every collection and activity row', async () => {
    const a = await space('a')
    const b = await space('b')
    const c1 = await contact(a.partition, ['x@e.com', 'y@e.com'])
    const c2 = await contact(a.partition, ['z@e.com'])
    await contact(b.partition, ['other@e.com'])
    await insertCometTokens(db(), c2, [{ token: 't', created_at: 1 }, { token: 'u', created_at: 2 }])
    await insertEvents(db(), [
      {
        partition_id: a.partition,
        contact_id: c1,
        kind: 'conversion',
        event_name: 'e1',
        event_time: 7000,
        amount: 1,
        created_at: 3
      },
      {
        partition_id: a.partition,
        contact_id: c1,
        kind: 'conversion',
        event_name: 'e2',
        event_time: 8000,
        amount: 2,
        created_at: 3
      }
    ])
    await insertBrowsingSessionHits(db(), c1, [{ event_url: 'h1', event_time: 9 }, { event_url: 'h2', event_time: 10 }])
    const contents = await readPartitionContents(db(), a.partition)
    expect(contents.cometTokens.get(c2)?.map((t) => [t.token, t.created_at, t.contact_id]))
      .toEqual([['t', 1, c2], ['u', 2, c2]])
    expect(contents.events.get(c1)?.map((e) => [e.event_name, e.event_time, e.amount]))
      .toEqual([['e1', 7000, 1], ['e2', 8000, 2]])
    expect(contents.hits.get(c1)?.map((x) => [x.event_url, x.event_time])).toEqual([['h1', 9], ['h2', 10]])
    expect(contents.contacts.map((c) => c.id)).toEqual([c1, c2])
    expect(contents.items.emails.get(c1)).toEqual(['x@e.com', 'y@e.com'])
    expect(contents.cometTokens.get(c1)).toBeUndefined()
    expect([contents.events.size, contents.hits.size]).toEqual([1, 1])
  })
})

describe('partitions', () => {
  it('swaps in a new partition, retires the old, and purges only retired ones, chunk by chunk', async () => {
    const a = await space('a')
    for (let i = 0; i < 5; i++) await contact(a.partition)
    const fresh = await swapPartition(db(), a.id, 77)
    expect((await findSpaceById(db(), a.id))?.partition_id).toBe(fresh)
    expect(await listRetiredPartitions(db())).toEqual([a.partition])
    const tables = await listPartitionedTables(db())
    expect(tables[tables.length - 1]).toBe('contacts')
    expect(tables).toContain('exports')
    expect(tables).not.toContain('spaces')
    await contact(fresh)
    expect(await purgeChunk(db(), 'contacts', fresh, 10)).toBe(0)
    expect(await purgeChunk(db(), 'contacts', a.partition, 2)).toBe(2)
    expect(await purgeChunk(db(), 'contacts', a.partition, 10)).toBe(3)
    await deletePartition(db(), fresh)
    await deletePartition(db(), a.partition)
    expect(await listRetiredPartitions(db())).toEqual([])
    expect(await countContacts(db(), fresh)).toBe(1)
    await retirePartition(db(), fresh, 1)
    expect(await listRetiredPartitions(db())).toEqual([fresh])
  })
})

describe('exports', () => {
  it('jobs per partition and resource; pending until finished or failed, once', async () => {
    const a = await space('a')
    const job = {
      space_id: a.id, partition_id: a.partition, resource: 'contacts', params: '{}', max_row_id: 0, created_at: 1
    }
    const e1 = await insertExport(db(), job)
    const e2 = await insertExport(db(), job)
    expect(await findExport(db(), a.partition, 'contacts', e1)).toMatchObject({ id: e1, state: 'pending' })
    expect(await findExport(db(), a.partition, 'events', e1)).toBeUndefined()
    expect(await findExport(db(), a.partition + 1, 'contacts', e1)).toBeUndefined()
    expect((await listPendingExports(db())).map((j) => j.id)).toEqual([e1, e2])
    await finishExport(db(), e1, { file: Buffer.from('x'), rowCount: 3, finishedAt: 9 })
    await failExport(db(), e1, 'late', 10)
    await failExport(db(), e2, 'broke', 11)
    await finishExport(db(), e2, { file: Buffer.from('y'), rowCount: 1, finishedAt: 12 })
    expect(await findExportById(db(), e1)).toMatchObject({ state: 'done', row_count: 3, finished_at: 9, message: null })
    expect(await findExportById(db(), e2)).toMatchObject({ state: 'failed', message: 'broke', finished_at: 11 })
    expect(await listPendingExports(db())).toEqual([])
    await insertExportLink(db(), { token: 'tok', export_id: e1, expires_at: 100, created_at: 50 })
    expect(await findExportDownload(db(), 'tok')).toEqual({
      link: { token: 'tok', export_id: e1, expires_at: 100, created_at: 50 },
      resource: 'contacts',
      spaceId: a.id,
      file: Buffer.from('x')
    })
    expect(await findExportDownload(db(), 'nope')).toBeUndefined()
  })
})
