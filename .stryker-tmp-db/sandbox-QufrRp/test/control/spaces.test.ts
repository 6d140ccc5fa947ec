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

const T0 = '2024-01-01T00:00:00.000Z'

describe('Spaces on demand', () => {
  it('creates a Space with a fresh key that authenticates at once', async () => {
    const res = await control('POST', '/spaces', { name: 'worker-1', time_zone: 'Europe/Paris' })
    expect(res.status).toBe(201)
    expect(res.body.api_key).toMatch(/^cem_[\w-]{24}$/)
    expect(res.body).toEqual({
      id: 2,
      name: 'worker-1',
      time_zone: 'Europe/Paris',
      subscription_active: true,
      custom_field_labels: {},
      rate_limits: {},
      contacts: 0,
      created_at: T0,
      api_keys: [{
        id: 2,
        key_hint: `…${(res.body.api_key as string).slice(-4)}`,
        scopes: null,
        created_at: T0,
        revoked_at: null
      }],
      api_key: res.body.api_key
    })
    const created = await cometlyClient(t.app, res.body.api_key)('POST', '/contacts', { emails: ['a@example.com'] })
    expect(created.status).toBe(201)
    expect((await control('GET', '/spaces/2')).body.contacts).toBe(1)
  })

  it('names a Space itself when no name is given, and takes a given key', async () => {
    const res = await control('POST', '/spaces', { api_key: 'my-own-key-123' })
    expect(res.status).toBe(201)
    expect(res.body.name).toMatch(/^space-[0-9a-f]{12}$/)
    expect(res.body.api_key).toBe('my-own-key-123')
  })

  it('lists, reads, changes and deletes Spaces', async () => {
    await control('POST', '/spaces', { name: 'b' })
    const list = await control('GET', '/spaces')
    expect(list.status).toBe(200)
    expect(list.body.data.map((s: { id: number, name: string }) => [s.id, s.name]))
      .toEqual([[1, 'Default Space'], [2, 'b']])

    const changed = await control('PATCH', '/spaces/2', {
      name: 'b2',
      subscription_active: false,
      custom_field_labels: { profile_field_1: 'Plan' },
      rate_limits: { per_minute: { createContact: 2 } }
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({
      id: 2,
      name: 'b2',
      subscription_active: false,
      custom_field_labels: { profile_field_1: 'Plan' },
      rate_limits: { per_minute: { createContact: 2 } }
    })
    expect(t.app.emulator.registry.space(2)?.subscriptionActive).toBe(false)

    expect((await control('DELETE', '/spaces/2')).status).toBe(204)
    expect(await control('GET', '/spaces/2')).toMatchObject({ status: 404, body: { message: 'Space 2 not found.' } })
    await t.app.emulator.purger.idle()
  })

  it('an inactive subscription answers 403 on the Cometly surface', async () => {
    const { body } = await control('POST', '/spaces', { subscription_active: false })
    const res = await cometlyClient(t.app, body.api_key)('POST', '/contacts', { emails: ['a@example.com'] })
    expect(res).toMatchObject({ status: 403, body: { message: 'Your Cometly subscription is inactive.' } })
  })

  it('a deleted Space\'s key no longer authenticates', async () => {
    const { body } = await control('POST', '/spaces', {})
    await control('DELETE', `/spaces/${body.id as number}`)
    const res = await cometlyClient(t.app, body.api_key)('POST', '/contacts', { emails: ['a@example.com'] })
    expect(res).toMatchObject({ status: 401, body: { message: 'Unauthenticated.' } })
  })

  it('adds and revokes keys, scoped or not', async () => {
    const added = await control('POST', '/spaces/1/keys', { key: 'second-key-abcd', scopes: ['companies'] })
    expect(added.status).toBe(201)
    expect(added.body).toEqual({
      id: 2,
      key: 'second-key-abcd',
      key_hint: '…abcd',
      scopes: ['companies'],
      created_at: T0,
      revoked_at: null
    })
    const scoped = await cometlyClient(t.app, 'second-key-abcd')('POST', '/contacts', { emails: ['a@example.com'] })
    expect(scoped).toMatchObject({
      status: 403,
      body: { message: 'This API key does not have permission to access this resource.' }
    })

    expect((await control('DELETE', '/spaces/1/keys/2')).status).toBe(204)
    expect((await cometlyClient(t.app, 'second-key-abcd')('POST', '/contacts', { emails: ['a@example.com'] })).status)
      .toBe(401)
    expect(await control('DELETE', '/spaces/1/keys/2'))
      .toMatchObject({ status: 404, body: { message: 'API key 2 not found or already revoked.' } })
    expect((await control('GET', '/spaces/1')).body.api_keys[1]).toMatchObject({ id: 2, revoked_at: T0 })
    // The Default Space's own key still works.
    expect((await cometlyClient(t.app, DEV_API_KEY)('POST', '/contacts', { emails: ['a@example.com'] })).status)
      .toBe(201)
  })

  it.each([
    [{ name: '' }, { name: ['The name field is required.'] }],
    [{ time_zone: 'Mars/Olympus' }, { time_zone: ['The time zone field must be a valid timezone.'] }],
    [{ custom_field_labels: { profile_field_99: 'x' } },
      { 'custom_field_labels.profile_field_99': ['The custom field labels.profile field 99 field is prohibited.'] }],
    [{ rate_limits: { per_minute: { nope: 1 } } },
      { 'rate_limits.per_minute.nope': ['The rate limits.per minute.nope field is prohibited.'] }],
    [{ colour: 'red' }, { colour: ['The colour field is prohibited.'] }]
  ])('refuses bad settings %j with 422', async (body, errors) => {
    const res = await control('POST', '/spaces', body)
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual(errors)
  })

  it('refuses a taken name or key with 409', async () => {
    expect(await control('POST', '/spaces', { name: 'Default Space' }))
      .toMatchObject({ status: 409, body: { message: 'A Space named "Default Space" already exists.' } })
    expect(await control('POST', '/spaces', { api_key: DEV_API_KEY }))
      .toMatchObject({ status: 409, body: { message: 'That API key is already in use.' } })
  })

  it('a Space\'s own rate limits override the global ones', async () => {
    const { body } = await control('POST', '/spaces', { rate_limits: { per_minute: { createContact: 2 } } })
    const cometly = cometlyClient(t.app, body.api_key)
    const statuses = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await cometly('POST', '/contacts', { emails: ['a@example.com'] })).status)
    }
    expect(statuses).toEqual([201, 201, 429])
    // The Default Space keeps Cometly's 60.
    const res = await cometlyClient(t.app, DEV_API_KEY)('POST', '/contacts', { emails: ['a@example.com'] })
    expect(res.headers['x-ratelimit-limit']).toBe('60')

    await control('PATCH', `/spaces/${body.id as number}`, { rate_limits: { enabled: false } })
    const off = await cometly('POST', '/contacts', { emails: ['a@example.com'] })
    expect(off.status).toBe(201)
    expect(off.headers['x-ratelimit-limit']).toBeUndefined()
  })

  it('two Spaces never see each other\'s data, journal or faults', async () => {
    const a = (await control('POST', '/spaces', { name: 'a' })).body
    const b = (await control('POST', '/spaces', { name: 'b' })).body
    await control('POST', `/spaces/${a.id as number}/faults`, { status: 500 })
    expect((await cometlyClient(t.app, a.api_key)('POST', '/contacts', { emails: ['a@example.com'] })).status).toBe(500)
    const made = await cometlyClient(t.app, b.api_key)('POST', '/contacts', { emails: ['b@example.com'] })
    expect(made.status).toBe(201)
    expect((await control('GET', `/spaces/${a.id as number}`)).body.contacts).toBe(0)
    expect((await control('GET', `/spaces/${b.id as number}`)).body.contacts).toBe(1)
    const journalA = (await control('GET', `/spaces/${a.id as number}/requests`)).body.data
    const journalB = (await control('GET', `/spaces/${b.id as number}/requests`)).body.data
    expect(journalA.map((e: { status: number, space_id: number }) => [e.space_id, e.status])).toEqual([[a.id, 500]])
    expect(journalB.map((e: { status: number, space_id: number }) => [e.space_id, e.status])).toEqual([[b.id, 201]])
    expect((await control('GET', `/spaces/${b.id as number}/faults`)).body.data).toEqual([])
  })
})
