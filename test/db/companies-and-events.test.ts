// Companies and the events' storage on their own, on a fresh :memory: database: keyset pages, the queue,
// idempotency keys, identities and how tracking finds a contact.
import { type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { insertCometTokens } from '../../src/db/activity.js'
import {
  ensureCompany, ensureCompanyNow, findCompany, findCompanyByDomain, listCompaniesOf, listCompanyPage, maxCompanyId,
  updateCompanyColumns, wholeSeconds
} from '../../src/db/companies.js'
import { rawConnectionOf } from '../../src/db/connection.js'
import { insertContact, newContactRow } from '../../src/db/contacts.js'
import type { Database } from '../../src/db/database.js'
import {
  acceptIdempotencyKey, bindIdentity, deleteQueuedEvent, enqueueEvent, findContactByCometToken, findContactByEmail,
  findConversion, findIdentity, hasOrder, insertEvents, listIdentities, listQueuedEvents, listQueuedPartitions,
  queueDepth, queuedOf
} from '../../src/db/events.js'
import { newPartition, useMigratedDatabase } from '../helpers/database.js'

const database = useMigratedDatabase()
const db = (): Kysely<Database> => database().db
const partition = async (name: string): Promise<number> => await newPartition(database(), name)

async function contact (p: number, emails: string[], createdAt = 1000): Promise<number> {
  return await insertContact(db(), newContactRow(p, { emails, phones: [], names: [], locations: [] }, undefined,
    createdAt, 'UTC'), { emails })
}

describe('companies', () => {
  it('keeps whole seconds', () => {
    expect([wholeSeconds(0), wholeSeconds(1999), wholeSeconds(2000), wholeSeconds(-1)]).toEqual([0, 1000, 2000, -1000])
  })

  it('one per domain of a partition, whatever its case; found by id only in its partition', async () => {
    const p = await partition('a')
    const q = await partition('b')
    const acme = await ensureCompany(db(), p, 'Acme.io', 1999)
    expect(await ensureCompany(db(), p, 'ACME.IO', 5000)).toBe(acme)
    const other = await ensureCompany(db(), q, 'acme.io', 1)
    expect(other).not.toBe(acme)
    expect(await findCompany(db(), p, acme)).toEqual({
      id: acme,
      partition_id: p,
      domain: 'Acme.io',
      domain_key: 'acme.io',
      name: 'Acme.io',
      created_at: 1000,
      updated_at: 1000
    })
    expect(await findCompany(db(), q, acme)).toBeUndefined()
    expect((await findCompanyByDomain(db(), p, 'acme.IO'))?.id).toBe(acme)
    expect(await findCompanyByDomain(db(), p, 'beta.io')).toBeUndefined()
    const raw = rawConnectionOf(db())
    if (raw === undefined) throw new Error('no raw connection')
    expect(ensureCompanyNow(db(), raw, p, 'ACME.io', 1)).toBe(acme)
    const beta = ensureCompanyNow(db(), raw, p, 'Beta.io', 3500)
    expect(await findCompany(db(), p, beta)).toEqual({
      id: beta,
      partition_id: p,
      domain: 'Beta.io',
      domain_key: 'beta.io',
      name: 'Beta.io',
      created_at: 3000,
      updated_at: 3000
    })
    expect(ensureCompanyNow(db(), raw, q, 'beta.io', 1)).not.toBe(beta)
    expect(await maxCompanyId(db(), p)).toBe(beta)
    expect(await maxCompanyId(db(), await partition('c'))).toBe(0)
    expect((await listCompaniesOf(db(), p)).map((c) => c.id)).toEqual([acme, beta])
  })

  it('changes a domain (and its key) or a name, only in its partition', async () => {
    const p = await partition('a')
    const id = await ensureCompany(db(), p, 'acme.io', 1000)
    expect(await updateCompanyColumns(db(), p + 1, id, { name: 'X', updated_at: 9 })).toBe(false)
    expect(await updateCompanyColumns(db(), p, id, { name: 'Acme', updated_at: 2000 })).toBe(true)
    expect(await findCompany(db(), p, id)).toMatchObject({
      domain: 'acme.io',
      domain_key: 'acme.io',
      name: 'Acme',
      updated_at: 2000
    })
    expect(await updateCompanyColumns(db(), p, id, { domain: 'New.IO', updated_at: 3000 })).toBe(true)
    expect(await findCompany(db(), p, id)).toMatchObject({ domain: 'New.IO', domain_key: 'new.io', name: 'Acme' })
  })

  it('pages newest first on (second, id), both ways, within a range and below a snapshot id', async () => {
    const p = await partition('a')
    const ids: number[] = []
    for (const [i, at] of [1000, 2000, 2000, 3000, 4000].entries()) {
      ids.push(await ensureCompany(db(), p, `c${i}.io`, at))
    }
    await ensureCompany(db(), await partition('b'), 'c9.io', 2000)
    const [c0, c1, c2, c3, c4] = ids as [number, number, number, number, number]
    const page = async (query: { from?: number, to?: number, maxId?: number },
      at: { limit: number, before?: { createdAt: number, id: number }, after?: { createdAt: number, id: number } }):
    Promise<[number[], boolean]> => {
      const { rows, hasMore } = await listCompanyPage(db(), { partitionId: p, ...query }, at)
      return [rows.map((r) => r.id), hasMore]
    }
    expect(await page({}, { limit: 10 })).toEqual([[c4, c3, c2, c1, c0], false])
    expect(await page({}, { limit: 2 })).toEqual([[c4, c3], true])
    expect(await page({}, { limit: 5 })).toEqual([[c4, c3, c2, c1, c0], false])
    expect(await page({}, { limit: 2, before: { createdAt: 2000, id: c2 } })).toEqual([[c1, c0], false])
    expect(await page({}, { limit: 1, before: { createdAt: 3000, id: c3 } })).toEqual([[c2], true])
    expect(await page({}, { limit: 2, after: { createdAt: 2000, id: c1 } })).toEqual([[c3, c2], true])
    expect(await page({}, { limit: 5, after: { createdAt: 2000, id: c2 } })).toEqual([[c4, c3], false])
    expect(await page({ from: 2000, to: 3000 }, { limit: 10 })).toEqual([[c3, c2, c1], false])
    expect(await page({ from: 2001, to: 2999 }, { limit: 10 })).toEqual([[], false])
    expect(await page({ maxId: c2 }, { limit: 10 })).toEqual([[c2, c1, c0], false])
  })
})

describe('the events\' storage', () => {
  it('inserts events to the whole second, and finds conversions and orders only in their partition', async () => {
    const p = await partition('a')
    const q = await partition('b')
    const ann = await contact(p, ['ann@e.com'])
    const [c, t] = await insertEvents(db(), [
      {
        partition_id: p,
        contact_id: ann,
        kind: 'conversion',
        event_name: 'purchase',
        order_id: 'o1',
        event_time: 1999,
        created_at: 5
      },
      {
        partition_id: p,
        contact_id: ann,
        kind: 'touchpoint',
        source: 'google_ads',
        order_id: 'o2',
        event_name: 'x',
        event_time: 2500,
        created_at: 5
      }
    ]) as [number, number]
    expect(t).toBe(c + 1)
    expect(await findConversion(db(), p, c)).toMatchObject({
      id: c,
      event_time: 1000,
      event_name: 'purchase',
      amount: null,
      is_upsell: 0,
      source: null
    })
    expect(await findConversion(db(), q, c)).toBeUndefined()
    expect(await findConversion(db(), p, t)).toBeUndefined()
    expect(await hasOrder(db(), p, 'purchase', 'o1')).toBe(true)
    expect(await hasOrder(db(), q, 'purchase', 'o1')).toBe(false)
    expect(await hasOrder(db(), p, 'lead_generated', 'o1')).toBe(false)
    expect(await hasOrder(db(), p, 'x', 'o2')).toBe(false)
  })

  it('queues events per partition, oldest first, with the first due time', async () => {
    const p = await partition('a')
    const q = await partition('b')
    expect(await queuedOf(db(), p)).toEqual({ count: 0, nextDueAt: null })
    expect(await queueDepth(db())).toBe(0)
    const queued = (payload: string, acceptedAt: number, dueAt: number) =>
      ({ space_id: 1, partition_id: p, payload, accepted_at: acceptedAt, due_at: dueAt })
    const e1 = await enqueueEvent(db(), queued('{"a":1}', 10, 30))
    const e2 = await enqueueEvent(db(), queued('{"a":2}', 11, 20))
    const e3 = await enqueueEvent(db(), { space_id: 2, partition_id: q, payload: '{}', accepted_at: 12, due_at: 50 })
    expect(await listQueuedEvents(db(), p, 10)).toEqual([
      { id: e1, space_id: 1, partition_id: p, payload: '{"a":1}', accepted_at: 10, due_at: 30 },
      { id: e2, space_id: 1, partition_id: p, payload: '{"a":2}', accepted_at: 11, due_at: 20 }
    ])
    expect((await listQueuedEvents(db(), p, 1)).map((e) => e.id)).toEqual([e1])
    expect(await queuedOf(db(), p)).toEqual({ count: 2, nextDueAt: 20 })
    expect(await queueDepth(db())).toBe(3)
    const partitions = await listQueuedPartitions(db())
    expect([...partitions].sort((x, y) => x.partition_id - y.partition_id)).toEqual([
      { space_id: 1, partition_id: p, due_at: 20 }, { space_id: 2, partition_id: q, due_at: 50 }
    ])
    await deleteQueuedEvent(db(), e2)
    expect(await queuedOf(db(), p)).toEqual({ count: 1, nextDueAt: 30 })
    await deleteQueuedEvent(db(), e3)
    expect(await listQueuedPartitions(db())).toEqual([{ space_id: 1, partition_id: p, due_at: 30 }])
  })

  it('accepts an idempotency key once per partition until it is ttl old', async () => {
    const p = await partition('a')
    const q = await partition('b')
    expect(await acceptIdempotencyKey(db(), p, 'k', 1000, 100)).toBe(true)
    expect(await acceptIdempotencyKey(db(), p, 'k', 1099, 100)).toBe(false)
    expect(await acceptIdempotencyKey(db(), q, 'k', 1099, 100)).toBe(true)
    expect(await acceptIdempotencyKey(db(), p, 'k', 1100, 100)).toBe(true)
    // The ttl counts from the last acceptance.
    expect(await acceptIdempotencyKey(db(), p, 'k', 1150, 100)).toBe(false)
    expect(await acceptIdempotencyKey(db(), p, 'k2', 1150, 100)).toBe(true)
  })

  it('binds identities once; finds contacts by identity, comet token or any email', async () => {
    const p = await partition('a')
    const q = await partition('b')
    const ann = await contact(p, ['ann@e.com', 'Shared@E.com'], 2000)
    const bob = await contact(p, ['bob@e.com', 'shared@e.com'], 1000)
    const other = await contact(q, ['ann@e.com'], 1)
    await bindIdentity(db(), p, 'tracking_id', 't1', ann)
    await bindIdentity(db(), p, 'tracking_id', 't1', bob)
    await bindIdentity(db(), p, 'fingerprint_ip', 't1', bob)
    await bindIdentity(db(), q, 'tracking_id', 't1', other)
    expect(await findIdentity(db(), p, 'tracking_id', 't1')).toBe(ann)
    expect(await findIdentity(db(), p, 'fingerprint_ip', 't1')).toBe(bob)
    expect(await findIdentity(db(), q, 'tracking_id', 't1')).toBe(other)
    expect(await findIdentity(db(), p, 'tracking_id', 't2')).toBeUndefined()
    const identities = await listIdentities(db(), p)
    expect([...identities].sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
      { kind: 'fingerprint_ip', value: 't1', contact_id: bob }, { kind: 'tracking_id', value: 't1', contact_id: ann }
    ])
    await insertCometTokens(db(), ann, [{ token: 'tok', created_at: 1 }])
    expect(await findContactByCometToken(db(), p, 'tok')).toBe(ann)
    expect(await findContactByCometToken(db(), q, 'tok')).toBeUndefined()
    expect(await findContactByCometToken(db(), p, 'nope')).toBeUndefined()
    expect(await findContactByEmail(db(), p, 'ANN@e.com')).toBe(ann)
    expect(await findContactByEmail(db(), q, 'ann@e.com')).toBe(other)
    // The oldest contact holding it wins.
    expect(await findContactByEmail(db(), p, 'shared@e.com')).toBe(bob)
    expect(await findContactByEmail(db(), p, 'nobody@e.com')).toBeUndefined()
  })
})
