// GET /public-api/v1/events: every parameter and bound, attribution (Decision D44) with each model, company mode
// (D45), custom-field filters on the owning contact, the cursor walk, Space isolation and the key checks.
import { afterEach, describe, expect, it } from 'vitest'
import { insertContact } from '../../../src/db/contacts.js'
import { insertEvents, type NewEvent } from '../../../src/db/events.js'
import { SOURCES } from '../../../src/wire/events.js'
import { controlClient } from '../../helpers/control.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/events'
const ALL_TIME = 'start_date=2000-01-01%2000:00:00&end_date=2099-12-31%2023:59:59'
const DAY = 86_400_000
const T = Date.parse('2024-06-15T12:00:00Z')
const at = (ms: number) => new Date(ms).toISOString()

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (spaces: object[] = [], rateLimits = false): Promise<void> {
  t = await testApp({
    config: {
      ...(!rateLimits && { rateLimits: false }),
      spaces: [...spaces, { name: 'Other', api_keys: ['other-key'] }] as never
    }
  })
}

const spaceId = (name: string) => t.app.emulator.registry.spaces().find((s) => s.name === name)?.id as number

async function seed (contacts: object[], space = 'Default Space'): Promise<void> {
  const res = await controlClient(t.app)('POST', `/spaces/${spaceId(space)}/seed`, { contacts })
  expect(res.status).toBe(201)
}

const list = async (query: string, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `${BASE}?${query}`, headers })
const rows = async (query: string) => (await list(`${ALL_TIME}&${query}`)).json().data as Array<Record<string, unknown>>
const ids = (res: { json: () => { data: Array<{ id: number }> } }) => res.json().data.map((row) => row.id)
const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i))
const arr = (name: string, values: readonly string[]) => values.map((v) => `${name}[]=${v}`).join('&')

describe('GET /public-api/v1/events', () => {
  it('answers one row per conversion, {id, event_time_utc} by default, newest id first; touchpoints are never ' +
    'rows', async () => {
    await setup()
    await seed([{
      emails: ['a@acme.com'],
      touchpoints: [{ source: 'google_ads', event_time: at(T - DAY) }],
      conversions: [
        { event_name: 'purchase', event_time: at(T), amount: 10 },
        { event_name: 'sign_up', event_time: at(T - 2 * DAY) }
      ]
    }])
    const res = await list(ALL_TIME)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      data: [
        { id: 3, event_time_utc: '2024-06-13T12:00:00Z' },
        { id: 2, event_time_utc: '2024-06-15T12:00:00Z' }
      ],
      path: 'http://localhost:80/public-api/v1/events',
      per_page: 200,
      next_cursor: null,
      next_page_url: null,
      prev_cursor: null,
      prev_page_url: null
    })
  })

  it('spends the listEvents budget (7 a minute) with the headers', async () => {
    await setup([], true)
    const res = await list(ALL_TIME)
    expect(res.headers['x-ratelimit-limit']).toBe('7')
    expect(res.headers['x-ratelimit-remaining']).toBe('6')
  })

  it('shows the fields asked for, in the order asked, ids as integers and null where unknown (Decision D46)',
    async () => {
      await setup([{ name: 'Default Space', custom_event_labels: { custom_event_2: 'Deal Created' } }])
      await seed([
        {
          emails: ['a@acme.com'],
          conversions: [{
            event_name: 'custom_event_2',
            event_time: '2024-06-15T12:00:00.750Z',
            amount: 99.99,
            order_id: 'o-1',
            order_name: 'Order 1',
            is_upsell: true,
            url: 'https://acme.com/thanks'
          }]
        },
        { emails: ['b@gmail.com'], conversions: [{ event_name: 'custom_event_3', event_time: at(T) }] }
      ])
      const fields = ['order_name', 'space_id', 'is_upsell', 'configured_name', 'id', 'profile_id', 'company_id',
        'event_name', 'amount', 'event_time_utc', 'event_url', 'order_id']
      const data = await rows(arr('fields', fields))
      expect(data.map((row) => Object.keys(row))).toEqual([fields, fields])
      expect(data).toEqual([
        {
          order_name: null,
          space_id: 1,
          is_upsell: false,
          configured_name: 'custom_event_3',
          id: 2,
          profile_id: 2,
          company_id: null,
          event_name: 'custom_event_3',
          amount: null,
          event_time_utc: '2024-06-15T12:00:00Z',
          event_url: null,
          order_id: null
        },
        {
          order_name: 'Order 1',
          space_id: 1,
          is_upsell: true,
          configured_name: 'Deal Created',
          id: 1,
          profile_id: 1,
          company_id: 1,
          event_name: 'custom_event_2',
          amount: 99.99,
          event_time_utc: '2024-06-15T12:00:00Z',
          event_url: 'https://acme.com/thanks',
          order_id: 'o-1'
        }
      ])
      // A field asked for once only, anywhere in the list.
      expect(Object.keys((await rows(arr('fields', ['amount'])))[0] ?? {})).toEqual(['amount'])
    })

  it.each([
    ['America/New_York', '2024-03-09', true],
    ['America/New_York', '2024-03-10', false],
    ['UTC', '2024-03-09', false],
    ['UTC', '2024-03-10', true],
    ['Asia/Tokyo', '2024-03-10', true]
  ])('reads the range on the event\'s time in the Space\'s time zone (%s, %s; Decision D47)',
    async (timeZone, day, included) => {
      await setup([{ name: 'Default Space', time_zone: timeZone }])
      // Made long before; only the event's own time counts.
      await seed([{
        created_at: '2020-01-01T00:00:00Z',
        conversions: [{ event_name: 'purchase', event_time: '2024-03-10T01:30:00Z' }]
      }])
      expect(ids(await list(`start_date=${day}%2000:00:00&end_date=${day}%2023:59:59`))).toEqual(included ? [1] : [])
    })

  it('includes both ends of the range: start_date\'s second and all of end_date\'s', async () => {
    await setup()
    await seed([{
      conversions: ['09:59:59', '10:00:00', '11:00:00', '11:00:01'].map((time) => ({
        event_name: 'purchase',
        event_time: `2024-01-01T${time}Z`
      }))
    }])
    expect(ids(await list('start_date=2024-01-01%2010:00:00&end_date=2024-01-01%2011:00:00'))).toEqual([3, 2])
  })

  const SOURCED = `${arr('sources', ['google_ads'])}&attribution_model=last_touch&attribution_window=7`

  it.each([
    ['', { start_date: ['The start date field is required.'], end_date: ['The end date field is required.'] }],
    ['start_date=2024-01-01&end_date=2024-01-02%2000:00:00',
      { start_date: ['The start date field must match the format Y-m-d H:i:s.'] }],
    ['start_date=2024-01-02%2000:00:00&end_date=2024-01-01%2000:00:00',
      { end_date: ['The end date field must be a date after start date.'] }],
    ['start_date=2024-01-01%2000:00:00&end_date=2024-01-01%2000:00:00',
      { end_date: ['The end date field must be a date after start date.'] }],
    [`${ALL_TIME}&query_mode=team`, { query_mode: ['The selected query mode is invalid.'] }],
    [`${ALL_TIME}&event_names=purchase`, { event_names: ['The event names field must be an array.'] }],
    [`${ALL_TIME}&event_names=${encodeURIComponent('["purchase"]')}`,
      { event_names: ['The event names field must be an array.'] }],
    [`${ALL_TIME}&${arr('event_names', ['purchase', 'refund'])}`,
      { 'event_names.1': ['The selected event_names.1 is invalid.'] }],
    [`${ALL_TIME}&${arr('event_names', ['custom_event_51'])}`,
      { 'event_names.0': ['The selected event_names.0 is invalid.'] }],
    [`${ALL_TIME}&${arr('event_names', many(11, (i) => `custom_event_${i + 1}`))}`,
      { event_names: ['The event names field must not have more than 10 items.'] }],
    [`${ALL_TIME}&${arr('event_names', ['purchase', 'sign_up', 'purchase'])}`, {
      'event_names.0': ['The event_names.0 field has a duplicate value.'],
      'event_names.2': ['The event_names.2 field has a duplicate value.']
    }],
    [`${ALL_TIME}&sources=google_ads&attribution_model=last_touch&attribution_window=7`,
      { sources: ['The sources field must be an array.'] }],
    [`${ALL_TIME}&${arr('sources', ['direct'])}&attribution_model=last_touch&attribution_window=7`,
      { 'sources.0': ['The selected sources.0 is invalid.'] }],
    [`${ALL_TIME}&${arr('sources', SOURCES.slice(0, 16))}&attribution_model=last_touch&attribution_window=7`,
      { sources: ['The sources field must not have more than 15 items.'] }],
    [`${ALL_TIME}&${arr('sources', ['google_ads', 'google_ads'])}&attribution_model=last_touch&attribution_window=7`, {
      'sources.0': ['The sources.0 field has a duplicate value.'],
      'sources.1': ['The sources.1 field has a duplicate value.']
    }],
    [`${ALL_TIME}&${arr('sources', ['google_ads'])}`, {
      attribution_model: ['The attribution model field is required when sources is present.'],
      attribution_window: ['The attribution window field is required when sources is present.']
    }],
    [`${ALL_TIME}&${arr('sources', ['google_ads'])}&attribution_model=position&attribution_window=7`,
      { attribution_model: ['The selected attribution model is invalid.'] }],
    [`${ALL_TIME}&${arr('sources', ['google_ads'])}&attribution_model=last_touch&attribution_window=3`,
      { attribution_window: ['The selected attribution window is invalid.'] }],
    [`${ALL_TIME}&attribution_window=365`, { attribution_window: ['The selected attribution window is invalid.'] }],
    [`${ALL_TIME}&attribution_model=best`, { attribution_model: ['The selected attribution model is invalid.'] }],
    [`${ALL_TIME}&fields=id`, { fields: ['The fields field must be an array.'] }],
    [`${ALL_TIME}&${arr('fields', ['id', 'email'])}`, { 'fields.1': ['The selected fields.1 is invalid.'] }],
    [`${ALL_TIME}&${arr('fields', ['source'])}`, { 'fields.0': ['The selected fields.0 is invalid.'] }],
    [`${ALL_TIME}&${arr('fields', ['id', 'amount', 'id'])}`, {
      'fields.0': ['The fields.0 field has a duplicate value.'],
      'fields.2': ['The fields.2 field has a duplicate value.']
    }],
    [`${ALL_TIME}&${arr('fields', ['id', 'campaign_name'])}`,
      { sources: ['The sources field is required when fields contains touchpoint fields.'] }],
    [`${ALL_TIME}&${arr('fields', ['ad_id'])}&attribution_model=last_touch&attribution_window=7`,
      { sources: ['The sources field is required when fields contains touchpoint fields.'] }],
    [`${ALL_TIME}&per_page=0`, { per_page: ['The per page field must be between 1 and 4000.'] }],
    [`${ALL_TIME}&per_page=4001`, { per_page: ['The per page field must be between 1 and 4000.'] }],
    [`${ALL_TIME}&per_page=ten`, { per_page: ['The per page field must be an integer.'] }],
    [`${ALL_TIME}&custom_field_filters=oops`,
      { custom_field_filters: ['The custom field filters field must be an array.'] }],
    [`${ALL_TIME}&custom_field_filters[0][field]=profile_field_2&custom_field_filters[0][operator]=any`,
      { 'custom_field_filters.0.field': ['The selected custom_field_filters.0.field is invalid.'] }],
    [`${ALL_TIME}&${SOURCED}&${arr('fields', ['ad_id', 'ad_id'])}`, {
      'fields.0': ['The fields.0 field has a duplicate value.'],
      'fields.1': ['The fields.1 field has a duplicate value.']
    }]
  ])('422 for %s', async (query, errors) => {
    await setup([{ name: 'Default Space', custom_field_labels: { profile_field_1: 'Tier' } }])
    const res = await list(query)
    expect(res.statusCode).toBe(422)
    const messages = Object.values(errors).flat()
    expect(res.json()).toEqual({
      message: messages.length > 1 ? `${messages[0]} (and ${messages.length - 1} more error)` : messages[0],
      errors
    })
  })

  it('reports every rule between parameters at once, in the order of the parameters', async () => {
    await setup()
    const res = await list('start_date=2024-01-02%2000:00:00&end_date=2024-01-01%2000:00:00&' +
      `${arr('event_names', ['sign_up', 'sign_up'])}&${arr('sources', ['google_ads'])}&attribution_window=0&` +
      `${arr('fields', ['id', 'id'])}&custom_field_filters[0][field]=profile_field_1&` +
      'custom_field_filters[0][operator]=any')
    expect(res.json()).toEqual({
      message: 'The end date field must be a date after start date. (and 6 more errors)',
      errors: {
        end_date: ['The end date field must be a date after start date.'],
        'event_names.0': ['The event_names.0 field has a duplicate value.'],
        'event_names.1': ['The event_names.1 field has a duplicate value.'],
        attribution_model: ['The attribution model field is required when sources is present.'],
        'fields.0': ['The fields.0 field has a duplicate value.'],
        'fields.1': ['The fields.1 field has a duplicate value.'],
        'custom_field_filters.0.field': ['The selected custom_field_filters.0.field is invalid.']
      }
    })
  })

  it.each([['1', [3]], ['4000', [3, 2, 1]]])('accepts per_page=%s', async (perPage, expected) => {
    await setup()
    await seed([{ conversions: many(3, (i) => i).map((i) => ({ event_name: 'purchase', event_time: at(T + i) })) }])
    const res = await list(`${ALL_TIME}&per_page=${perPage}`)
    expect(res.json().per_page).toBe(Number(perPage))
    expect(ids(res)).toEqual(expected)
  })

  it('accepts 10 event names, 15 sources and every field at once', async () => {
    await setup()
    await seed([{
      touchpoints: [{ source: 'threads_organic', event_time: at(T - 1000) }],
      conversions: [{ event_name: 'purchase', event_time: at(T) }]
    }])
    const sources = ['threads_organic', 'brave_organic', 'messenger_organic', 'duckduckgo_organic', 'quora_ads',
      'x_ads', 'twitch_ads', 'telegram_ads', 'snapchat_ads', 'reddit_ads', 'pinterest_ads', 'yahoo_ads', 'bing_ads',
      'instagram_ads', 'youtube_ads']
    const names = ['purchase', 'upsell_purchase', 'lead_generated', 'view_content', 'schedule', 'subscribe',
      'add_to_cart', 'contact', 'custom_event_1', 'custom_event_50']
    const fields = ['account_name', 'account_id', 'campaign_name', 'campaign_id', 'adset_name', 'adset_id', 'ad_name',
      'ad_id', 'order_name', 'order_id', 'event_url', 'event_time_utc', 'is_upsell', 'amount', 'configured_name',
      'event_name', 'space_id', 'company_id', 'profile_id', 'id']
    const res = await list(`${ALL_TIME}&${arr('sources', sources)}&${arr('event_names', names)}&` +
      `${arr('fields', fields)}&attribution_model=first_touch&attribution_window=0&query_mode=profile`)
    expect(res.statusCode).toBe(200)
    expect(Object.keys(res.json().data[0])).toEqual(fields)
  })

  it('validates attribution_model and attribution_window without sources, then ignores them (Decision D43)',
    async () => {
      await setup()
      await seed([{ conversions: [{ event_name: 'purchase', event_time: at(T) }] }])
      expect(ids(await list(`${ALL_TIME}&attribution_model=linear_paid_ads&attribution_window=1`))).toEqual([1])
    })

  it('never shows another Space\'s events', async () => {
    await setup()
    await seed([{ conversions: [{ event_name: 'purchase', event_time: at(T) }] }], 'Other')
    expect(ids(await list(ALL_TIME))).toEqual([])
    expect(ids(await list(ALL_TIME, { authorization: 'Bearer other-key' }))).toEqual([1])
  })

  it('401 without a key (no rate-limit headers); 403 for a key scoped to contacts (with them)', async () => {
    t = await testApp({
      config: { spaces: [{ name: 'Default Space', api_keys: [{ key: 'contacts-key', scopes: ['contacts'] }] }] }
    })
    const anonymous = await t.app.inject({ method: 'GET', url: `${BASE}?${ALL_TIME}` })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual({ message: 'Unauthenticated.' })
    expect(anonymous.headers['x-ratelimit-limit']).toBeUndefined()
    const scoped = await list(ALL_TIME, { authorization: 'Bearer contacts-key' })
    expect(scoped.statusCode).toBe(403)
    expect(scoped.json()).toEqual({ message: 'API key doesn\'t have permission for this resource' })
    expect(scoped.headers['x-ratelimit-limit']).toBe('7')
  })
})

describe('event_names (Decision D42)', () => {
  it.each([
    [['purchase'], [1]],
    [['upsell_purchase'], [2]],
    [['purchase', 'upsell_purchase'], [2, 1]],
    [['sign_up', 'custom_event_7'], [4, 3]],
    [['upsell_purchase', 'sign_up'], [3, 2]],
    [['schedule'], []]
  ])('%j', async (names, expected) => {
    await setup()
    await seed([{
      conversions: [
        { event_name: 'purchase', event_time: at(T), is_upsell: false },
        { event_name: 'purchase', event_time: at(T), is_upsell: true },
        { event_name: 'sign_up', event_time: at(T) },
        { event_name: 'custom_event_7', event_time: at(T) }
      ]
    }])
    const data = await rows(`${arr('event_names', names)}&${arr('fields', ['id', 'event_name', 'is_upsell'])}`)
    expect(data.map((row) => row.id)).toEqual(expected)
    // An upsell purchase still shows its stored name.
    for (const row of data) expect(row.event_name).not.toBe('upsell_purchase')
  })
})

describe('attribution (Decision D44)', () => {
  // Contact 1's journey: A..E before its purchase (E is direct); contact 2's: F, G before its sign_up.
  async function seedJourneys (): Promise<void> {
    await setup()
    const tp = (campaign: string, source: string, daysBefore: number) => ({
      source,
      campaign_name: campaign,
      event_time: at(T - daysBefore * DAY)
    })
    await seed([
      {
        emails: ['one@gmail.com'],
        touchpoints: [tp('A', 'facebook_ads', 20), tp('B', 'google_organic', 10), tp('C', 'bing_ads', 5),
          tp('D', 'tiktok_organic', 2), tp('E', 'direct', 1)],
        conversions: [{ event_name: 'purchase', event_time: at(T) }]
      },
      {
        emails: ['two@gmail.com'],
        touchpoints: [tp('F', 'google_ads', 3), tp('G', 'x_organic', 1)],
        conversions: [{ event_name: 'sign_up', event_time: at(T) }]
      }
    ])
  }

  it.each([
    ['first_touch', ['facebook_ads'], [['purchase', 'A']]],
    ['first_touch', ['google_ads'], [['sign_up', 'F']]],
    ['first_touch', ['tiktok_organic', 'x_organic'], []],
    ['last_touch', ['x_organic', 'tiktok_organic'], [['sign_up', 'G']]],
    ['last_non_direct_touch', ['tiktok_organic', 'x_organic'], [['sign_up', 'G'], ['purchase', 'D']]],
    ['last_non_direct_touch', ['facebook_ads'], []],
    ['linear', ['facebook_ads', 'bing_ads', 'google_ads'], [['sign_up', 'F'], ['purchase', 'C']]],
    ['linear', ['tiktok_organic'], [['purchase', 'D']]],
    ['u_shaped', ['facebook_ads', 'bing_ads', 'google_ads'], [['sign_up', 'F'], ['purchase', 'C']]],
    ['u_shaped', ['google_organic'], [['purchase', 'B']]],
    ['linear_paid_ads', ['google_organic', 'bing_ads'], [['purchase', 'C']]],
    ['linear_paid_ads', ['tiktok_organic', 'x_organic'], []],
    ['first_touch_source_specific', ['google_organic', 'bing_ads', 'x_organic'], [['sign_up', 'G'], ['purchase', 'B']]],
    ['last_touch_source_specific', ['google_organic', 'bing_ads', 'x_organic'], [['sign_up', 'G'], ['purchase', 'C']]]
  ])('%s with %j', async (model, sources, expected) => {
    await seedJourneys()
    const data = await rows(`${arr('sources', sources)}&attribution_model=${model}&attribution_window=0&` +
      arr('fields', ['event_name', 'campaign_name']))
    expect(data.map((row) => [row.event_name, row.campaign_name])).toEqual(expected)
  })

  it.each([
    [1, ['x_organic', 'tiktok_organic'], [['sign_up', 'G']]],
    [7, ['bing_ads', 'facebook_ads'], [['purchase', 'C']]],
    [14, ['facebook_ads', 'google_organic'], [['purchase', 'B']]],
    [30, ['facebook_ads', 'google_organic'], [['purchase', 'B']]]
  ])('window %i days with linear and %j', async (window, sources, expected) => {
    await seedJourneys()
    const data = await rows(`${arr('sources', sources)}&attribution_model=linear&attribution_window=${window}&` +
      arr('fields', ['event_name', 'campaign_name']))
    expect(data.map((row) => [row.event_name, row.campaign_name])).toEqual(expected)
  })

  it.each([
    [7, 'google_ads', true],
    [7, 'facebook_ads', false],
    [14, 'facebook_ads', true],
    [0, 'facebook_ads', true],
    [0, 'bing_ads', true],
    [0, 'x_ads', false]
  ])('window %i: a touchpoint exactly the window before counts, a second more does not; one at the ' +
    'conversion\'s second counts, one after never (%s)', async (window, source, included) => {
    await setup()
    await seed([{
      touchpoints: [
        { source: 'facebook_ads', event_time: at(T - 7 * DAY - 1000) },
        { source: 'google_ads', event_time: at(T - 7 * DAY) },
        { source: 'bing_ads', event_time: at(T) },
        { source: 'x_ads', event_time: at(T + 1000) }
      ],
      conversions: [{ event_name: 'purchase', event_time: at(T) }]
    }])
    const data = await rows(`${arr('sources', [source])}&attribution_model=linear&attribution_window=${window}`)
    expect(data).toEqual(included ? [{ id: 5, event_time_utc: '2024-06-15T12:00:00Z' }] : [])
  })

  it('fills the eight touchpoint fields from the latest credited touchpoint with one of the sources', async () => {
    await setup()
    const hierarchy = (p: string) => ({
      ad_id: `${p}-ad`,
      ad_name: `${p} ad`,
      adset_id: `${p}-set`,
      adset_name: `${p} set`,
      campaign_id: `${p}-cmp`,
      campaign_name: `${p} campaign`,
      account_id: `${p}-acc`,
      account_name: `${p} account`
    })
    await seed([{
      touchpoints: [
        { source: 'google_ads', event_time: at(T - 3 * DAY), ...hierarchy('g1') },
        { source: 'google_ads', event_time: at(T - 2 * DAY), ...hierarchy('g2') },
        { source: 'facebook_ads', event_time: at(T - DAY), ...hierarchy('f') },
        { source: 'google_ads', event_time: at(T - 2 * DAY), ad_id: 'same second, higher id' }
      ],
      conversions: [{ event_name: 'purchase', event_time: at(T) }]
    }])
    const fields = ['id', 'ad_id', 'ad_name', 'adset_id', 'adset_name', 'campaign_id', 'campaign_name', 'account_id',
      'account_name']
    const data = await rows(`${arr('sources', ['google_ads'])}&attribution_model=linear&attribution_window=30&` +
      arr('fields', fields))
    expect(data).toEqual([{
      id: 5,
      ad_id: 'same second, higher id',
      ad_name: null,
      adset_id: null,
      adset_name: null,
      campaign_id: null,
      campaign_name: null,
      account_id: null,
      account_name: null
    }])
    const first = await rows(`${arr('sources', ['google_ads'])}&attribution_model=first_touch&attribution_window=30&` +
      arr('fields', fields))
    expect(first).toEqual([{ id: 5, ...hierarchy('g1') }])
  })
})

describe('query_mode=company (Decision D45)', () => {
  async function seedCompany (): Promise<void> {
    await setup()
    await seed([
      { emails: ['buyer@acme.com'], conversions: [{ event_name: 'purchase', event_time: at(T) }] },
      { emails: ['researcher@acme.com'], touchpoints: [{ source: 'linkedin_ads', event_time: at(T - DAY) }] },
      {
        emails: ['solo@gmail.com'],
        touchpoints: [{ source: 'linkedin_ads', event_time: at(T - DAY) }],
        conversions: [{ event_name: 'purchase', event_time: at(T) }]
      }
    ])
  }

  it('lists only conversions of contacts with a company', async () => {
    await seedCompany()
    const fields = arr('fields', ['id', 'profile_id', 'company_id'])
    expect(await rows(`query_mode=company&${fields}`)).toEqual([{ id: 1, profile_id: 1, company_id: 1 }])
    expect(await rows(`query_mode=profile&${fields}`)).toEqual([
      { id: 4, profile_id: 3, company_id: null },
      { id: 1, profile_id: 1, company_id: 1 }
    ])
  })

  it('attributes with the touchpoints of every contact of the company', async () => {
    await seedCompany()
    const attributed = `${arr('sources', ['linkedin_ads'])}&attribution_model=last_touch&attribution_window=7&` +
      arr('fields', ['id', 'profile_id'])
    expect(await rows(`query_mode=company&${attributed}`)).toEqual([{ id: 1, profile_id: 1 }])
    // In profile mode the buyer has no touchpoint of its own.
    expect(await rows(attributed)).toEqual([{ id: 4, profile_id: 3 }])
  })
})

describe('custom_field_filters on the owning contact (Decisions D23, D24)', () => {
  it('filters conversions by their contact\'s labelled slots, as brackets or JSON', async () => {
    await setup([{
      name: 'Default Space',
      custom_field_labels: { profile_field_1: 'Tier', profile_field_16: 'Score' }
    }])
    const conversions = [{ event_name: 'purchase', event_time: at(T) }]
    await seed([
      { custom_fields: { profile_field_1: 'Gold', profile_field_16: 5 }, conversions },
      { custom_fields: { profile_field_1: 'silver' }, conversions },
      { custom_fields: { profile_field_1: 'gold' }, conversions }
    ])
    const gold = { field: 'profile_field_1', operator: 'equal_to', value: 'gold' }
    expect((await rows(`custom_field_filters=${encodeURIComponent(JSON.stringify([gold]))}`)).map((r) => r.id))
      .toEqual([3, 1])
    const brackets = 'custom_field_filters[0][field]=profile_field_1&custom_field_filters[0][operator]=equal_to&' +
      'custom_field_filters[0][value]=gold&custom_field_filters[1][field]=profile_field_16&' +
      'custom_field_filters[1][operator]=greater_than&custom_field_filters[1][value]=1'
    expect((await rows(brackets)).map((r) => r.id)).toEqual([1])
  })

  it('refuses an unlabelled slot and says which slots are configured', async () => {
    await setup()
    const res = await list(`${ALL_TIME}&custom_field_filters[0][field]=profile_field_1&` +
      'custom_field_filters[0][operator]=any')
    expect(res.statusCode).toBe(422)
    expect(res.headers['x-emulator-warning']).toBe('custom_field_filters.0.field: the Space\'s configured slots ' +
      'are none; label a slot (custom_field_labels in the Spaces config or PATCH /_emulator/spaces/{id}) ' +
      'to filter on it')
  })
})

describe('cursor pagination (Decision D26)', () => {
  const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}` }

  /** 300 conversions over 60 contacts, each after a touchpoint; every third contact's is google_ads. */
  async function seedMany (): Promise<{ all: number[], google: number[] }> {
    await setup()
    const partitionId = t.app.emulator.registry.spaces().find((s) => s.name === 'Default Space')?.partitionId as number
    return await t.app.emulator.db.transaction().execute(async (trx) => {
      const all: number[] = []
      const google: number[] = []
      for (let c = 0; c < 60; c++) {
        const contactId = await insertContact(trx, {
          partition_id: partitionId, email: null, phone: null, name: null, location: null, created_at: T, updated_at: T
        }, {})
        const base = { partition_id: partitionId, contact_id: contactId, created_at: T }
        const events: NewEvent[] = [{
          ...base,
          kind: 'touchpoint',
          source: c % 3 === 0 ? 'google_ads' : 'bing_ads',
          event_time: T - c * 60_000
        }]
        for (let i = 0; i < 5; i++) {
          events.push({ ...base, kind: 'conversion', event_name: 'purchase', event_time: T - c * 60_000 + i * 1000 })
        }
        const inserted = (await insertEvents(trx, events)).slice(1)
        all.push(...inserted)
        if (c % 3 === 0) google.push(...inserted)
      }
      return { all: all.reverse(), google: google.reverse() }
    })
  }

  async function walk (start: string, perPage: number, expected: number[]): Promise<void> {
    const forward: number[][] = []
    let url: string | null = start
    let page: any
    while (url !== null) {
      const res = await t.request({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      page = res.json()
      if (forward.length === 0) expect(page.prev_cursor).toBeNull()
      expect(page.data.length).toBeGreaterThan(0)
      forward.push(ids(res))
      url = page.next_page_url === null ? null : pathOf(page.next_page_url)
    }
    expect(forward.flat()).toEqual(expected)
    expect(forward.length).toBe(Math.ceil(expected.length / perPage))
    expect(page.next_cursor).toBeNull()
    const backward: number[][] = []
    url = page.prev_page_url === null ? null : pathOf(page.prev_page_url)
    while (url !== null) {
      const res = await t.request({ method: 'GET', url })
      page = res.json()
      backward.unshift(ids(res))
      expect(page.next_cursor).not.toBeNull()
      url = page.prev_page_url === null ? null : pathOf(page.prev_page_url)
    }
    expect(backward).toEqual(forward.slice(0, -1))
  }

  it('walks 300 conversions 37 a page forward and back: each once, in order, no empty page', async () => {
    const { all } = await seedMany()
    expect(all).toHaveLength(300)
    await walk(`${BASE}?${ALL_TIME}&per_page=37`, 37, all)
  })

  it('walks the 100 attributed conversions 9 a page, attribution applied on every page', async () => {
    const { google } = await seedMany()
    expect(google).toHaveLength(100)
    await walk(`${BASE}?${ALL_TIME}&per_page=9&${arr('sources', ['google_ads'])}&attribution_model=first_touch&` +
      'attribution_window=1', 9, google)
  })

  it('cursors are base64url JSON in Laravel\'s form holding the id; page URLs keep the other parameters',
    async () => {
      await setup()
      await seed([{ conversions: many(3, (i) => i).map((i) => ({ event_name: 'purchase', event_time: at(T + i) })) }])
      const res = await list(`${ALL_TIME}&per_page=2&${arr('fields', ['id'])}`)
      const first = res.json()
      expect(first.data).toEqual([{ id: 3 }, { id: 2 }])
      expect(first.next_cursor).toBe(Buffer.from('{"id":2,"_pointsToNextItems":true}').toString('base64url'))
      expect(first.next_page_url).toBe(`http://localhost:80${BASE}?${ALL_TIME}&per_page=2&fields[]=id&` +
        `cursor=${first.next_cursor as string}`)
      expect(res.headers['x-emulator-warning']).toMatch(/page URLs keep the request's other query parameters/)
      const second = (await t.request({ method: 'GET', url: pathOf(first.next_page_url) })).json()
      expect(second.data).toEqual([{ id: 1 }])
      expect(second.prev_cursor).toBe(Buffer.from('{"id":1,"_pointsToNextItems":false}').toString('base64url'))
      const unreadable = await list(`${ALL_TIME}&cursor=nonsense`)
      expect(ids(unreadable)).toEqual([3, 2, 1])
      expect(unreadable.headers['x-emulator-warning']).toBe('cursor is not a cursor of this endpoint; showing the ' +
        'first page')
    })
})
