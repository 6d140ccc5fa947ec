// POST /events/track and the older POST /events (Decisions D35 to D41, D52): validation, the asynchronous queue,
// which contact an event lands on, touchpoints, duplicates, and what the contact then shows.
import { afterEach, describe, expect, it } from 'vitest'
import { controlClient } from '../../helpers/control.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const TRACK = '/public-api/v1/events/track'
const ACCEPTED = { status: 202, message: 'Event accepted and queued for processing' }

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (config: object = {}): Promise<void> {
  t = await testApp({ config: { eventDelayMs: 1000, spaces: [{ name: 'Other', api_keys: ['other-key'] }], ...config } })
}

const track = async (body: object, headers: Record<string, string> = {}, url = TRACK) =>
  await t.request({ method: 'POST', url, payload: body, headers })
const drain = async (): Promise<number> => (await controlClient(t.app)('POST', '/events/drain')).body.processed
const journey = async (id: number) =>
  (await t.request({ method: 'GET', url: `/public-api/v1/contacts/${id}?include_events=1&hide_direct_touchpoints=0` }))
    .json()
const count = (table: string): number =>
  (t.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n

describe('POST /events/track: validation (Decision D36)', () => {
  it.each([
    [{}, {
      event_name: ['The event name field is required.'],
      email: ['The email field is required when none of comet token / fingerprint are present.']
    }],
    [{
      event_name: 'upsell_purchase',
      email: 'a@example.com'
    }, { event_name: ['The selected event name is invalid.'] }],
    [{
      event_name: 'custom_event_51',
      email: 'a@example.com'
    }, { event_name: ['The selected event name is invalid.'] }],
    [{ event_name: 'Purchase', email: 'a@example.com' }, { event_name: ['The selected event name is invalid.'] }],
    [{ event_name: 'purchase', ip: '203.0.113.9' }, {
      email: ['The email field is required when none of comet token / fingerprint are present.'],
      fingerprint: ['The fingerprint field is required when ip is present.']
    }],
    [{ event_name: 'purchase', fingerprint: 'fp' }, { ip: ['The ip field is required when fingerprint is present.'] }],
    [{ event_name: 'purchase', email: 'not-an-email' }, { email: ['The email field must be a valid email address.'] }],
    [{ event_name: 'purchase', email: `${'a'.repeat(250)}@x.com` },
      { email: ['The email field must not be greater than 255 characters.'] }],
    [{
      event_name: 'purchase',
      email: 'a@example.com',
      amount: 'ten'
    }, { amount: ['The amount field must be a number.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', amount: 1e308 },
      { amount: ['The amount field must be between -1000000000000 and 1000000000000.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', is_upsell: 'yes' },
      { is_upsell: ['The is upsell field must be true or false.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', do_not_capi: 'true' },
      { do_not_capi: ['The do not capi field must be true or false.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', event_time: 1_700_000_000_000 },
      { event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', event_time: 'yesterday' },
      { event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', event_time: '2024-02-30T10:00:00Z' },
      { event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.'] }],
    // An offset must not carry the instant outside 1970 to the end of 9999: no list range or export reads it.
    [{ event_name: 'purchase', email: 'a@example.com', event_time: '9999-12-31T23:59:59-14:00' },
      { event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', event_time: '1970-01-01T00:00:00+01:00' },
      { event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', url: `https://x.example/${'a'.repeat(2031)}` },
      { url: ['The url field must not be greater than 2048 characters.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', full_name: '😀'.repeat(256) },
      { full_name: ['The full name field must not be greater than 255 characters.'] }],
    [{
      event_name: 'purchase',
      email: 'a@example.com',
      order_id: 42
    }, { order_id: ['The order id field must be a string.'] }],
    [{ event_name: 'purchase', email: 'a@example.com', idempotency_key: ['k'] },
      { idempotency_key: ['The idempotency key field must be a string.'] }]
  ])('422 for %j, and nothing is queued', async (body, errors) => {
    await setup()
    const res = await track(body)
    expect(res.statusCode).toBe(422)
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.json()).toEqual({ message: expect.stringContaining(Object.values(errors)[0]?.[0] as string), errors })
    expect(count('event_queue')).toBe(0)
  })

  it.each([
    [{ email: 'a@example.com' }],
    [{ comet_token: 'ct-1' }],
    [{ fingerprint: 'fp-1', ip: '203.0.113.9' }],
    [{ email: 'a@example.com', event_time: '2024-01-15T10:23:45Z', amount: '99.5', is_upsell: 1, do_not_capi: '0' }],
    [{ email: 'a@example.com', event_time: 1_705_314_225, event_name: 'custom_event_50' }],
    [{ email: 'a@example.com', event_time: '1705314225', currency: 'USD', profile_field_1: 'x' }],
    [{ email: 'a@example.com', event_time: '9999-12-31T23:59:59.999Z' }],
    [{ email: 'a@example.com', event_time: '9999-12-31T23:59:59+14:00' }],
    [{ email: 'a@example.com', event_time: '1970-01-01T00:00:00-01:00' }],
    [{ email: 'a@example.com', event_time: 0 }],
    // Characters, as Laravel's max counts them (mb_strlen): 255 emoji are 510 UTF-16 units, and within the bound.
    [{ email: 'a@example.com', full_name: '😀'.repeat(255), order_id: 'é'.repeat(255) }],
    [{ email: 'a@example.com', url: `https://x.example/${'😀'.repeat(2030)}` }]
  ])('202 for %j', async (fields) => {
    await setup()
    const res = await track({ event_name: 'purchase', ...fields })
    expect(res.statusCode).toBe(202)
    expect(res.json()).toEqual(ACCEPTED)
    expect(count('event_queue')).toBe(1)
  })

  it('names ignored keys in X-Emulator-Warning (Decision D8)', async () => {
    await setup()
    const res = await track({ event_name: 'purchase', email: 'a@example.com', currency: 'USD' })
    expect(res.headers['x-emulator-warning']).toBe('ignored unknown fields: "currency"')
  })
})

describe('processing (Decision D37)', () => {
  it('shows nothing at the 202; applies the event once the clock reaches acceptance plus the delay', async () => {
    await setup()
    t.clock.set('2024-03-01T10:00:00Z')
    expect((await track({ event_name: 'purchase', email: 'new@acme.example', amount: 20 })).statusCode).toBe(202)
    expect(count('contacts')).toBe(0)
    await t.app.emulator.events.run(false)
    expect(count('contacts')).toBe(0)
    t.clock.advance(999)
    await t.app.emulator.events.run(false)
    expect(count('contacts')).toBe(0)
    t.clock.advance(1)
    await t.app.emulator.events.run(false)
    expect(count('contacts')).toBe(1)
    expect(count('event_queue')).toBe(0)
  })

  it('with no delay, applies before the 202 is written', async () => {
    await setup({ eventDelayMs: 0 })
    await track({ event_name: 'purchase', email: 'a@example.com' })
    expect(count('events')).toBe(1)
  })

  it('the control plane drains every queue, or one Space\'s', async () => {
    await setup()
    await track({ event_name: 'purchase', email: 'a@example.com' })
    await track({ event_name: 'purchase', email: 'b@example.com' }, { authorization: 'Bearer other-key' })
    const control = controlClient(t.app)
    expect(await control('POST', '/spaces/2/events/drain')).toMatchObject({ status: 200, body: { processed: 1 } })
    expect(await control('POST', '/events/drain')).toMatchObject({ status: 200, body: { processed: 1 } })
    expect(await control('POST', '/events/drain')).toMatchObject({ status: 200, body: { processed: 0 } })
    expect(await control('POST', '/spaces/99/events/drain')).toMatchObject({ status: 404 })
  })

  it('a reset drops a Space\'s queued events; a Space export carries its applied events', async () => {
    await setup()
    await track({ event_name: 'purchase', email: 'a@example.com' })
    await controlClient(t.app)('POST', '/spaces/1/reset')
    expect(await drain()).toBe(0)
    await track({ event_name: 'purchase', email: 'a@example.com', tracking_id: 'trk-1', amount: 5 })
    await drain()
    const exported = (await controlClient(t.app)('GET', '/spaces/1/export')).body
    expect(exported.contacts[0]).toMatchObject({
      emails: ['a@example.com'],
      tracking_ids: ['trk-1'],
      conversions: [{ event_name: 'purchase', amount: 5, is_upsell: false, order_id: null, url: null }]
    })
  })
})

describe('which contact (Decision D38)', () => {
  it('makes a contact when none matches, with the event\'s email, phone and name, linked to its company', async () => {
    await setup()
    t.clock.set('2024-03-01T10:00:00Z')
    await track({
      event_name: 'lead_generated',
      email: 'ada@acme.example',
      phone: '+1 555 0100',
      first_name: 'Ada',
      last_name: 'Lovelace'
    })
    t.clock.advance(1500)
    await drain()
    const contact = (await t.request({ method: 'GET', url: '/public-api/v1/contacts/1' })).json()
    expect(contact).toMatchObject({
      id: 1,
      emails: ['ada@acme.example'],
      phones: ['+1 555 0100'],
      names: ['Ada Lovelace']
    })
    expect(t.database.sqlite.prepare('select created_at, company_id from contacts').get())
      .toEqual({ created_at: Date.parse('2024-03-01T10:00:01.500Z'), company_id: 1 })
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies/1' })).json())
      .toEqual({ id: 1, domain: 'acme.example', name: 'acme.example' })
  })

  it('matches by tracking id, then comet token, then the oldest email holder, then fingerprint + ip', async () => {
    await setup({ eventDelayMs: 0 })
    const create = async (emails: string[]) =>
      (await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: { emails } })).json().id as number
    const older = await create(['shared@example.com'])
    t.clock.advance(1000)
    await create(['SHARED@example.com'])
    const byToken = await create(['token@example.com'])
    const byTracking = await create(['tracking@example.com'])
    const conversions = t.database.sqlite
      .prepare('select contact_id from events where kind = \'conversion\' order by id')
    const owners = () => (conversions.all() as Array<{ contact_id: number }>).map((row) => row.contact_id)

    // Bind a token and a tracking id to their contacts (the first binding wins).
    await track({ event_name: 'view_content', email: 'token@example.com', comet_token: 'ct-9' })
    await track({ event_name: 'view_content', email: 'tracking@example.com', tracking_id: 'trk-9' })
    await track({ event_name: 'view_content', email: 'shared@example.com', fingerprint: 'fp-9', ip: '203.0.113.9' })
    expect(owners()).toEqual([byToken, byTracking, older])

    // tracking_id beats comet_token beats email beats fingerprint + ip.
    await track({ event_name: 'purchase', tracking_id: 'trk-9', comet_token: 'ct-9', email: 'shared@example.com' })
    await track({ event_name: 'purchase', comet_token: 'ct-9', email: 'shared@example.com' })
    await track({ event_name: 'purchase', email: 'Shared@Example.com', fingerprint: 'fp-9', ip: '203.0.113.9' })
    await track({ event_name: 'purchase', fingerprint: 'fp-9', ip: '203.0.113.9' })
    expect(owners().slice(3)).toEqual([byTracking, byToken, older, older])
    // A second tracking id for the same token's contact does not move the token.
    await track({ event_name: 'purchase', comet_token: 'ct-9', tracking_id: 'trk-10' })
    expect(t.database.sqlite.prepare('select contact_id from comet_tokens where token = ?').all('ct-9'))
      .toEqual([{ contact_id: byToken }])
    expect(count('contacts')).toBe(4)
  })

  it('a matched contact gains the email, phone and name it lacks as newest items; its primaries stay', async () => {
    await setup({ eventDelayMs: 0 })
    await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'], names: ['A'] }
    })
    t.clock.advance(1000)
    await track({
      event_name: 'purchase',
      email: 'A@EXAMPLE.com',
      comet_token: 'ct-1',
      phone: '+1 555',
      full_name: 'Ada'
    })
    t.clock.advance(1000)
    await track({ event_name: 'purchase', comet_token: 'ct-1', email: 'second@example.com' })
    const contact = (await t.request({ method: 'GET', url: '/public-api/v1/contacts/1' })).json()
    expect(contact).toMatchObject({
      emails: ['second@example.com', 'a@example.com'],
      phones: ['+1 555'],
      names: ['Ada', 'A']
    })
    expect(t.database.sqlite.prepare('select email, phone, name from contacts').get())
      .toEqual({ email: 'a@example.com', phone: '+1 555', name: 'A' })
  })

  it('a gained item comes first even when the clock has not moved since the create, or was moved back', async () => {
    // The model-based test's shrunk case: names [' '] created, then 'Ada' gained in the same millisecond
    // (a drain): GET showed [' ', 'Ada'], as if the create were the later write (Decision D17).
    await setup({ eventDelayMs: 0 })
    await t.request({
      method: 'POST', url: '/public-api/v1/contacts', payload: { emails: ['a@example.com'], names: [' '] }
    })
    await track({ event_name: 'purchase', email: 'a@example.com', full_name: 'Ada' })
    t.clock.advance(-60_000)
    await track({ event_name: 'purchase', email: 'a@example.com', full_name: 'Émile' })
    const contact = (await t.request({ method: 'GET', url: '/public-api/v1/contacts/1' })).json()
    expect(contact.names).toEqual(['Émile', 'Ada', ' '])
    expect(t.database.sqlite.prepare('select name from contacts').get()).toEqual({ name: ' ' })
  })
})

describe('touchpoints, duplicates and the journey (Decisions D39 to D41, D20)', () => {
  it('attribution fields make a touchpoint just before the conversion; the journey shows both', async () => {
    await setup({ eventDelayMs: 0 })
    await track({
      event_name: 'purchase',
      email: 'a@example.com',
      event_time: '2024-01-15T10:23:45.678Z',
      url: 'https://shop.example/thanks',
      amount: 49.9,
      order_id: 'o-1',
      order_name: '#1001',
      is_upsell: true,
      comet_source: 'Google',
      comet_type: 'Organic',
      comet_campaign: 'Spring',
      comet_ad_group: 'Group',
      comet_ad_id: 'ad-7',
      comet_keyword: 'shoes',
      checkout_token: 'chk',
      user_agent: 'UA'
    })
    expect((await journey(1)).events).toEqual([
      {
        type: 'conversion',
        id: 2,
        event_name: 'purchase',
        configured_name: 'purchase',
        amount: 49.9,
        is_upsell: true,
        order_id: 'o-1',
        order_name: '#1001',
        event_url: 'https://shop.example/thanks',
        event_time_utc: '2024-01-15T10:23:45Z'
      },
      {
        type: 'touchpoint',
        id: 1,
        source: 'google_organic',
        event_url: 'https://shop.example/thanks',
        referrer_host: null,
        ad_id: 'ad-7',
        ad_name: null,
        adset_id: null,
        adset_name: 'Group',
        campaign_id: null,
        campaign_name: 'Spring',
        account_id: null,
        account_name: null,
        event_time_utc: '2024-01-15T10:23:45Z'
      }
    ])
    const { extra } = t.database.sqlite.prepare('select extra from events where id = 2').get() as { extra: string }
    expect(JSON.parse(extra))
      .toEqual({
        checkout_token: 'chk',
        user_agent: 'UA',
        do_not_capi: false,
        comet_keyword: 'shoes',
        comet_type: 'Organic'
      })
  })

  it.each([
    ['facebook_ads', undefined, 'facebook_ads'],
    ['facebook', undefined, 'facebook_ads'],
    ['FaceBook', 'organic', 'facebook_organic'],
    ['newsletter', 'organic', 'newsletter'],
    ['brave', 'organic', 'brave_organic']
  ])('comet_source %s with comet_type %s is the touchpoint source %s', async (cometSource, cometType, source) => {
    await setup({ eventDelayMs: 0 })
    await track({ event_name: 'purchase', email: 'a@example.com', comet_source: cometSource, comet_type: cometType })
    expect(t.database.sqlite.prepare('select source from events where kind = \'touchpoint\'').get()).toEqual({ source })
  })

  it('an event without attribution fields makes no touchpoint; event_time defaults to acceptance', async () => {
    await setup()
    t.clock.set('2024-05-01T08:00:00Z')
    await track({ event_name: 'sign_up', email: 'a@example.com' })
    t.clock.advance(60_000)
    await drain()
    expect(t.database.sqlite.prepare('select kind, event_time from events').all())
      .toEqual([{ kind: 'conversion', event_time: Date.parse('2024-05-01T08:00:00Z') }])
  })

  it('an order_id already stored for the same event name is dropped; another name is not (Decision D41)', async () => {
    await setup({ eventDelayMs: 0 })
    for (const name of ['purchase', 'purchase', 'subscribe']) {
      expect((await track({ event_name: name, email: 'a@example.com', order_id: 'o-1', amount: 10 })).json())
        .toEqual(ACCEPTED)
    }
    expect(t.database.sqlite.prepare('select event_name from events order by id').all())
      .toEqual([{ event_name: 'purchase' }, { event_name: 'subscribe' }])
  })

  it('20 concurrent retries with one idempotency key make one event, each answered 202 (Decision D40)', async () => {
    await setup()
    const body = { event_name: 'purchase', email: 'a@example.com', idempotency_key: 'pay-1', amount: 10 }
    const answers = await Promise.all(Array.from({ length: 20 }, async () => await track(body)))
    expect(answers.map((res) => [res.statusCode, res.json()]))
      .toEqual(Array.from({ length: 20 }, () => [202, ACCEPTED]))
    expect(count('event_queue')).toBe(1)
    await drain()
    expect(count('events')).toBe(1)
    // Still a no-op just under 24 hours later, whatever the body carries; accepted again after that.
    t.clock.advance(24 * 3_600_000 - 1)
    await track({ ...body, amount: 99 })
    expect(count('event_queue')).toBe(0)
    t.clock.advance(1)
    await track({ ...body, amount: 99 })
    expect(count('event_queue')).toBe(1)
  })

  it('a 422 records no idempotency key', async () => {
    await setup()
    expect((await track({ event_name: 'nope', email: 'a@example.com', idempotency_key: 'k' })).statusCode).toBe(422)
    await track({ event_name: 'purchase', email: 'a@example.com', idempotency_key: 'k' })
    expect(count('event_queue')).toBe(1)
  })
})

describe('the older POST /events (Decision D52)', () => {
  it('takes email + ip without a fingerprint, answers as track, on its own budget, always with a warning', async () => {
    await setup({ eventDelayMs: 0 })
    const res = await track({
      event_name: 'purchase',
      email: 'a@example.com',
      ip: '203.0.113.9',
      event_time: 1_705_314_225
    },
    {}, '/public-api/v1/events')
    expect(res.statusCode).toBe(202)
    expect(res.json()).toEqual(ACCEPTED)
    expect(res.headers['x-emulator-warning']).toBe('legacy endpoint')
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.headers['x-ratelimit-remaining']).toBe('59')
    expect((await track({ event_name: 'purchase', email: 'b@example.com' })).headers['x-ratelimit-remaining'])
      .toBe('59')
    expect(count('events')).toBe(2)
    const unauthenticated = await t.app.inject({ method: 'POST', url: '/public-api/v1/events', payload: {} })
    expect(unauthenticated.statusCode).toBe(401)
    expect(unauthenticated.headers['x-emulator-warning']).toBe('legacy endpoint')
    const invalid = await track({ event_name: 'purchase' }, {}, '/public-api/v1/events')
    expect(invalid.statusCode).toBe(422)
    expect(invalid.headers['x-emulator-warning']).toBe('legacy endpoint')
  })
})

describe('access', () => {
  it('401 without a key, 403 for a key limited to contacts; each spends or not as documented', async () => {
    await setup({ spaces: [{ name: 'Scoped', api_keys: [{ key: 'contacts-only', scopes: ['contacts' as const] }] }] })
    const none = await t.app.inject({
      method: 'POST',
      url: TRACK,
      payload: { event_name: 'purchase', email: 'a@b.co' }
    })
    expect(none.statusCode).toBe(401)
    const scoped = await track({ event_name: 'purchase', email: 'a@b.co' }, { authorization: 'Bearer contacts-only' })
    expect(scoped.statusCode).toBe(403)
    expect(scoped.headers['x-ratelimit-remaining']).toBe('59')
    expect(count('event_queue')).toBe(0)
  })
})
