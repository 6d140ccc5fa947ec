// @ts-nocheck
// A Space's id is never handed out again, and a Space created after a reset, restore, import or delete starts
// clean: an empty journal, no faults, its own clock and fresh rate-limit windows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/connection.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp
let control: ReturnType<typeof controlClient>
beforeEach(async () => {
  t = await testApp({ config: { rateLimitScale: 0.05 } })
  control = controlClient(t.app)
})
afterEach(async () => { await t.close() })

interface Created { id: number, api_key: string, api_keys: Array<{ id: number }> }

async function createSpace (body: object = {}): Promise<Created> {
  const res = await control('POST', '/spaces', body)
  expect(res.status).toBe(201)
  return res.body as Created
}

/** Gives a Space everything that lives in memory: journal entries, a fault, a frozen clock, a spent window. */
async function dirty (space: Created): Promise<void> {
  const api = cometlyClient(t.app, space.api_key)
  // createContact at scale 0.05 allows 3 a minute: the fourth is a 429.
  for (let i = 0; i < 4; i++) await api('POST', '/contacts', { emails: [`u${i}@example.com`] })
  expect((await api('POST', '/contacts', { emails: ['over@example.com'] })).status).toBe(429)
  await control('POST', `/spaces/${space.id}/faults`, { status: 503, path: '/public-api/v1/contacts/*' })
  await control('POST', `/spaces/${space.id}/clock/freeze`, { at: '2030-01-01T00:00:00Z' })
}

/** A fresh Space sees nothing of another: its journal, faults, clock and windows are its own. */
async function expectClean (space: Created): Promise<void> {
  expect((await control('GET', `/spaces/${space.id}/requests`)).body.data).toEqual([])
  expect((await control('GET', `/spaces/${space.id}/faults`)).body.data).toEqual([])
  expect((await control('GET', `/spaces/${space.id}/clock`)).body).toEqual({
    space_id: space.id, now: '2024-01-01T00:00:00.000Z', now_ms: 1704067200000, frozen: false, offset_ms: 0
  })
  const api = cometlyClient(t.app, space.api_key)
  const first = await api('POST', '/contacts', { emails: ['fresh@example.com'] })
  expect(first.status).toBe(201)
  expect(first.headers['x-ratelimit-remaining']).toBe('2')
  expect((await control('GET', `/spaces/${space.id}`)).body.contacts).toBe(1)
}

describe('Space ids are never handed out twice', () => {
  it('after a delete of the newest Space', async () => {
    const a = await createSpace()
    await dirty(a)
    expect((await control('DELETE', `/spaces/${a.id}`)).status).toBe(204)
    const b = await createSpace()
    expect(b.id).toBe(a.id + 1)
    await expectClean(b)
    expect((await control('GET', '/faults')).body.data).toEqual([])
  })

  it('after a restore took a Space away: the next one neither reuses its id nor inherits its state', async () => {
    await control('POST', '/snapshots', { name: 'before' })
    const a = await createSpace()
    await dirty(a)
    expect((await control('POST', '/snapshots/before/restore')).status).toBe(200)
    expect((await control('GET', `/spaces/${a.id}`)).status).toBe(404)
    // Nothing of the Space the restore took away is left in memory.
    expect((await control('GET', '/faults')).body.data).toEqual([])
    expect((await control('GET', '/requests')).body.data.filter((e: { space_id: number }) => e.space_id === a.id))
      .toEqual([])
    const b = await createSpace()
    expect(b.id).toBe(a.id + 1)
    await expectClean(b)
  })

  it('after a restore that brings older Spaces back, new ids stay above every id ever handed out', async () => {
    const a = await createSpace({ name: 'a' })
    await control('POST', '/snapshots', { name: 'with-a' })
    const b = await createSpace({ name: 'b' })
    await control('DELETE', `/spaces/${a.id}`)
    const c = await createSpace({ name: 'c' })
    await control('POST', '/snapshots/with-a/restore')
    const names = (await control('GET', '/spaces')).body.data.map((s: { id: number, name: string }) => [s.id, s.name])
    expect(names).toEqual([[1, 'Default Space'], [a.id, 'a']])
    const d = await createSpace({ name: 'd' })
    expect(d.id).toBeGreaterThan(c.id)
    expect([a.id, b.id, c.id]).not.toContain(d.id)
    // Keys too: a key id of the Spaces the restore took away is never handed out again.
    const keyIds = [a, b, c].flatMap((s) => s.api_keys.map((k) => k.id))
    expect(keyIds).not.toContain(d.api_keys[0]?.id)
  })

  it('a Space that a restore keeps keeps its journal, faults and clock; its windows start over', async () => {
    const a = await createSpace()
    await control('POST', '/snapshots', { name: 'kept' })
    await dirty(a)
    await control('POST', '/snapshots/kept/restore')
    expect((await control('GET', `/spaces/${a.id}/faults`)).body.data).toHaveLength(1)
    expect((await control('GET', `/spaces/${a.id}/clock`)).body.frozen).toBe(true)
    expect((await control('GET', `/spaces/${a.id}/requests`)).body.data.length).toBeGreaterThan(0)
    await control('DELETE', `/spaces/${a.id}/faults`)
    const res = await cometlyClient(t.app, a.api_key)('POST', '/contacts', { emails: ['again@example.com'] })
    expect(res).toMatchObject({ status: 201, headers: { 'x-ratelimit-remaining': '2' } })
  })

  it('after a reset, an import and a reset-all, new Spaces start clean', async () => {
    const a = await createSpace()
    await dirty(a)
    await control('POST', `/spaces/${a.id}/reset`)
    await expectClean(await createSpace())
    await dirty(a)
    await control('POST', `/spaces/${a.id}/import`, { contacts: [] })
    await expectClean(await createSpace())
    await control('POST', '/reset')
    await expectClean(await createSpace())
  })

  it('the high-water mark survives a restart of a file database', async () => {
    await t.close()
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'cometly-ids-'))
    try {
      const file = join(dir, 'db.sqlite')
      t = await testApp({ database: openDatabase(file) })
      control = controlClient(t.app)
      const a = await createSpace()
      await control('DELETE', `/spaces/${a.id}`)
      await t.close()
      t = await testApp({ database: openDatabase(file) })
      control = controlClient(t.app)
      expect((await createSpace()).id).toBe(a.id + 1)
    } finally {
      await t.close()
      rmSync(dir, { recursive: true, force: true })
    }
    t = await testApp()
  })
})
