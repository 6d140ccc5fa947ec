import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertBrowsingSessionHits, insertCometTokens } from '../../../src/db/activity.js'
import { insertEvents } from '../../../src/db/events.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const OTHER = { authorization: 'Bearer other-key' }
const CONFIG = {
  spaces: [
    {
      name: 'Default Space',
      custom_field_labels: { profile_field_1: 'Tier', profile_field_16: 'Score', profile_field_2: 'Tier' }
    },
    { name: 'Other', api_keys: ['other-key'] }
  ]
}

let t: TestApp
beforeEach(async () => { t = await testApp({ config: CONFIG }) })
afterEach(async () => { await t.close() })

const create = async (body: object, headers: Record<string, string> = {}) =>
  (await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: body, headers }))
    .json<{ id: number }>().id
const get = async (url: string, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `/public-api/v1/contacts/${url}`, headers })

function slots (set: Record<string, string | number> = {}): Record<string, string | number | null> {
  const all: Record<string, string | number | null> = {}
  for (let i = 1; i <= 30; i++) all[`profile_field_${i}`] = null
  return { ...all, ...set }
}

describe('GET /public-api/v1/contacts/{id}', () => {
  it('returns the contact with every collection and all 30 slots, null where unset', async () => {
    const id = await create({
      emails: ['ada@example.com', 'ada@work.example'],
      phones: ['+44 20 7946 0000'],
      names: ['Ada Lovelace'],
      locations: ['London'],
      custom_fields: { profile_field_1: 'vip', profile_field_16: '500', profile_field_26: '2024-05-01T10:00:00+02:00' }
    })
    const res = await get(String(id))
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-ratelimit-limit']).toBe('30')
    expect(res.headers['x-ratelimit-remaining']).toBe('29')
    expect(res.json()).toEqual({
      id,
      emails: ['ada@example.com', 'ada@work.example'],
      phones: ['+44 20 7946 0000'],
      names: ['Ada Lovelace'],
      locations: ['London'],
      custom_fields: slots({ profile_field_1: 'vip', profile_field_16: 500, profile_field_26: '2024-05-01 08:00:00' })
    })
  })

  it('shows at most the 25 most recent items of a collection, in written order within a write', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `user${i}@example.com`)
    const id = await create({ emails })
    expect((await get(String(id))).json().emails).toEqual(emails.slice(0, 25))
    t.clock.advance(1000)
    await t.request({
      method: 'PUT',
      url: `/public-api/v1/contacts/${id}`,
      payload: { emails: ['new@example.com', 'second@example.com'] }
    })
    expect((await get(String(id))).json().emails).toEqual(['new@example.com', 'second@example.com'])
  })

  it('keys slots by the Space\'s labels when asked; ' +
    'a repeated label leaves the later slot under its name', async () => {
    const id = await create({
      emails: ['a@example.com'],
      custom_fields: { profile_field_1: 'gold', profile_field_2: 'x', profile_field_16: 7 }
    })
    const labelled = (await get(`${id}?use_custom_field_labels=1`)).json().custom_fields
    const { profile_field_1: _1, profile_field_16: _16, ...rest } = slots({ profile_field_2: 'x' })
    expect(labelled).toEqual({ Tier: 'gold', ...rest, Score: 7 })
    expect(Object.keys(labelled).slice(0, 2)).toEqual(['Tier', 'profile_field_2'])
    expect((await get(`${id}?use_custom_field_labels=false`)).json().custom_fields)
      .toEqual(slots({ profile_field_1: 'gold', profile_field_2: 'x', profile_field_16: 7 }))
  })

  it('adds the newest 5 comet tokens, newest first', async () => {
    const id = await create({ emails: ['a@example.com'] })
    await insertCometTokens(t.app.emulator.db, id,
      Array.from({ length: 7 }, (_, i) => ({ token: `tok-${i}`, created_at: Date.UTC(2024, 0, 1 + i) })))
    const res = await get(`${id}?include_comet_tokens=true`)
    expect(res.json().comet_tokens).toEqual(['tok-6', 'tok-5', 'tok-4', 'tok-3', 'tok-2'])
    expect((await get(`${id}?include_comet_tokens=0`)).json()).not.toHaveProperty('comet_tokens')
  })

  it('adds the journey: conversions and touchpoints in their documented shapes, newest first, direct touchpoints ' +
    'hidden unless hide_direct_touchpoints=0 (Decision D20)', async () => {
    await t.close()
    t = await testApp({
      config: { spaces: [{ name: 'Default Space', custom_event_labels: { custom_event_3: 'Demo booked' } }] }
    })
    const id = await create({ emails: ['a@example.com'] })
    const base = { partition_id: 1, contact_id: id, created_at: 0 }
    await insertEvents(t.app.emulator.db, [
      {
        ...base,
        kind: 'touchpoint',
        source: 'google_ads',
        event_url: 'https://shop.example/?gclid=1',
        referrer_host: 'www.google.com',
        ad_id: '9',
        ad_name: 'Ad',
        adset_id: '8',
        adset_name: 'Set',
        campaign_id: '7',
        campaign_name: 'Spring',
        account_id: '6',
        account_name: 'Acct',
        event_time: Date.UTC(2024, 0, 2)
      },
      { ...base, kind: 'touchpoint', source: 'direct', event_time: Date.UTC(2024, 0, 3) },
      {
        ...base,
        kind: 'conversion',
        event_name: 'purchase',
        amount: 99.5,
        is_upsell: 1,
        order_id: 'o-1',
        order_name: '#1001',
        event_url: 'https://shop.example/thanks',
        event_time: Date.UTC(2024, 0, 4, 10, 0, 0, 900)
      },
      { ...base, kind: 'conversion', event_name: 'custom_event_3', event_time: Date.UTC(2024, 0, 4, 10, 0, 0) }
    ])
    const touchpoint = (fields: object) => ({
      type: 'touchpoint',
      id: 0,
      source: null,
      event_url: null,
      referrer_host: null,
      ad_id: null,
      ad_name: null,
      adset_id: null,
      adset_name: null,
      campaign_id: null,
      campaign_name: null,
      account_id: null,
      account_name: null,
      event_time_utc: '',
      ...fields
    })
    const purchase = {
      type: 'conversion',
      id: 3,
      event_name: 'purchase',
      configured_name: 'purchase',
      amount: 99.5,
      is_upsell: true,
      order_id: 'o-1',
      order_name: '#1001',
      event_url: 'https://shop.example/thanks',
      event_time_utc: '2024-01-04T10:00:00Z'
    }
    const demo = {
      type: 'conversion',
      id: 4,
      event_name: 'custom_event_3',
      configured_name: 'Demo booked',
      amount: null,
      is_upsell: false,
      order_id: null,
      order_name: null,
      event_url: null,
      event_time_utc: '2024-01-04T10:00:00Z'
    }
    const ad = touchpoint({
      id: 1,
      source: 'google_ads',
      event_url: 'https://shop.example/?gclid=1',
      referrer_host: 'www.google.com',
      ad_id: '9',
      ad_name: 'Ad',
      adset_id: '8',
      adset_name: 'Set',
      campaign_id: '7',
      campaign_name: 'Spring',
      account_id: '6',
      account_name: 'Acct',
      event_time_utc: '2024-01-02T00:00:00Z'
    })
    const direct = touchpoint({ id: 2, source: 'direct', event_time_utc: '2024-01-03T00:00:00Z' })
    const shown = (await get(`${id}?include_events=1`)).json()
    // Equal times (to the second): the higher id first.
    expect(shown.events).toEqual([demo, purchase, ad])
    expect(Object.keys(shown.events[0])).toEqual(Object.keys(demo))
    expect(Object.keys(shown.events[2])).toEqual(Object.keys(ad))
    expect(Object.keys(shown)).toEqual(['id', 'emails', 'phones', 'names', 'locations', 'events', 'custom_fields'])
    expect((await get(`${id}?include_events=1&hide_direct_touchpoints=0`)).json().events)
      .toEqual([demo, purchase, direct, ad])
    expect((await get(String(id))).json()).not.toHaveProperty('events')
  })

  it('adds up to 1000 browsing-session hits, newest first, with the nine documented keys (Decision D21)', async () => {
    const id = await create({ emails: ['a@example.com'] })
    await insertBrowsingSessionHits(t.app.emulator.db, id, Array.from({ length: 1002 }, (_, i) => ({
      event_url: `https://example.com/${i}?utm_source=x`,
      referrer_host: i === 1001 ? 'www.google.com' : null,
      source: i === 1001 ? 'google_organic' : null,
      country: 'US',
      device_type: 'desktop',
      browser: 'Chrome',
      os: 'macOS',
      event_name: 'page_view',
      event_time: Date.UTC(2024, 0, 1) + i * 1000
    })))
    const shown = (await get(`${id}?include_browsing_session_data=1&include_comet_tokens=1`)).json()
    const hits = shown.browsing_session_hits
    expect(hits).toHaveLength(1000)
    expect(hits[0]).toEqual({
      event_url: 'https://example.com/1001?utm_source=x',
      referrer_host: 'www.google.com',
      source: 'google_organic',
      country: 'US',
      device_type: 'desktop',
      browser: 'Chrome',
      os: 'macOS',
      event_name: 'page_view',
      event_time_utc: '2024-01-01T00:16:41Z'
    })
    expect(Object.keys(hits[0])).toEqual(['event_url', 'referrer_host', 'source', 'country', 'device_type', 'browser',
      'os', 'event_name', 'event_time_utc'])
    expect(hits[999].event_url).toBe('https://example.com/2?utm_source=x')
    expect(Object.keys(shown)).toEqual(['id', 'emails', 'phones', 'names', 'locations', 'comet_tokens', 'custom_fields',
      'browsing_session_hits'])
  })

  it('answers 404 for a contact that does not exist, and for another Space\'s contact', async () => {
    const id = await create({ emails: ['a@example.com'] })
    for (const res of [await get('999'), await get(String(id), OTHER), await get('9223372036854775807'),
      await get('9007199254740993')]) {
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ message: 'Contact not found' })
    }
    const theirs = await create({ emails: ['b@example.com'] }, OTHER)
    expect((await get(String(theirs), OTHER)).statusCode).toBe(200)
    expect((await get(String(theirs))).statusCode).toBe(404)
  })

  // Decision D3: a path id is a positive integer of at most 19 digits and at most 2^63−1.
  it.each([
    ['abc', { id: ['Invalid contact ID provided'] }],
    ['1.5', { id: ['Invalid contact ID provided'] }],
    ['0', { id: ['Invalid contact ID provided'] }],
    ['-1', { id: ['Invalid contact ID provided'] }],
    ['01', { id: ['Invalid contact ID provided'] }],
    ['1e3', { id: ['Invalid contact ID provided'] }],
    ['9223372036854775808', { id: ['Invalid contact ID provided'] }],
    ['12345678901234567890', { id: ['Invalid contact ID provided'] }],
    ['1?include_events=yes', { include_events: ['The include events field must be true or false.'] }],
    ['1?include_comet_tokens=2', { include_comet_tokens: ['The include comet tokens field must be true or false.'] }]
  ])('422 for %s', async (url, errors) => {
    await create({ emails: ['a@example.com'] })
    const res = await get(url)
    expect(res.statusCode).toBe(422)
    expect(res.headers['x-ratelimit-remaining']).toBe('29')
    expect(res.json()).toEqual({ message: Object.values(errors)[0]?.[0], errors })
  })

  it('reads the flags 1 and 0 as documented, and true/false too with a warning (Decision D5)', async () => {
    const id = await create({ emails: ['a@example.com'] })
    const plain = await get(`${id}?include_comet_tokens=1&include_events=0`)
    expect(plain.json()).toHaveProperty('comet_tokens', [])
    expect(plain.json()).not.toHaveProperty('events')
    expect(plain.headers['x-emulator-warning']).toBeUndefined()
    const text = await get(`${id}?include_comet_tokens=true&include_events=false`)
    expect(text.json()).toHaveProperty('comet_tokens', [])
    expect(text.json()).not.toHaveProperty('events')
    expect(text.headers['x-emulator-warning']).toBe('include_comet_tokens: Cometly documents 1 or 0; "true" was ' +
      'read as 1; include_events: Cometly documents 1 or 0; "false" was read as 0')
  })

  it('shows dates as wall times of the Space\'s time zone (Decision D16)', async () => {
    await t.close()
    t = await testApp({ config: { spaces: [{ name: 'Default Space', time_zone: 'Europe/Paris' }] } })
    const id = await create({
      emails: ['a@example.com'],
      custom_fields: {
        profile_field_26: '2024-01-15T10:00:00+02:00',
        profile_field_27: '2024-01-15',
        profile_field_28: '2024-07-01 12:30:00',
        profile_field_29: '2024-07-01T12:30:00Z'
      }
    })
    expect((await get(String(id))).json().custom_fields).toEqual(slots({
      profile_field_26: '2024-01-15 09:00:00',
      profile_field_27: '2024-01-15 00:00:00',
      profile_field_28: '2024-07-01 12:30:00',
      profile_field_29: '2024-07-01 14:30:00'
    }))
  })
})
