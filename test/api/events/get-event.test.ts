// GET /public-api/v1/events/{event_id}: the object's shape with string ids (Decision D49), configured names (D48),
// its URL and touchpoints (D50), the path id's rules (D3), Space isolation and the key checks.
import { afterEach, describe, expect, it } from 'vitest'
import { controlClient } from '../../helpers/control.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/events'
const DAY = 86_400_000
const T = Date.parse('2024-06-15T12:00:00Z')
const at = (ms: number) => new Date(ms).toISOString()

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (rateLimits = true): Promise<void> {
  t = await testApp({
    config: {
      ...(!rateLimits && { rateLimits: false }),
      spaces: [
        { name: 'Default Space', custom_event_labels: { custom_event_2: 'Deal Created', custom_event_4: ' ' } },
        { name: 'Other', api_keys: ['other-key'] },
        { name: 'Scoped', api_keys: [{ key: 'contacts-key', scopes: ['contacts'] }] }
      ] as never
    }
  })
}

const spaceId = (name: string) => t.app.emulator.registry.spaces().find((s) => s.name === name)?.id as number

async function seed (contacts: object[], space = 'Default Space'): Promise<void> {
  const res = await controlClient(t.app)('POST', `/spaces/${spaceId(space)}/seed`, { contacts })
  expect(res.status).toBe(201)
}

const get = async (id: string | number, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `${BASE}/${id}`, headers })

describe('GET /public-api/v1/events/{event_id}', () => {
  it('answers the event object itself: the docs\' keys in order, ids as decimal strings, then event_url and the ' +
    'contact\'s non-direct touchpoints of the 30 days up to it, oldest first', async () => {
    await setup()
    const tp = (source: string, ms: number, name: string) => ({
      source,
      event_time: at(ms),
      url: 'https://acme.com/landing',
      ad_id: `${name}-ad-id`,
      ad_name: `${name} ad`,
      adset_name: `${name} set`,
      campaign_name: `${name} campaign`,
      account_name: `${name} account`
    })
    await seed([
      { emails: ['noise@acme.com'], touchpoints: [tp('google_ads', T - DAY, 'other contact')] },
      {
        emails: ['buyer@acme.com'],
        touchpoints: [
          tp('facebook_ads', T - 30 * DAY - 1000, 'too old'),
          tp('facebook_ads', T - 30 * DAY, 'oldest'),
          tp('direct', T - 2 * DAY, 'direct'),
          { source: null, event_time: at(T - DAY) },
          tp('google_ads', T, 'same second'),
          tp('bing_ads', T + 1000, 'after')
        ],
        conversions: [{
          event_name: 'purchase',
          event_time: at(T + 500),
          amount: 89.5,
          order_id: '99812',
          order_name: 'Spring Sale — Order #99812',
          url: 'https://acme.com/checkout/confirmation?order=99812'
        }]
      }
    ])
    // Touchpoints take ids 1 to 7; the purchase is 8.
    const res = await get(8)
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-ratelimit-limit']).toBe('30')
    const body = res.json()
    expect(Object.keys(body)).toEqual(['id', 'profile_id', 'company_id', 'space_id', 'event_name', 'configured_name',
      'amount', 'is_upsell', 'event_time_utc', 'order_id', 'order_name', 'event_url', 'touchpoints'])
    expect(body).toEqual({
      id: '8',
      profile_id: '2',
      company_id: '1',
      space_id: '1',
      event_name: 'purchase',
      configured_name: 'purchase',
      amount: 89.5,
      is_upsell: false,
      event_time_utc: '2024-06-15T12:00:00Z',
      order_id: '99812',
      order_name: 'Spring Sale — Order #99812',
      event_url: 'https://acme.com/checkout/confirmation?order=99812',
      touchpoints: [
        {
          source: 'facebook_ads',
          ad_name: 'oldest ad',
          adset_name: 'oldest set',
          campaign_name: 'oldest campaign',
          account_name: 'oldest account',
          event_time_utc: '2024-05-16T12:00:00Z'
        },
        {
          source: null,
          ad_name: null,
          adset_name: null,
          campaign_name: null,
          account_name: null,
          event_time_utc: '2024-06-14T12:00:00Z'
        },
        {
          source: 'google_ads',
          ad_name: 'same second ad',
          adset_name: 'same second set',
          campaign_name: 'same second campaign',
          account_name: 'same second account',
          event_time_utc: '2024-06-15T12:00:00Z'
        }
      ]
    })
    expect(Object.keys(body.touchpoints[0])).toEqual(['source', 'ad_name', 'adset_name', 'campaign_name',
      'account_name', 'event_time_utc'])
  })

  it.each([
    ['custom_event_2', 'Deal Created'],
    ['custom_event_3', 'custom_event_3'],
    ['custom_event_4', 'custom_event_4'],
    ['sign_up', 'sign_up']
  ])('configured_name of %s is %s (Decision D48)', async (eventName, configured) => {
    await setup()
    await seed([{
      emails: ['a@gmail.com'],
      conversions: [{ event_name: eventName, event_time: at(T), is_upsell: true }]
    }])
    expect((await get(1)).json()).toEqual({
      id: '1',
      profile_id: '1',
      company_id: null,
      space_id: '1',
      event_name: eventName,
      configured_name: configured,
      amount: null,
      is_upsell: true,
      event_time_utc: '2024-06-15T12:00:00Z',
      order_id: null,
      order_name: null,
      event_url: null,
      touchpoints: []
    })
  })

  it('a touchpoint\'s id is not an event: 404', async () => {
    await setup()
    await seed([{ touchpoints: [{ source: 'google_ads', event_time: at(T) }] }])
    const res = await get(1)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ message: 'Event not found' })
  })

  it.each([['evt_123456'], ['0'], ['-1'], ['1.5'], ['01'], ['9223372036854775808'], ['%20']])(
    '422 Invalid event ID provided for %s (Decision D3)', async (id) => {
      await setup()
      const res = await get(id)
      expect(res.statusCode).toBe(422)
      expect(res.json())
        .toEqual({ message: 'Invalid event ID provided', errors: { id: ['Invalid event ID provided'] } })
    })

  it.each([['9223372036854775807'], ['2'], ['9007199254740993']])('404 for a well-formed id it does not hold (%s)',
    async (id) => {
      await setup()
      await seed([{ conversions: [{ event_name: 'purchase', event_time: at(T) }] }])
      const res = await get(id)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ message: 'Event not found' })
    })

  it('another Space\'s event is 404, as if it did not exist', async () => {
    await setup()
    await seed([{ conversions: [{ event_name: 'purchase', event_time: at(T) }] }], 'Other')
    expect((await get(1)).json()).toEqual({ message: 'Event not found' })
    const theirs = await get(1, { authorization: 'Bearer other-key' })
    expect(theirs.statusCode).toBe(200)
    expect(theirs.json().space_id).toBe(String(spaceId('Other')))
  })

  it('401 without a key (no rate-limit headers); 403 for a key scoped to contacts (with them)', async () => {
    await setup()
    await seed([{ conversions: [{ event_name: 'purchase', event_time: at(T) }] }], 'Scoped')
    const anonymous = await t.app.inject({ method: 'GET', url: `${BASE}/1` })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual({ message: 'Unauthenticated.' })
    expect(anonymous.headers['x-ratelimit-limit']).toBeUndefined()
    const scoped = await get(1, { authorization: 'Bearer contacts-key' })
    expect(scoped.statusCode).toBe(403)
    expect(scoped.json()).toEqual({ message: 'API key doesn\'t have permission for this resource' })
    expect(scoped.headers['x-ratelimit-limit']).toBe('30')
    expect(scoped.headers['x-ratelimit-remaining']).toBe('29')
  })
})
