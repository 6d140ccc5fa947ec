// @ts-nocheck
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertBrowsingHits, insertCometTokens, insertContactEvents } from '../../../src/db/activity.js'
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

  it('adds journey events, newest first, hiding direct touchpoints unless hide_direct_touchpoints=0', async () => {
    const id = await create({ emails: ['a@example.com'] })
    await insertContactEvents(t.app.emulator.db, id, [
      {
        event_name: 'Lead',
        event_time: Date.UTC(2024, 0, 2),
        source: 'google',
        touchpoint: 'paid',
        amount: null,
        created_at: 0
      },
      {
        event_name: 'Visit',
        event_time: Date.UTC(2024, 0, 3),
        source: null,
        touchpoint: 'direct',
        amount: null,
        created_at: 0
      },
      {
        event_name: 'Purchase',
        event_time: Date.UTC(2024, 0, 4),
        source: 'meta',
        touchpoint: null,
        amount: 99.5,
        created_at: 0
      }
    ])
    const purchase = {
      id: 3,
      event_name: 'Purchase',
      event_time: '2024-01-04T00:00:00.000000Z',
      source: 'meta',
      touchpoint: null,
      amount: 99.5
    }
    const visit = {
      id: 2,
      event_name: 'Visit',
      event_time: '2024-01-03T00:00:00.000000Z',
      source: null,
      touchpoint: 'direct',
      amount: null
    }
    const lead = {
      id: 1,
      event_name: 'Lead',
      event_time: '2024-01-02T00:00:00.000000Z',
      source: 'google',
      touchpoint: 'paid',
      amount: null
    }
    expect((await get(`${id}?include_events=1`)).json().events).toEqual([purchase, lead])
    expect((await get(`${id}?include_events=1&hide_direct_touchpoints=0`)).json().events)
      .toEqual([purchase, visit, lead])
  })

  it('adds up to 1000 browsing-session hits, newest first', async () => {
    const id = await create({ emails: ['a@example.com'] })
    await insertBrowsingHits(t.app.emulator.db, id, Array.from({ length: 1002 }, (_, i) => ({
      url: `https://example.com/${i}`, referrer: i === 1001 ? 'https://google.com' : null, ip: '203.0.113.9', user_agent: 'UA', visited_at: Date.UTC(2024, 0, 1) + i * 1000
    })))
    const hits = (await get(`${id}?include_browsing_session_data=1`)).json().browsing_session_data
    expect(hits).toHaveLength(1000)
    expect(hits[0]).toEqual({ url: 'https://example.com/1001', referrer: 'https://google.com', ip: '203.0.113.9', user_agent: 'UA', visited_at: '2024-01-01T00:16:41.000000Z' })
    expect(hits[999].url).toBe('https://example.com/2')
  })

  it('answers 404 for a contact that does not exist, and for another Space\'s contact', async () => {
    const id = await create({ emails: ['a@example.com'] })
    for (const res of [await get('999'), await get(String(id), OTHER)]) {
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ message: 'Contact not found.' })
    }
    const theirs = await create({ emails: ['b@example.com'] }, OTHER)
    expect((await get(String(theirs), OTHER)).statusCode).toBe(200)
    expect((await get(String(theirs))).statusCode).toBe(404)
  })

  it.each([
    ['abc', { id: ['The id field must be an integer.'] }],
    ['1.5', { id: ['The id field must be an integer.'] }],
    ['1?include_events=yes', { include_events: ['The include events field must be true or false.'] }],
    ['1?include_comet_tokens=2', { include_comet_tokens: ['The include comet tokens field must be true or false.'] }]
  ])('422 for %s', async (url, errors) => {
    await create({ emails: ['a@example.com'] })
    const res = await get(url)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ message: Object.values(errors)[0]?.[0], errors })
  })
})
