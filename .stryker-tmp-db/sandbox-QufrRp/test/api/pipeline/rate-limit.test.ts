// @ts-nocheck
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../helpers/app.js'

let t: TestApp
beforeEach(async () => {
  t = await testApp({
    config: {
      spaces: [{ name: 'Two keys', api_keys: ['key-one', 'key-two'] }, { name: 'Other', api_keys: ['other-key'] }]
    }
  })
})
afterEach(async () => { await t.close() })

const create = async (key = 'cometly-dev-key', body: object = { emails: ['a@example.com'] }) => await t.app.inject({
  method: 'POST',
  url: '/public-api/v1/contacts',
  headers: { authorization: `Bearer ${key}` },
  payload: body
})

const START_SECONDS = Date.parse('2024-01-01T00:00:00Z') / 1000

describe('rate limits: create contact, 60 a minute per Space', () => {
  it('counts down, then answers the 61st with 429 and Laravel\'s headers', async () => {
    for (let i = 1; i <= 60; i++) {
      const res = await create()
      expect(res.statusCode).toBe(201)
      expect(res.headers['x-ratelimit-limit']).toBe('60')
      expect(res.headers['x-ratelimit-remaining']).toBe(String(60 - i))
      expect(res.headers['retry-after']).toBeUndefined()
      expect(res.headers['x-ratelimit-reset']).toBeUndefined()
    }
    t.clock.advance(15_000)
    const res = await create()
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ message: 'Too Many Attempts.' })
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.headers['x-ratelimit-remaining']).toBe('0')
    expect(res.headers['retry-after']).toBe('45')
    expect(res.headers['x-ratelimit-reset']).toBe(String(START_SECONDS + 60))
    expect(t.database.sqlite.prepare('select count(*) as n from contacts').get()).toEqual({ n: 60 })
  })

  it('a rejected request does not count, and the window ends 60 s after its first request', async () => {
    for (let i = 0; i < 60; i++) await create()
    t.clock.advance(59_999)
    const late = await create()
    expect(late.statusCode).toBe(429)
    expect(late.headers['retry-after']).toBe('1')
    t.clock.advance(1)
    const fresh = await create()
    expect(fresh.statusCode).toBe(201)
    expect(fresh.headers['x-ratelimit-remaining']).toBe('59')
  })

  it('a 422 spends budget like any other answer', async () => {
    const bad = await create('cometly-dev-key', { emails: [] })
    expect(bad.statusCode).toBe(422)
    expect(bad.headers['x-ratelimit-remaining']).toBe('59')
    expect((await create()).headers['x-ratelimit-remaining']).toBe('58')
  })

  it('two keys of one Space share its budget; another Space is unaffected', async () => {
    for (let i = 0; i < 30; i++) await create('key-one')
    for (let i = 0; i < 30; i++) await create('key-two')
    expect((await create('key-one')).statusCode).toBe(429)
    expect((await create('key-two')).statusCode).toBe(429)
    const other = await create('other-key')
    expect(other.statusCode).toBe(201)
    expect(other.headers['x-ratelimit-remaining']).toBe('59')
    const dev = await create()
    expect(dev.statusCode).toBe(201)
    expect(dev.headers['x-ratelimit-remaining']).toBe('59')
  })
})

describe('rate limits: configuration', () => {
  it('scales every limit', async () => {
    const scaled = await testApp({ config: { rateLimitScale: 0.05 } })
    try {
      const res = await scaled.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['a@example.com'] }
      })
      expect(res.headers['x-ratelimit-limit']).toBe('3')
      for (let i = 0; i < 2; i++) {
        await scaled.request({ method: 'POST', url: '/public-api/v1/contacts', payload: { emails: ['a@example.com'] } })
      }
      const over = await scaled.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['a@example.com'] }
      })
      expect(over.statusCode).toBe(429)
    } finally {
      await scaled.close()
    }
  })

  it('can be switched off: no limit and no headers', async () => {
    const off = await testApp({ config: { rateLimits: false } })
    try {
      for (let i = 0; i < 70; i++) {
        const res = await off.request({
          method: 'POST',
          url: '/public-api/v1/contacts',
          payload: { emails: ['a@example.com'] }
        })
        expect(res.statusCode).toBe(201)
        expect(res.headers['x-ratelimit-limit']).toBeUndefined()
      }
    } finally {
      await off.close()
    }
  })
})

describe('the life of a window', () => {
  const control = async (method: 'POST' | 'PATCH', url: string, payload?: object) =>
    await t.app.inject({ method, url: `/_emulator${url}`, ...(payload !== undefined && { payload }) })
  const spend = async (key = 'cometly-dev-key', n = 60) => { for (let i = 0; i < n; i++) await create(key) }
  const remaining = async (key = 'cometly-dev-key') => (await create(key)).headers['x-ratelimit-remaining']

  it('a Space reset refills that Space\'s budget and leaves the other Spaces\' alone', async () => {
    await spend()
    await spend('other-key', 10)
    expect((await create()).statusCode).toBe(429)
    expect((await control('POST', '/spaces/1/reset')).statusCode).toBe(200)
    expect(await remaining()).toBe('59')
    expect(await remaining('other-key')).toBe('49')
  })

  it('a reset of everything refills every budget', async () => {
    await spend()
    await spend('other-key', 10)
    await control('POST', '/reset')
    expect(await remaining()).toBe('59')
    expect(await remaining('other-key')).toBe('59')
  })

  it('a restore refills every budget', async () => {
    await control('POST', '/snapshots', { name: 'windows' })
    await spend()
    await spend('other-key', 10)
    expect((await control('POST', '/snapshots/windows/restore')).statusCode).toBe(200)
    expect(await remaining()).toBe('59')
    expect(await remaining('other-key')).toBe('59')
  })

  it('a clock moved back before the window\'s start restarts it', async () => {
    await spend()
    expect((await create()).statusCode).toBe(429)
    await control('POST', '/spaces/1/clock/advance', { ms: -1 })
    expect(await remaining()).toBe('59')
  })

  it('a limit changed mid-window applies at once, to what the window has counted', async () => {
    await spend('cometly-dev-key', 10)
    await control('PATCH', '/spaces/1', { rate_limits: { per_minute: { createContact: 12 } } })
    const res = await create()
    expect(res.headers['x-ratelimit-limit']).toBe('12')
    expect(res.headers['x-ratelimit-remaining']).toBe('1')
    await create()
    expect((await create()).statusCode).toBe(429)
    await control('PATCH', '/spaces/1', { rate_limits: { per_minute: { createContact: 5 } } })
    const lowered = await create()
    expect(lowered.statusCode).toBe(429)
    expect(lowered.headers['x-ratelimit-limit']).toBe('5')
    await control('PATCH', '/spaces/1', { rate_limits: {} })
    expect(await remaining()).toBe('47')
  })
})
