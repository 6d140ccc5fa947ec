// @ts-nocheck
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp
let control: ReturnType<typeof controlClient>
beforeEach(async () => {
  t = await testApp()
  control = controlClient(t.app)
})
afterEach(async () => { await t.close() })

/** Writes `n` contacts straight into a partition, as a large Space would hold them. */
function fill (partitionId: number, n: number): void {
  const insert = t.database.sqlite
    .prepare('insert into contacts (partition_id, email, created_at, updated_at) values (?, ?, 0, 0)')
  const item = t.database.sqlite
    .prepare('insert into emails (contact_id, position, value, created_at) values (?, 0, ?, 0)')
  t.database.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const { lastInsertRowid } = insert.run(partitionId, `c${i}@example.com`)
      item.run(lastInsertRowid, `c${i}@example.com`)
    }
  })()
}

const count = (sql: string): number => (t.database.sqlite.prepare(sql).get() as { n: number }).n

describe('reset', () => {
  it('empties one Space at once, leaves the others, and purges the old rows in the background', async () => {
    const other = (await control('POST', '/spaces', { name: 'other' })).body
    fill(1, 20_000)
    fill(t.app.emulator.registry.space(other.id)!.partitionId, 5)
    await cometlyClient(t.app, DEV_API_KEY)('POST', '/contacts', { emails: ['a@example.com'] })
    await control('POST', '/spaces/1/faults', { latency_ms: 1 })

    const res = await control('POST', '/spaces/1/reset')
    expect(res).toEqual({ status: 200, body: { reset: [1] }, headers: expect.anything() })
    // The Space sees nothing at once, before any purge, and gets a new partition.
    expect((await control('GET', '/spaces/1')).body.contacts).toBe(0)
    expect(t.app.emulator.registry.space(1)!.partitionId).toBe(3)
    expect((await control('GET', '/spaces/1/requests')).body.data).toEqual([])
    expect((await control('GET', '/spaces/1/faults')).body.data).toEqual([])
    expect((await control('GET', `/spaces/${other.id as number}`)).body.contacts).toBe(5)

    await t.app.emulator.purger.idle()
    expect(count('select count(*) as n from contacts where partition_id = 1')).toBe(0)
    expect(count('select count(*) as n from emails')).toBe(5)
    expect(count('select count(*) as n from partitions')).toBe(2)

    // The Space works as a new one, with a fresh rate-limit window.
    const made = await cometlyClient(t.app, DEV_API_KEY)('POST', '/contacts', { emails: ['b@example.com'] })
    expect(made.status).toBe(201)
    expect(made.headers['x-ratelimit-remaining']).toBe('59')
  })

  it('resets everything: every Space emptied, journals, faults and clock cleared, Spaces and keys kept', async () => {
    const other = (await control('POST', '/spaces', { name: 'other' })).body
    fill(1, 3)
    fill(t.app.emulator.registry.space(other.id)!.partitionId, 3)
    await control('POST', '/clock/advance', { ms: 3_600_000 })
    await control('POST', `/spaces/${other.id as number}/faults`, { status: 503 })
    await cometlyClient(t.app, other.api_key)('POST', '/contacts', { emails: ['a@example.com'] })

    const res = await control('POST', '/reset')
    expect(res.body).toEqual({ reset: [1, 2] })
    expect((await control('GET', '/spaces')).body.data.map((s: { contacts: number }) => s.contacts)).toEqual([0, 0])
    expect((await control('GET', '/requests')).body.data).toEqual([])
    expect((await control('GET', '/faults')).body.data).toEqual([])
    expect((await control('GET', '/clock')).body).toMatchObject({ now: '2024-01-01T00:00:00.000Z', offset_ms: 0 })
    expect((await cometlyClient(t.app, other.api_key)('POST', '/contacts', { emails: ['a@example.com'] })).status)
      .toBe(201)
    await t.app.emulator.purger.idle()
    expect(count('select count(*) as n from contacts')).toBe(1)
  })

  it('answers 404 for an unknown Space', async () => {
    expect(await control('POST', '/spaces/99/reset'))
      .toMatchObject({ status: 404, body: { message: 'Space 99 not found.' } })
  })
})
