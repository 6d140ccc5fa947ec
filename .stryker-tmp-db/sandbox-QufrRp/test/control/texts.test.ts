// @ts-nocheck
// The control plane's error texts, whole: every 4xx it can answer for bad input, with the field it names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.js'
import { controlClient } from '../helpers/control.js'

let t: TestApp
let control: ReturnType<typeof controlClient>
beforeEach(async () => {
  t = await testApp()
  control = controlClient(t.app)
})
afterEach(async () => { await t.close() })

const invalid = (field: string, text: string) => ({ message: text, errors: { [field]: [text] } })

describe('422 texts', () => {
  it.each([
    ['POST', '/spaces', { name: '' }, invalid('name', 'The name field is required.')],
    ['POST', '/spaces', { name: 'x'.repeat(256) },
      invalid('name', 'The name field must not be greater than 255 characters.')],
    ['POST', '/spaces', { time_zone: 'Mars/Olympus' },
      invalid('time_zone', 'The time zone field must be a valid timezone.')],
    ['POST', '/spaces', { api_key: 'short' }, invalid('api_key', 'The api key field must be at least 8 characters.')],
    ['POST', '/spaces', { subscription_active: 'yes' },
      invalid('subscription_active', 'The subscription active field must be true or false.')],
    ['POST', '/spaces', { custom_field_labels: { profile_field_31: 'x' } },
      invalid('custom_field_labels.profile_field_31', 'The custom field labels.profile field 31 field is prohibited.')],
    ['PATCH', '/spaces/1', { custom_field_labels: { profile_field_1: 5 } },
      invalid('custom_field_labels.profile_field_1',
        'The custom field labels.profile field 1 field must be a string.')],
    ['PATCH', '/spaces/1', { rate_limits: { enabled: 'no' } },
      invalid('rate_limits.enabled', 'The rate limits.enabled field must be true or false.')],
    ['POST', '/spaces/1/keys', { scopes: 'contacts' }, invalid('scopes', 'The scopes field must be an array.')],
    ['POST', '/spaces/1/keys', { key: 'x'.repeat(256) },
      invalid('key', 'The key field must not be greater than 255 characters.')],
    ['POST', '/spaces/1/faults', {},
      invalid('status', 'The status field is required when latency ms and drop are not present.')],
    ['POST', '/spaces/1/faults', { status: 503, method: 5 }, invalid('method', 'The method field must be a string.')],
    ['POST', '/spaces/1/faults', { status: 503, drop: 'yes' },
      invalid('drop', 'The drop field must be true or false.')],
    ['POST', '/spaces/1/faults', { status: 503, colour: 'red' }, invalid('colour', 'The colour field is prohibited.')],
    ['POST', '/snapshots', { name: '../x' }, invalid('name', 'The name field format is invalid.')],
    ['POST', '/snapshots', {}, invalid('name', 'The name field is required.')],
    ['POST', '/spaces/1/seed', { contacts: [{ emails: ['nope'] }] },
      invalid('contacts.0.emails.0', 'The contacts.0.emails.0 field must be a valid email address.')],
    ['POST', '/spaces/1/seed', { contacts: [{ emails: ['a@example.com'], created_at: 'yesterday' }] },
      invalid('contacts.0.created_at', 'The contacts.0.created_at field must be a valid date.')],
    ['POST', '/spaces/1/seed', { generate: { count: 0 } },
      invalid('generate.count', 'The generate.count field must be between 1 and 200000.')],
    ['POST', '/spaces/1/import', { contacts: 'all' }, invalid('contacts', 'The contacts field must be an array.')],
    ['POST', '/spaces/1/import', {}, invalid('contacts', 'The contacts field is required.')],
    ['POST', '/spaces/1/requests/count', { status: 'x' }, invalid('status', 'The status field must be an integer.')],
    ['POST', '/clock/set', {}, invalid('to', 'The to field is required.')],
    ['POST', '/clock/set', { to: 'soon' }, invalid('to', 'The to field must be a valid date.')],
    ['POST', '/clock/set', { to: 1.5 }, invalid('to', 'The to field must be a string.')],
    ['POST', '/clock/advance', { ms: 'x' }, invalid('ms', 'The ms field must be an integer.')],
    ['POST', '/spaces/1/clock/freeze', { at: true }, invalid('at', 'The at field must be a string.')]
  ])('%s %s %j', async (method, url, body, expected) => {
    expect(await control(method as 'POST', url, body)).toMatchObject({ status: 422, body: expected })
  })
})

describe('404 and 409 texts', () => {
  it.each([
    ['GET', '/spaces/77', 404, 'Space 77 not found.'],
    ['DELETE', '/spaces/1/keys/77', 404, 'API key 77 not found or already revoked.'],
    ['DELETE', '/spaces/1/faults/77', 404, 'Fault 77 not found.'],
    ['POST', '/snapshots/nope/restore', 404, 'Snapshot "nope" not found.'],
    ['DELETE', '/snapshots/nope', 404, 'Snapshot "nope" not found.'],
    ['POST', '/spaces/77/faults', 404, 'Space 77 not found.'],
    ['GET', '/spaces/77/clock', 404, 'Space 77 not found.'],
    ['GET', '/spaces/77/requests', 404, 'Space 77 not found.'],
    ['POST', '/spaces/77/reset', 404, 'Space 77 not found.']
  ])('%s %s → %i %s', async (method, url, status, message) => {
    const body = method === 'POST' && url.endsWith('/faults') ? { status: 503 } : undefined
    expect(await control(method as 'GET', url, body)).toMatchObject({ status, body: { message } })
  })

  it('a taken name or key is a 409 naming it', async () => {
    expect(await control('POST', '/spaces', { name: 'Default Space' }))
      .toMatchObject({ status: 409, body: { message: 'A Space named "Default Space" already exists.' } })
    expect(await control('POST', '/spaces/1/keys', { key: 'cometly-dev-key' }))
      .toMatchObject({ status: 409, body: { message: 'That API key is already in use.' } })
    const other = await control('POST', '/spaces', { name: 'other' })
    expect(await control('PATCH', `/spaces/${other.body.id as number}`, { name: 'Default Space' }))
      .toMatchObject({ status: 409, body: { message: 'A Space named "Default Space" already exists.' } })
    expect((await control('PATCH', '/spaces/1', { name: 'Default Space' })).status).toBe(200)
  })

  it('two calls at once for one name or one key: one is created, the other is a 409, never a 500', async () => {
    // Through the core: both pass the name check before either writes, so the database's unique index decides.
    const { spaces } = t.app.emulator
    const statuses = async (calls: Array<Promise<unknown>>) => (await Promise.allSettled(calls))
      .map((r) => r.status === 'fulfilled' ? 201 : (r.reason as { statusCode?: number, message: string }))
    expect(await statuses([spaces.create({ name: 'twin' }), spaces.create({ name: 'twin' })]))
      .toEqual([201, expect.objectContaining({ statusCode: 409, message: 'A Space named "twin" already exists.' })])
    expect(await statuses([spaces.addKey(1, { key: 'twin-key-123' }), spaces.addKey(1, { key: 'twin-key-123' })]))
      .toEqual([201, expect.objectContaining({ statusCode: 409, message: 'That API key is already in use.' })])
  })

  it('a body that is not JSON is a 400 that says why', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/_emulator/spaces', payload: '{nope', headers: { 'content-type': 'application/json' }
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^The body is not valid JSON: /)
  })
})
