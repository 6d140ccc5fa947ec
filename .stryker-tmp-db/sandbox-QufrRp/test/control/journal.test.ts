// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp
afterEach(async () => { await t.close() })

describe('request journal', () => {
  it('records a Cometly request whole, with the key redacted', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    await cometlyClient(t.app, DEV_API_KEY)(
      'POST',
      '/contacts?trace=1',
      { emails: ['a@example.com'], extra: true },
      { 'x-request-id': 'req-1' }
    )
    const res = await control('GET', '/spaces/1/requests')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      enabled: true,
      capacity: 1000,
      data: [{
        id: 1,
        space_id: 1,
        time: '2024-01-01T00:00:00.000Z',
        method: 'POST',
        path: '/public-api/v1/contacts',
        route: '/public-api/v1/contacts',
        query: { trace: '1' },
        headers: expect.objectContaining({
          authorization: 'Bearer …-key',
          'x-request-id': 'req-1',
          'content-type': 'application/json'
        }),
        body: { emails: ['a@example.com'], extra: true },
        status: 201,
        response_body: { id: 1, emails: ['a@example.com'], phones: [], names: [], locations: [] },
        duration_ms: expect.any(Number),
        rate_limit: { limit: 60, remaining: 59 },
        fault: null
      }]
    })
    expect(JSON.stringify(res.body)).not.toContain(DEV_API_KEY)
  })

  it('filters, counts by subset, and clears', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    await cometly('POST', '/contacts', {
      emails: ['a@example.com'],
      names: ['Ada'],
      custom_fields: { profile_field_1: 'vip' }
    })
    await cometly('POST', '/contacts', { emails: ['b@example.com'] })
    await cometly('POST', '/contacts', { emails: 'nope' })

    const only422 = await control('GET', '/spaces/1/requests?status=422')
    expect(only422.body.data.map((e: { id: number }) => e.id)).toEqual([3])
    expect((await control('GET', '/spaces/1/requests?since_id=1&limit=1')).body.data.map((e: { id: number }) => e.id))
      .toEqual([3])
    expect((await control('GET', '/spaces/1/requests?method=get')).body.data).toEqual([])

    const count = async (match: object) => (await control('POST', '/spaces/1/requests/count', match)).body
    expect(await count({ method: 'POST', path: '/public-api/v1/contacts' })).toEqual({ count: 3 })
    expect(await count({ body: { custom_fields: { profile_field_1: 'vip' } } })).toEqual({ count: 1 })
    expect(await count({ body: { emails: ['b@example.com'] } })).toEqual({ count: 1 })
    expect(await count({ body: { emails: ['a@example.com', 'x@example.com'] } })).toEqual({ count: 0 })
    expect(await count({ status: 201 })).toEqual({ count: 2 })

    expect((await control('DELETE', '/spaces/1/requests')).status).toBe(204)
    expect(await count({})).toEqual({ count: 0 })
  })

  it('keeps unauthenticated requests apart, and never journals control calls', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    await cometlyClient(t.app, 'wrong-key-1234')('POST', '/contacts', { emails: ['a@example.com'] })
    await control('GET', '/spaces')
    const all = (await control('GET', '/requests')).body.data
    expect(all.map((e: { space_id: number | null, status: number, headers: { authorization: string } }) =>
      [e.space_id, e.status, e.headers.authorization]))
      .toEqual([[null, 401, 'Bearer …1234']])
    expect((await control('GET', '/spaces/1/requests')).body.data).toEqual([])
  })

  it('is a ring: the oldest entries go first', async () => {
    t = await testApp({ config: { journalSize: 2 } })
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    for (const email of ['a', 'b', 'c']) await cometly('POST', '/contacts', { emails: [`${email}@example.com`] })
    const data = (await controlClient(t.app)('GET', '/spaces/1/requests')).body.data
    expect(data.map((e: { body: { emails: string[] } }) => e.body.emails[0]))
      .toEqual(['b@example.com', 'c@example.com'])
  })

  it('can be switched off', async () => {
    t = await testApp({ config: { journalSize: 0 } })
    await cometlyClient(t.app, DEV_API_KEY)('POST', '/contacts', { emails: ['a@example.com'] })
    expect((await controlClient(t.app)('GET', '/spaces/1/requests')).body)
      .toEqual({ data: [], enabled: false, capacity: 0 })
  })
})
