// The inspector's page and the control routes it reads, through app.inject(). What the page does with them in
// a browser is test/control/inspector-ui.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { RATE_LIMITS } from '../../src/wire/rate-limits.js'
import { START, testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp
afterEach(async () => { await t?.close() })

async function page (app: TestApp['app'], headers: Record<string, string> = {}) {
  const html = await app.inject({ method: 'GET', url: '/_emulator/ui', headers })
  const [, script] = /src="(\/_emulator\/ui\/assets\/app-[0-9a-f]{12}\.js)"/.exec(html.body) ?? []
  const [, style] = /href="(\/_emulator\/ui\/assets\/app-[0-9a-f]{12}\.css)"/.exec(html.body) ?? []
  return { html, script, style }
}

describe('the page at /_emulator/ui', () => {
  it('is HTML that is never cached, naming hashed files that are cached for good', async () => {
    t = await testApp()
    const { html, script, style } = await page(t.app)
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.headers['cache-control']).toBe('no-cache')
    // Nothing from elsewhere: scripts, styles and connections only to this emulator.
    expect(html.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; " +
      "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    expect(html.body).not.toMatch(/https?:\/\//)
    expect(script).toBeDefined()
    expect(style).toBeDefined()

    const js = await t.app.inject({ method: 'GET', url: script! })
    expect(js.statusCode).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(js.headers['content-encoding']).toBeUndefined()
    expect(js.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
    const css = await t.app.inject({ method: 'GET', url: style!, headers: { 'accept-encoding': 'gzip, br' } })
    expect(css.statusCode).toBe(200)
    expect(css.headers).toMatchObject({
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-encoding': 'gzip',
      vary: 'accept-encoding'
    })
  })

  it('answers an unknown or outdated asset name with the usual 404', async () => {
    t = await testApp()
    const res = await t.app.inject({ method: 'GET', url: '/_emulator/ui/assets/app-000000000000.js' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ message: 'The route _emulator/ui/assets/app-000000000000.js could not be found.' })
  })

  it('does not exist with the control plane off', async () => {
    t = await testApp({ config: { controlPlane: false } })
    const { html } = await page(t.app)
    expect(html.statusCode).toBe(404)
    expect(html.json()).toEqual({ message: 'The route _emulator/ui could not be found.' })
  })

  it('is served without the admin token, while everything it reads needs it', async () => {
    t = await testApp({ config: { adminToken: 'admin-secret-1' } })
    const { html, script } = await page(t.app)
    expect(html.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: script! })).statusCode).toBe(200)
    for (const url of ['/requests/summaries', '/requests/1', '/requests/stream', '/spaces/1/rate-limits',
      '/spaces/1/contacts', '/spaces/1/contacts/1', '/spaces/1/companies', '/spaces/1/events']) {
      const refused = await controlClient(t.app)('GET', url)
      expect(refused, url).toMatchObject({
        status: 401,
        body: { message: 'This control call needs the admin token (Authorization: Bearer <token>).' }
      })
    }
    expect((await controlClient(t.app, 'admin-secret-1')('GET', '/requests/summaries')).status).toBe(200)
  })
})

describe('journal summaries and entries', () => {
  async function traffic (): Promise<void> {
    const control = controlClient(t.app)
    await control('POST', '/spaces', { name: 'other', api_key: 'other-space-key' })
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    await cometly('POST', '/contacts', { emails: ['a@example.com'], extra: 1 })
    await cometly('POST', '/contacts', { emails: ['not-an-email'] })
    await cometly('GET', '/contacts/1')
    await cometlyClient(t.app, 'other-space-key')('GET', '/contacts/1')
    await cometlyClient(t.app, 'wrong-key-12345')('GET', '/contacts/1')
  }

  it('lists the newest summaries with the answer\'s warning, filtered by Space, status class and route', async () => {
    t = await testApp()
    await traffic()
    const control = controlClient(t.app)
    const all = await control('GET', '/requests/summaries')
    expect(all.status).toBe(200)
    expect(all.body).toEqual({
      enabled: true,
      capacity: 1000,
      data: [
        {
          id: 1,
          space_id: 1,
          time: START,
          method: 'POST',
          path: '/public-api/v1/contacts',
          route: '/public-api/v1/contacts',
          status: 201,
          duration_ms: expect.any(Number),
          rate_limit: { limit: 60, remaining: 59 },
          fault: null,
          warning: 'ignored unknown fields: "extra"'
        },
        expect.objectContaining({ id: 2, status: 422, warning: null }),
        expect.objectContaining({ id: 3, space_id: 1, status: 200, route: '/public-api/v1/contacts/:id' }),
        expect.objectContaining({ id: 4, space_id: 2, status: 404 }),
        expect.objectContaining({ id: 5, space_id: null, status: 401, rate_limit: null })
      ]
    })
    const ids = async (query: string): Promise<number[]> =>
      (await control('GET', `/requests/summaries?${query}`)).body.data.map((s: { id: number }) => s.id)
    expect(await ids('space_id=1')).toEqual([1, 2, 3])
    expect(await ids('space_id=2')).toEqual([4])
    expect(await ids('space_id=0')).toEqual([5])
    expect(await ids('status_class=4')).toEqual([2, 4, 5])
    expect(await ids('status_class=2&space_id=1')).toEqual([1, 3])
    expect(await ids('route=/public-api/v1/contacts/:id')).toEqual([3, 4, 5])
    expect(await ids('limit=2')).toEqual([4, 5])
    expect(await ids('before_id=4&limit=2')).toEqual([2, 3])
    expect(await ids('since_id=3')).toEqual([4, 5])
    expect((await control('GET', '/requests/summaries?limit=1001')).status).toBe(422)
    expect((await control('GET', '/requests/summaries?status_class=6')).status).toBe(422)
  })

  it('reads one entry whole, the answer\'s headers included, and 404s an unknown id', async () => {
    t = await testApp()
    await traffic()
    const control = controlClient(t.app)
    const entry = await control('GET', '/requests/2')
    expect(entry.status).toBe(200)
    expect(entry.body).toEqual({
      id: 2,
      space_id: 1,
      time: START,
      method: 'POST',
      path: '/public-api/v1/contacts',
      route: '/public-api/v1/contacts',
      query: {},
      headers: expect.objectContaining({ authorization: 'Bearer …-key' }),
      body: { emails: ['not-an-email'] },
      status: 422,
      response_headers: {
        'content-length': expect.any(String),
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '58',
        'x-request-id': entry.body.response_headers['x-request-id']
      },
      response_body: {
        message: 'The emails.0 field must be a valid email address.',
        errors: { 'emails.0': ['The emails.0 field must be a valid email address.'] }
      },
      duration_ms: expect.any(Number),
      rate_limit: { limit: 60, remaining: 58 },
      fault: null
    })
    expect(entry.body.response_headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(await control('GET', '/requests/99')).toEqual({
      status: 404,
      headers: expect.anything(),
      body: { message: 'Journal entry 99 not found (never recorded, or dropped from its ring).' }
    })
  })
})

describe('rate-limit gauges', () => {
  it('show used of limit and the reset on the Space\'s clock, without spending budget', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    for (let i = 0; i < 3; i++) await cometly('POST', '/contacts', { emails: [`g${i}@example.com`] })
    t.clock.advance(15_000)
    await cometly('GET', '/contacts/1')

    const gauges = async () => (await control('GET', '/spaces/1/rate-limits')).body
    const first = await gauges()
    expect(first.now).toBe('2024-01-01T00:00:15.000Z')
    expect(first.data).toHaveLength(Object.keys(RATE_LIMITS).length)
    expect(first.data.slice(0, 3)).toEqual([
      { endpoint: 'createContact', limit: 60, used: 3, remaining: 57, resets_in_ms: 45_000, window_ms: 60_000 },
      { endpoint: 'getContact', limit: 30, used: 1, remaining: 29, resets_in_ms: 60_000, window_ms: 60_000 },
      { endpoint: 'listContacts', limit: 15, used: 0, remaining: 15, resets_in_ms: null, window_ms: 60_000 }
    ])
    // Reading them twice counts nothing.
    expect((await gauges()).data[0].used).toBe(3)

    // The virtual clock moves them: the create window ends 60 s after its first request.
    await control('POST', '/clock/advance', { ms: 45_000 })
    expect((await gauges()).data.slice(0, 2)).toEqual([
      { endpoint: 'createContact', limit: 60, used: 0, remaining: 60, resets_in_ms: null, window_ms: 60_000 },
      { endpoint: 'getContact', limit: 30, used: 1, remaining: 29, resets_in_ms: 15_000, window_ms: 60_000 }
    ])

    // A Space's own limits: off means no limit, a number per endpoint wins.
    await control('PATCH', '/spaces/1', { rate_limits: { per_minute: { getContact: 100 } } })
    expect((await gauges()).data[1]).toMatchObject({ endpoint: 'getContact', limit: 100, remaining: 99 })
    await control('PATCH', '/spaces/1', { rate_limits: { enabled: false } })
    expect((await gauges()).data[1]).toMatchObject({ limit: null, remaining: null, used: 1 })
    expect((await control('GET', '/spaces/9/rate-limits')).body).toEqual({ message: 'Space 9 not found.' })
  })
})

describe('contact browsing', () => {
  const seed = {
    contacts: [
      {
        emails: ['ada@example.com', 'ada.work@corp.example'],
        names: ['Ada Lovelace'],
        phones: ['+15550001'],
        locations: ['London'],
        custom_fields: { profile_field_1: 'vip', profile_field_16: '500', profile_field_26: '2024-02-03' },
        created_at: '2024-01-01T00:00:00Z',
        comet_tokens: [{ token: 'ct_ada' }],
        conversions: [{ event_name: 'purchase', event_time: '2024-01-02T00:00:00Z', amount: 99 }],
        touchpoints: [{ source: 'direct', event_time: '2024-01-01T18:00:00Z', url: 'https://example.com/' }],
        browsing_session_hits: [{ event_url: 'https://example.com/pricing', event_time: '2024-01-01T12:00:00Z' }]
      },
      { emails: ['grace@example.com'], names: ['Grace Hopper'], created_at: '2024-01-02T00:00:00Z' },
      { emails: ['alan@example.com'], names: ['Alan Turing'], created_at: '2024-01-03T00:00:00Z' }
    ]
  }

  it('pages newest first on the keyset, and searches emails and names in any case', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    expect((await control('POST', '/spaces/1/seed', seed)).status).toBe(201)
    const page1 = await control('GET', '/spaces/1/contacts?limit=2')
    expect(page1.body).toEqual({
      data: [
        {
          id: 3,
          email: 'alan@example.com',
          name: 'Alan Turing',
          phone: null,
          location: null,
          created_at: '2024-01-03T00:00:00.000Z'
        },
        expect.objectContaining({ id: 2, email: 'grace@example.com' })
      ],
      next_before: 2
    })
    const page2 = await control('GET', '/spaces/1/contacts?limit=2&before=2')
    expect(page2.body).toEqual({ data: [expect.objectContaining({ id: 1 })], next_before: null })

    const search = async (q: string): Promise<number[]> =>
      (await control('GET', `/spaces/1/contacts?q=${encodeURIComponent(q)}`)).body.data.map((c: { id: number }) => c.id)
    expect(await search('HOPPER')).toEqual([2])
    // Any email, not only the primary one.
    expect(await search('corp.example')).toEqual([1])
    expect(await search('example.com')).toEqual([3, 2, 1])
    // LIKE's wildcards are plain characters here.
    expect(await search('%')).toEqual([])
    expect(await search('a_a')).toEqual([])
    expect((await control('GET', `/spaces/1/contacts?q=${'x'.repeat(256)}`)).status).toBe(422)
    expect((await control('GET', '/spaces/1/contacts?limit=201')).status).toBe(422)
  })

  it('reads one contact with its labels, activity and collections, only in its own Space', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    await control('POST', '/spaces/1/seed', seed)
    await control('PATCH', '/spaces/1', { custom_field_labels: { profile_field_1: 'Plan', profile_field_16: 'LTV' } })
    const res = await control('GET', '/spaces/1/contacts/1')
    expect(res.status).toBe(200)
    const { custom_fields: fields, ...rest } = res.body
    expect(rest).toEqual({
      id: 1,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-01-01T00:00:00.000Z',
      emails: ['ada@example.com', 'ada.work@corp.example'],
      phones: ['+15550001'],
      names: ['Ada Lovelace'],
      locations: ['London'],
      comet_tokens: [{ token: 'ct_ada', created_at: '2024-01-01T00:00:00.000Z' }],
      // Direct touchpoints too: the inspector shows all that is stored.
      events: [
        {
          kind: 'conversion',
          event_name: 'purchase',
          event_time: '2024-01-02T00:00:00.000Z',
          source: null,
          amount: 99
        },
        {
          kind: 'touchpoint',
          event_name: null,
          event_time: '2024-01-01T18:00:00.000Z',
          source: 'direct',
          amount: null
        }
      ],
      browsing_session_hits: [{
        event_url: 'https://example.com/pricing',
        referrer_host: null,
        source: null,
        event_name: null,
        event_time: '2024-01-01T12:00:00.000Z'
      }]
    })
    expect(fields).toHaveLength(30)
    expect(fields.filter((f: { value: unknown, label: unknown }) => f.value !== null || f.label !== null)).toEqual([
      { slot: 'profile_field_1', kind: 'text', label: 'Plan', value: 'vip' },
      { slot: 'profile_field_16', kind: 'number', label: 'LTV', value: 500 },
      { slot: 'profile_field_26', kind: 'date', label: null, value: '2024-02-03 00:00:00' }
    ])

    const other = await control('POST', '/spaces', { name: 'other' })
    expect((await control('GET', `/spaces/${other.body.id}/contacts/1`)).body)
      .toEqual({ message: 'Contact 1 not found.' })
    expect((await control('GET', `/spaces/${other.body.id}/contacts`)).body).toEqual({ data: [], next_before: null })
    // A reset empties the view at once.
    await control('POST', '/spaces/1/reset')
    expect((await control('GET', '/spaces/1/contacts')).body).toEqual({ data: [], next_before: null })
    expect((await control('GET', '/spaces/1/contacts/1')).status).toBe(404)
  })
})
