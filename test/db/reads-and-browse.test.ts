// The storage layer's reading side on its own, on a fresh :memory: database: a contact with its collections,
// items appended later, and the inspector's pages of contacts, companies and events.
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { browseCompanies, ensureCompany, setContactCompany } from '../../src/db/companies.js'
import {
  appendItem, browseContacts, findContactWithItems, insertContact, newContactRow
} from '../../src/db/contacts.js'
import type { Database } from '../../src/db/database.js'
import { browseEvents, listConversionBatch, listTouchpointsOf } from '../../src/db/event-reads.js'
import { insertEvents } from '../../src/db/events.js'
import { newPartition, useMigratedDatabase } from '../helpers/database.js'

const database = useMigratedDatabase()
const db = (): Kysely<Database> => database().db
const partition = async (name: string): Promise<number> => await newPartition(database(), name)

async function contact (p: number, items: { emails?: string[], names?: string[] }, createdAt = 1000):
Promise<number> {
  const emails = items.emails ?? []
  const names = items.names ?? []
  return await insertContact(db(), newContactRow(p, { emails, phones: [], names, locations: [] }, undefined,
    createdAt, 'UTC'), { emails, names })
}

describe('a contact with its collections', () => {
  it('reads the newest `limit` of each, on the raw connection and on Kysely\'s own driver', async () => {
    const p = await partition('a')
    const id = await contact(p, { emails: ['a@e.com', 'b@e.com', 'c@e.com'], names: ['N'] })
    const one = await findContactWithItems(db(), p, id, 1)
    expect(one?.contact.email).toBe('a@e.com')
    expect(one?.items).toEqual({ emails: ['a@e.com'], phones: [], names: ['N'], locations: [] })
    // Another limit is another statement.
    expect((await findContactWithItems(db(), p, id, 5))?.items.emails).toEqual(['a@e.com', 'b@e.com', 'c@e.com'])
    const plain = new Kysely<Database>({ dialect: new SqliteDialect({ database: database().sqlite }) })
    expect((await findContactWithItems(plain, p, id, 2))?.items.emails).toEqual(['a@e.com', 'b@e.com'])
    expect(await findContactWithItems(db(), p + 1, id, 5)).toBeUndefined()
    expect(await findContactWithItems(plain, p, id + 1, 5)).toBeUndefined()
  })

  it('appends: the first item becomes the primary value; a later one comes first even at the same time', async () => {
    const p = await partition('a')
    const id = await contact(p, { emails: ['a@e.com'] }, 1000)
    await db().transaction().execute(async (trx) => { await appendItem(trx, id, 'phones', '+1', 2000) })
    await db().transaction().execute(async (trx) => { await appendItem(trx, id, 'phones', '+2', 2000) })
    await db().transaction().execute(async (trx) => { await appendItem(trx, id, 'phones', '+3', 1500) })
    const rows = await db().selectFrom('phones').select(['position', 'value', 'created_at'])
      .where('contact_id', '=', id).orderBy('position').execute()
    expect(rows).toEqual([
      { position: 0, value: '+1', created_at: 2000 },
      { position: 1, value: '+2', created_at: 2001 },
      { position: 2, value: '+3', created_at: 2002 }
    ])
    const row = await db().selectFrom('contacts').select(['phone', 'updated_at']).where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ phone: '+1', updated_at: 2000 })
    // A first item at time 0 keeps time 0.
    await db().transaction().execute(async (trx) => { await appendItem(trx, id, 'locations', 'Paris', 0) })
    expect(await db().selectFrom('locations').select(['position', 'value', 'created_at']).where('contact_id', '=', id)
      .execute()).toEqual([{ position: 0, value: 'Paris', created_at: 0 }])
  })
})

describe('the inspector\'s pages', () => {
  it('contacts: newest first, by any email or name, LIKE characters literal, with a keyset', async () => {
    const p = await partition('a')
    const other = await partition('b')
    const a = await contact(p, { emails: ['ann@acme.io', 'x_y@e.com'], names: ['Ann'] })
    const b = await contact(p, { emails: ['bob@e.com'], names: ['Bob 100%'] })
    const c = await contact(p, { names: ['Carl'] })
    await contact(other, { emails: ['ann@acme.io'] })
    const ids = (page: { rows: Array<{ id: number }> }): number[] => page.rows.map((r) => r.id)
    const all = await browseContacts(db(), p, { limit: 10 })
    expect(ids(all)).toEqual([c, b, a])
    expect(all.hasMore).toBe(false)
    expect(all.rows[2]).toEqual({
      id: a,
      email: 'ann@acme.io',
      name: 'Ann',
      phone: null,
      location: null,
      created_at: 1000
    })
    expect(await browseContacts(db(), p, { limit: 2 })).toEqual({ rows: all.rows.slice(0, 2), hasMore: true })
    expect(ids(await browseContacts(db(), p, { limit: 2, before: b }))).toEqual([a])
    expect(ids(await browseContacts(db(), p, { limit: 3, search: '' }))).toEqual([c, b, a])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: 'ACME' }))).toEqual([a])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: 'x_y' }))).toEqual([a])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: 'x_' }))).toEqual([a])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: 'o_' }))).toEqual([])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: '0%' }))).toEqual([b])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: 'carl' }))).toEqual([c])
    expect(ids(await browseContacts(db(), p, { limit: 10, search: 'e.com' }))).toEqual([b, a])
  })

  it('contacts: an empty search keeps a contact with no email and no name', async () => {
    const p = await partition('a')
    const bare = await insertContact(db(), newContactRow(p, { emails: [], phones: ['+1'], names: [], locations: [] },
      undefined, 1000, 'UTC'), { phones: ['+1'] })
    expect((await browseContacts(db(), p, { limit: 10, search: '' })).rows.map((r) => r.id)).toEqual([bare])
  })

  it('companies: newest first, by domain or name, with their contact counts', async () => {
    const p = await partition('a')
    const acme = await ensureCompany(db(), p, 'acme.io', 1500)
    const beta = await ensureCompany(db(), p, 'beta_co.com', 2500)
    await ensureCompany(db(), await partition('b'), 'acme.io', 1000)
    for (const email of ['a@acme.io', 'b@acme.io']) {
      const id = await contact(p, { emails: [email] })
      await setContactCompany(db(), id, acme)
    }
    const page = await browseCompanies(db(), p, { limit: 10 })
    expect(page).toEqual({
      rows: [
        { id: beta, domain: 'beta_co.com', name: 'beta_co.com', created_at: 2000, updated_at: 2000, contacts: 0 },
        { id: acme, domain: 'acme.io', name: 'acme.io', created_at: 1000, updated_at: 1000, contacts: 2 }
      ],
      hasMore: false
    })
    expect(await browseCompanies(db(), p, { limit: 1 })).toEqual({ rows: [page.rows[0]], hasMore: true })
    expect(await browseCompanies(db(), p, { limit: 1, before: beta })).toEqual({ rows: [page.rows[1]], hasMore: false })
    expect((await browseCompanies(db(), p, { limit: 10, search: 'A_C' })).rows).toEqual([page.rows[0]])
    expect((await browseCompanies(db(), p, { limit: 10, search: 'ACME' })).rows).toEqual([page.rows[1]])
    expect((await browseCompanies(db(), p, { limit: 10, search: '' })).rows).toEqual(page.rows)
    expect(await browseCompanies(db(), p, { limit: 10, search: 'zzz' })).toEqual({ rows: [], hasMore: false })
  })

  it('events: both kinds merged by id, newest stored first, by name, source or email', async () => {
    const p = await partition('a')
    const ann = await contact(p, { emails: ['ann@acme.io'] })
    const bob = await contact(p, { emails: ['bob@e.com'] })
    const base = { partition_id: p, created_at: 9000 }
    const [t1, c1, t2, c2, c3] = await insertEvents(db(), [
      { ...base, kind: 'touchpoint', contact_id: ann, source: 'google_ads', event_time: 1000 },
      { ...base, kind: 'conversion', contact_id: ann, event_name: 'purchase', amount: 5, event_time: 2000 },
      { ...base, kind: 'touchpoint', contact_id: bob, source: 'direct', event_time: 3000 },
      { ...base, kind: 'conversion', contact_id: bob, event_name: 'lead_generated', event_time: 500 },
      { ...base, kind: 'conversion', contact_id: bob, event_name: 'custom_event_1', order_id: 'o', event_time: 4000 }
    ]) as [number, number, number, number, number]
    const ids = (page: { rows: Array<{ id: number }> }): number[] => page.rows.map((r) => r.id)
    const all = await browseEvents(db(), p, { limit: 10 })
    expect(ids(all)).toEqual([c3, c2, t2, c1, t1])
    expect(all.hasMore).toBe(false)
    expect(all.rows[3]).toEqual({
      id: c1,
      kind: 'conversion',
      contact_id: ann,
      event_name: 'purchase',
      amount: 5,
      source: null,
      order_id: null,
      event_time: 2000,
      created_at: 9000,
      contact_email: 'ann@acme.io'
    })
    expect(ids(await browseEvents(db(), p, { limit: 3 }))).toEqual([c3, c2, t2])
    expect((await browseEvents(db(), p, { limit: 3 })).hasMore).toBe(true)
    expect((await browseEvents(db(), p, { limit: 5 })).hasMore).toBe(false)
    expect(ids(await browseEvents(db(), p, { limit: 10, before: t2 }))).toEqual([c1, t1])
    expect(ids(await browseEvents(db(), p, { limit: 10, kind: 'touchpoint' }))).toEqual([t2, t1])
    expect(ids(await browseEvents(db(), p, { limit: 10, kind: 'conversion', before: c3 }))).toEqual([c2, c1])
    expect(ids(await browseEvents(db(), p, { limit: 10, search: 'GOOGLE' }))).toEqual([t1])
    expect(ids(await browseEvents(db(), p, { limit: 10, search: 'lead' }))).toEqual([c2])
    expect(ids(await browseEvents(db(), p, { limit: 10, search: 'acme' }))).toEqual([c1, t1])
    expect(ids(await browseEvents(db(), p, { limit: 10, search: 'm_e' }))).toEqual([c3])
    expect(ids(await browseEvents(db(), p, { limit: 10, search: '' }))).toEqual([c3, c2, t2, c1, t1])
    expect(await browseEvents(db(), p + 1, { limit: 10 })).toEqual({ rows: [], hasMore: false })
  })

  it('conversions in company mode: only those of contacts with a company; below a snapshot id', async () => {
    const p = await partition('a')
    const withCompany = await contact(p, { emails: ['ann@acme.io'] })
    const without = await contact(p, { emails: ['bob@e.com'] })
    await setContactCompany(db(), withCompany, await ensureCompany(db(), p, 'acme.io', 1000))
    const [c1, c2] = await insertEvents(db(), [withCompany, without].map((id) =>
      ({
        partition_id: p,
        created_at: 1,
        kind: 'conversion' as const,
        contact_id: id,
        event_name: 'purchase',
        event_time: 1000
      }))) as [number, number]
    const query = { partitionId: p, from: 0, to: 5000, conditions: [] }
    expect((await listConversionBatch(db(), { ...query, companyMode: false }, { limit: 10 })).map((r) => r.id))
      .toEqual([c2, c1])
    expect((await listConversionBatch(db(), { ...query, companyMode: true }, { limit: 10 })).map((r) => r.id))
      .toEqual([c1])
    // An export's snapshot: nothing above its id.
    expect((await listConversionBatch(db(), { ...query, companyMode: false, maxId: c1 }, { limit: 10 }))
      .map((r) => r.id)).toEqual([c1])
  })

  it('touchpoints for attribution: per contact or company, in journey order, 500 groups at a time', async () => {
    const p = await partition('a')
    const ids: number[] = []
    for (let i = 0; i < 502; i++) ids.push(await contact(p, {}))
    const acme = await ensureCompany(db(), p, 'acme.io', 1000)
    for (const id of ids.slice(0, 2)) await setContactCompany(db(), id, acme)
    const base = { partition_id: p, created_at: 1, kind: 'touchpoint' as const }
    const events = await insertEvents(db(), [
      ...ids.map((id) => ({ ...base, contact_id: id, source: 'google_ads', event_time: 2000 })),
      { ...base, contact_id: ids[1] as number, source: 'direct', event_time: 1000, ad_id: 'ad' },
      { ...base, contact_id: ids[0] as number, kind: 'conversion' as const, event_name: 'purchase', event_time: 1000 },
      { ...base, contact_id: ids[0] as number, source: 'late', event_time: 9000 }
    ])
    const all = await listTouchpointsOf(db(), { ids, byCompany: false }, { to: 5000 })
    expect(all.map((t) => t.group_id)).toEqual([ids[0], ids[1], ...ids.slice(1)])
    expect(all[1]).toEqual({
      id: events[502],
      source: 'direct',
      event_time: 1000,
      ad_id: 'ad',
      ad_name: null,
      adset_id: null,
      adset_name: null,
      campaign_id: null,
      campaign_name: null,
      account_id: null,
      account_name: null,
      group_id: ids[1]
    })
    expect(all.at(-1)?.id).toBe(events[501])
    expect((await listTouchpointsOf(db(), { ids, byCompany: false }, { from: 1500, to: 5000, maxId: events[1] }))
      .map((t) => t.id)).toEqual([events[0], events[1]])
    expect((await listTouchpointsOf(db(), { ids: [acme], byCompany: true }, { to: 9000 })).map((t) => t.id))
      .toEqual([events[502], events[0], events[1], events[504]])
    expect(await listTouchpointsOf(db(), { ids: [], byCompany: false }, { to: 9000 })).toEqual([])
  })

  it('events: an empty search keeps events with no name, no source and no email', async () => {
    const p = await partition('a')
    const nobody = await contact(p, { names: ['Nobody'] })
    const [t] = await insertEvents(db(), [
      { partition_id: p, created_at: 1, kind: 'touchpoint', contact_id: nobody, event_time: 1000 }
    ])
    expect((await browseEvents(db(), p, { limit: 10, search: '' })).rows.map((r) => r.id)).toEqual([t])
    expect((await browseEvents(db(), p, { limit: 10, search: 'x' })).rows).toEqual([])
  })
})
