// Contact and export ids are one sequence each for the whole emulator, never handed out twice: not after a reset
// or delete has purged the newest rows, not after a restore took them away. (The model-based test found a tracked
// event's new contact taking the id of a contact a reset had purged.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.js'
import { controlClient } from '../helpers/control.js'

let t: TestApp
let control: ReturnType<typeof controlClient>
beforeEach(async () => {
  t = await testApp({ config: { rateLimits: false, exportQueuedMs: 0, exportProcessingMs: 0 } })
  control = controlClient(t.app)
})
afterEach(async () => { await t.close() })

async function createContact (email: string): Promise<number> {
  const res = await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: { emails: [email] } })
  expect(res.statusCode).toBe(201)
  return res.json().id as number
}

async function createExport (): Promise<number> {
  const res = await t.request({
    method: 'POST',
    url: '/public-api/v1/contacts/exports',
    payload: { start_date: '2000-01-01 00:00:00', end_date: '2100-01-01 00:00:00' }
  })
  expect(res.statusCode).toBe(202)
  return res.json().export_id as number
}

describe('contact and export ids are never handed out twice', () => {
  it('after a reset purged the newest ones', async () => {
    const contact = await createContact('a@example.com')
    const job = await createExport()
    await t.app.emulator.exports.idle()
    expect((await control('POST', '/spaces/1/reset')).status).toBe(200)
    await t.app.emulator.purger.idle()
    expect(await createContact('b@example.com')).toBe(contact + 1)
    expect(await createExport()).toBe(job + 1)
  })

  it('after a delete purged them, in another Space', async () => {
    const space = (await control('POST', '/spaces', { api_key: 'other-space-key' })).body as { id: number }
    const res = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['x@example.com'] },
      headers: { authorization: 'Bearer other-space-key' }
    })
    const contact = res.json().id as number
    expect((await control('DELETE', `/spaces/${space.id}`)).status).toBe(204)
    await t.app.emulator.purger.idle()
    expect(await createContact('b@example.com')).toBe(contact + 1)
  })

  it('after a restore took the newest ones away', async () => {
    await createContact('a@example.com')
    await control('POST', '/snapshots', { name: 'ids' })
    const contact = await createContact('b@example.com')
    const job = await createExport()
    await t.app.emulator.exports.idle()
    expect((await control('POST', '/snapshots/ids/restore')).status).toBe(200)
    expect(await createContact('c@example.com')).toBe(contact + 1)
    expect(await createExport()).toBe(job + 1)
  })

  it('for a tracked event\'s new contact too', async () => {
    const contact = await createContact('a@example.com')
    await control('POST', '/spaces/1/reset')
    await t.app.emulator.purger.idle()
    const res = await t.request({
      method: 'POST', url: '/public-api/v1/events/track', payload: { event_name: 'purchase', email: 'n@acme.example' }
    })
    expect(res.statusCode).toBe(202)
    expect((await control('POST', '/spaces/1/events/drain')).body).toEqual({ processed: 1 })
    const list = await t.request({
      method: 'GET', url: '/public-api/v1/contacts?start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00'
    })
    expect(list.json().data.map((row: { id: number }) => row.id)).toEqual([contact + 1])
  })
})
