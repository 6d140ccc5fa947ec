// The events' wire facts as pure functions, each at its edges: attribution, the event-time reader, touchpoint
// sources, path ids, company domains and the track body reader.
import { describe, expect, it } from 'vitest'
import {
  attributedTouchpoint, candidateTouchpoints, compareTouchpoints, creditedTouchpoints, DAY_MS
} from '../../src/wire/attribution.js'
import { companyDomainOf, domainKey } from '../../src/wire/company-domains.js'
import { ValidationError } from '../../src/wire/errors.js'
import {
  configuredName, fingerprintKey, readEventTime, readFingerprintKey, touchpointSource
} from '../../src/wire/events.js'
import { readPathId } from '../../src/wire/path-ids.js'
import { readTrackedEvent } from '../../src/wire/track-event.js'
import { characterCount } from '../../src/wire/validation.js'

type Touchpoint = { id: number, event_time: number, source: string | null }
const tp = (id: number, time: number, source: string | null): Touchpoint => ({ id, event_time: time, source })

describe('attribution', () => {
  it('orders by time, then id', () => {
    expect(compareTouchpoints(tp(1, 5, null), tp(2, 3, null))).toBe(2)
    expect(compareTouchpoints(tp(4, 3, null), tp(2, 3, null))).toBe(2)
    expect(compareTouchpoints(tp(2, 3, null), tp(4, 3, null))).toBe(-2)
    expect(compareTouchpoints(tp(2, 3, null), tp(2, 3, null))).toBe(0)
  })

  it('takes the candidates at or before the time and within the window', () => {
    const t = 100 * DAY_MS
    const sorted = [tp(1, t - 8 * DAY_MS, 'a'), tp(2, t - 7 * DAY_MS, 'b'), tp(3, t - DAY_MS, 'c'), tp(4, t, 'd'),
      tp(5, t + 1, 'e')]
    expect(candidateTouchpoints(sorted, t, 7).map((x) => x.id)).toEqual([2, 3, 4])
    expect(candidateTouchpoints(sorted, t, 1).map((x) => x.id)).toEqual([3, 4])
    expect(candidateTouchpoints(sorted, t, 0).map((x) => x.id)).toEqual([1, 2, 3, 4])
    expect(candidateTouchpoints(sorted, t - 1, 7).map((x) => x.id)).toEqual([2, 3])
    expect(candidateTouchpoints(sorted, t - 7 * DAY_MS - 1, 0).map((x) => x.id)).toEqual([1])
    expect(candidateTouchpoints(sorted, t - 9 * DAY_MS, 0)).toEqual([])
    expect(candidateTouchpoints([], t, 7)).toEqual([])
    // All of them: the list itself.
    expect(candidateTouchpoints(sorted, t + 1, 0)).toBe(sorted)
    expect(candidateTouchpoints(sorted, t + 1, 30)).toBe(sorted)
    expect(candidateTouchpoints(sorted, t + 1, 7).map((x) => x.id)).toEqual([3, 4, 5])
    expect(candidateTouchpoints(sorted, t, 30).map((x) => x.id)).toEqual([1, 2, 3, 4])
  })

  it('finds the bounds in a long list', () => {
    const sorted = Array.from({ length: 50 }, (_, i) => tp(i + 1, i * DAY_MS, null))
    expect(candidateTouchpoints(sorted, 20 * DAY_MS, 7).map((x) => x.id)).toEqual([14, 15, 16, 17, 18, 19, 20, 21])
    expect(candidateTouchpoints(sorted, 20 * DAY_MS - 1, 0).map((x) => x.id))
      .toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  const journey = [tp(1, 1, 'google_organic'), tp(2, 2, 'facebook_ads'), tp(3, 3, null), tp(4, 4, 'google_ads'),
    tp(5, 5, 'direct')]
  const ids = (list: ReadonlyArray<{ id: number }>): number[] => list.map((x) => x.id)
  const sources = new Set(['google_organic', 'google_ads'])

  it('credits what each model credits', () => {
    expect(ids(creditedTouchpoints('first_touch', journey, sources))).toEqual([1])
    expect(ids(creditedTouchpoints('last_touch', journey, sources))).toEqual([5])
    expect(ids(creditedTouchpoints('last_non_direct_touch', journey, sources))).toEqual([4])
    expect(ids(creditedTouchpoints('last_non_direct_touch', [tp(3, 3, null), tp(5, 5, 'direct')], sources)))
      .toEqual([3])
    expect(ids(creditedTouchpoints('linear', journey, sources))).toEqual([1, 2, 3, 4, 5])
    expect(ids(creditedTouchpoints('u_shaped', journey, sources))).toEqual([1, 2, 3, 4, 5])
    expect(ids(creditedTouchpoints('linear_paid_ads', journey, sources))).toEqual([2, 4])
    expect(ids(creditedTouchpoints('first_touch_source_specific', journey, sources))).toEqual([1])
    expect(ids(creditedTouchpoints('last_touch_source_specific', journey, sources))).toEqual([4])
    expect(ids(creditedTouchpoints('first_touch_source_specific', journey, new Set(['facebook_ads'])))).toEqual([2])
  })

  it('credits nothing without candidates', () => {
    for (const model of ['first_touch', 'last_touch', 'last_non_direct_touch', 'linear', 'linear_paid_ads',
      'u_shaped', 'first_touch_source_specific', 'last_touch_source_specific'] as const) {
      expect(creditedTouchpoints(model, [], sources)).toEqual([])
      expect(attributedTouchpoint(model, [], sources)).toBeNull()
    }
    expect(creditedTouchpoints('last_non_direct_touch', [tp(5, 5, 'direct')], sources)).toEqual([])
    expect(creditedTouchpoints('first_touch_source_specific', [tp(3, 3, null)], sources)).toEqual([])
    expect(creditedTouchpoints('last_touch_source_specific', [tp(3, 3, null)], sources)).toEqual([])
  })

  it('shows the latest credited touchpoint from the sources', () => {
    expect(attributedTouchpoint('linear', journey, sources)?.id).toBe(4)
    expect(attributedTouchpoint('first_touch', journey, sources)?.id).toBe(1)
    expect(attributedTouchpoint('last_touch', journey, sources)).toBeNull()
    expect(attributedTouchpoint('linear', [tp(3, 3, null)], new Set(['direct']))).toBeNull()
    expect(attributedTouchpoint('linear', journey, new Set(['direct']))?.id).toBe(5)
  })
})

describe('touchpoint sources', () => {
  it.each([
    [undefined, undefined, null],
    ['', 'organic', null],
    ['Facebook_Ads', undefined, 'facebook_ads'],
    ['google_organic', 'paid', 'google_organic'],
    ['Google', undefined, 'google_ads'],
    ['google', 'Organic', 'google_organic'],
    ['google', 'paid', 'google_ads'],
    ['messenger', 'organic', 'messenger_organic'],
    ['messenger', 'paid', 'messenger'],
    ['Newsletter', 'organic', 'newsletter']
  ])('%s / %s → %s', (source, type, expected) => {
    expect(touchpointSource(source, type)).toBe(expected)
  })
})

describe('event times', () => {
  it.each([
    [0, 0],
    [1_700_000_000, 1_700_000_000_000],
    [99_999_999_999, 99_999_999_999_000],
    [100_000_000_000, null],
    [-1, null],
    [1.5, null],
    ['1700000000', 1_700_000_000_000],
    ['0', 0],
    ['99999999999', 99_999_999_999_000],
    ['100000000000', null],
    ['1700000000.5', null],
    [' 1700000000', null],
    [true, null],
    [null, null],
    [[1_700_000_000], null],
    [['2024-01-01T00:00:00Z'], null],
    ['2024-02-29T12:34:56Z', Date.UTC(2024, 1, 29, 12, 34, 56)],
    ['2024-02-29 12:34:56', Date.UTC(2024, 1, 29, 12, 34, 56)],
    ['2024-02-29T12:34', Date.UTC(2024, 1, 29, 12, 34)],
    ['2024-02-29T12:34:56.789Z', Date.UTC(2024, 1, 29, 12, 34, 56, 789)],
    ['2024-02-29T12:34:56+02:00', Date.UTC(2024, 1, 29, 10, 34, 56)],
    ['2024-02-29T12:34:56-0130', Date.UTC(2024, 1, 29, 14, 4, 56)],
    ['2024-01-31T23:59:59Z', Date.UTC(2024, 0, 31, 23, 59, 59)],
    ['2024-12-01T00:00:00Z', Date.UTC(2024, 11, 1)],
    ['1970-01-01T00:00:00Z', 0],
    ['9999-12-31T23:59:59Z', Date.UTC(9999, 11, 31, 23, 59, 59)],
    ['2023-02-29T00:00:00Z', null],
    ['2024-04-31T00:00:00Z', null],
    ['2024-13-01T00:00:00Z', null],
    ['2024-00-01T00:00:00Z', null],
    ['2024-01-00T00:00:00Z', null],
    ['2024-01-01T24:00:00Z', null],
    ['2024-01-01T00:60:00Z', null],
    ['2024-01-01T00:00:60Z', null],
    ['1969-12-31T23:59:59Z', null],
    // A 1969 wall time that an offset would move into 1970 is still refused.
    ['1969-12-31T23:30:00-01:00', null],
    ['9999-12-31T23:59:59.999Z', 253_402_300_799_999],
    ['1970-01-01T00:00:00+00:01', null],
    ['9999-12-31T23:59:59-00:01', null],
    ['2024-01-01', null],
    ['x2024-01-01T00:00:00Z', null],
    ['2024-01-01T00:00:00Zx', null]
  ])('%s → %s', (value, expected) => {
    expect(readEventTime(value)).toBe(expected)
  })
})

// Under vitest's forks pool (vitest.config.ts): in a worker thread, as StrykerJS runs it, a change of TZ has no effect.
it('reads a time without an offset as UTC whatever the host\'s time zone', () => {
  const zone = process.env.TZ
  process.env.TZ = 'Asia/Kolkata'
  try {
    expect(readEventTime('2024-02-29T12:34:56')).toBe(Date.UTC(2024, 1, 29, 12, 34, 56))
    expect(readEventTime('2024-02-29 12:34')).toBe(Date.UTC(2024, 1, 29, 12, 34))
  } finally {
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
  }
})

describe('small event facts', () => {
  it('names an event by its label when it has one', () => {
    expect(configuredName('custom_event_1', { custom_event_1: 'Demo booked' })).toBe('Demo booked')
    expect(configuredName('custom_event_1', { custom_event_1: '  ' })).toBe('custom_event_1')
    expect(configuredName('custom_event_1', { custom_event_1: '' })).toBe('custom_event_1')
    expect(configuredName('custom_event_2', { custom_event_1: 'Demo booked' })).toBe('custom_event_2')
  })

  it('keeps a fingerprint and ip as one key', () => {
    expect(fingerprintKey('f"p', '1.2.3.4')).toBe('["f\\"p","1.2.3.4"]')
    expect(readFingerprintKey('["f\\"p","1.2.3.4"]')).toEqual({ fingerprint: 'f"p', ip: '1.2.3.4' })
  })

  it('reads path ids', () => {
    expect(readPathId('1', 'bad')).toBe(1)
    expect(readPathId('9007199254740991', 'bad')).toBe(9_007_199_254_740_991)
    expect(readPathId('9007199254740992', 'bad')).toBeUndefined()
    expect(readPathId('9223372036854775807', 'bad')).toBeUndefined()
    for (const raw of ['0', '01', '-1', '1.0', ' 1', '1 ', 'a', '', '9223372036854775808', '10000000000000000000']) {
      let thrown: unknown
      try { readPathId(raw, 'The id is invalid.') } catch (e) { thrown = e }
      expect(thrown, raw).toBeInstanceOf(ValidationError)
      expect((thrown as ValidationError).errors).toEqual({ id: ['The id is invalid.'] })
    }
  })

  it('takes company domains from emails', () => {
    expect(companyDomainOf('Ann@Acme.COM')).toBe('acme.com')
    expect(companyDomainOf('a@b@acme.io')).toBe('acme.io')
    expect(companyDomainOf('ann@GMail.com')).toBeNull()
    expect(companyDomainOf('ann@yandex.com')).toBeNull()
    expect(companyDomainOf('ann@')).toBeNull()
    expect(companyDomainOf('acme.com')).toBeNull()
    expect(companyDomainOf(null)).toBeNull()
    expect(companyDomainOf(undefined)).toBeNull()
    expect(domainKey('Acme.COM')).toBe('acme.com')
  })

  it('counts characters, not UTF-16 units', () => {
    expect(characterCount('')).toBe(0)
    expect(characterCount('abc')).toBe(3)
    expect(characterCount('a😀b')).toBe(3)
    expect(characterCount('\ud83d')).toBe(1)
    expect(characterCount('\ud83da')).toBe(2)
    expect(characterCount('\ude00\ud83d')).toBe(2)
    expect(characterCount('\ud7ff\udc00')).toBe(2)
    expect(characterCount('\udbff\udfff')).toBe(1)
    expect(characterCount('\udc00\udc00')).toBe(2)
    expect(characterCount('\ud800\ue000')).toBe(2)
    expect(characterCount('\ud800\udc00')).toBe(1)
    expect(characterCount('\ud83d\udc00')).toBe(1)
  })
})

describe('the track body', () => {
  const errorsOf = (body: Record<string, unknown>, legacy = false): Record<string, string[]> => {
    try {
      readTrackedEvent(body, { legacy })
    } catch (e) {
      if (e instanceof ValidationError) return e.errors
      throw e
    }
    throw new Error('accepted')
  }

  it('accepts a full body', () => {
    expect(readTrackedEvent({
      event_name: 'purchase',
      email: 'a@b.co',
      amount: '12.5',
      event_time: 1_700_000_000,
      is_upsell: '1',
      do_not_capi: 0,
      url: 'u'.repeat(2048),
      comet_source: 'x'.repeat(255),
      other: 1
    }, { legacy: false })).toEqual({
      event_name: 'purchase',
      email: 'a@b.co',
      amount: 12.5,
      event_time: 1_700_000_000_000,
      is_upsell: true,
      do_not_capi: false,
      url: 'u'.repeat(2048),
      comet_source: 'x'.repeat(255)
    })
    expect(readTrackedEvent({
      event_name: 'custom_event_50',
      fingerprint: 'f',
      ip: 'i',
      amount: -0,
      is_upsell: false,
      do_not_capi: true,
      email: ''
    }, { legacy: false }))
      .toEqual({
        event_name: 'custom_event_50',
        fingerprint: 'f',
        ip: 'i',
        amount: 0,
        is_upsell: false,
        do_not_capi: true
      })
    expect(readTrackedEvent({ event_name: 'lead_generated', comet_token: 't', is_upsell: 1, do_not_capi: '0' },
      { legacy: false }))
      .toEqual({ event_name: 'lead_generated', comet_token: 't', is_upsell: true, do_not_capi: false })
    expect(readTrackedEvent({ event_name: 'lead_generated', email: 'a@b.co', ip: 'i' }, { legacy: true }))
      .toEqual({ event_name: 'lead_generated', email: 'a@b.co', ip: 'i', is_upsell: false, do_not_capi: false })
    expect(readTrackedEvent({ event_name: 'purchase', email: 'a@b.co', amount: ' 1e12 ' }, { legacy: false }).amount)
      .toBe(1e12)
    expect(readTrackedEvent({ event_name: 'purchase', email: 'a@b.co', amount: -1e12 }, { legacy: false }).amount)
      .toBe(-1e12)
    expect(readTrackedEvent({ event_name: 'purchase', email: 'a@b.co', amount: '.5' }, { legacy: false }).amount)
      .toBe(0.5)
    expect(readTrackedEvent({ event_name: 'purchase', email: 'a@b.co', user_agent: '😀'.repeat(2048) },
      { legacy: false }).user_agent).toBe('😀'.repeat(2048))
  })

  it('names every failing rule', () => {
    expect(errorsOf({})).toEqual({
      event_name: ['The event name field is required.'],
      email: ['The email field is required when none of comet token / fingerprint are present.']
    })
    expect(errorsOf({ event_name: 'nope', ip: 'i', email: 'a@b.co' })).toEqual({
      event_name: ['The selected event name is invalid.'],
      fingerprint: ['The fingerprint field is required when ip is present.']
    })
    expect(errorsOf({ event_name: 7, fingerprint: 'f' })).toEqual({
      event_name: ['The selected event name is invalid.'],
      ip: ['The ip field is required when fingerprint is present.']
    })
    expect(errorsOf({ event_name: 'purchase', fingerprint: 'f', ip: '' })).toEqual({
      ip: ['The ip field is required when fingerprint is present.']
    })
    expect(errorsOf({
      event_name: 'purchase',
      email: 'not-an-email',
      comet_token: 5,
      url: 'u'.repeat(2049),
      phone: 'p'.repeat(256),
      amount: 'abc',
      is_upsell: 'yes',
      do_not_capi: 2,
      event_time: '2024-13-01'
    })).toEqual({
      email: ['The email field must be a valid email address.'],
      comet_token: ['The comet token field must be a string.'],
      url: ['The url field must not be greater than 2048 characters.'],
      phone: ['The phone field must not be greater than 255 characters.'],
      amount: ['The amount field must be a number.'],
      is_upsell: ['The is upsell field must be true or false.'],
      do_not_capi: ['The do not capi field must be true or false.'],
      event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', amount: 1e12 + 1 })).toEqual({
      amount: ['The amount field must be between -1000000000000 and 1000000000000.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', amount: '-1000000000001' })).toEqual({
      amount: ['The amount field must be between -1000000000000 and 1000000000000.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', amount: Infinity })).toEqual({
      amount: ['The amount field must be a number.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', amount: true })).toEqual({
      amount: ['The amount field must be a number.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', amount: ['5'] })).toEqual({
      amount: ['The amount field must be a number.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a b@c.d' })).toEqual({
      email: ['The email field must be a valid email address.']
    })
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', ip: 'i' })).toEqual({
      fingerprint: ['The fingerprint field is required when ip is present.']
    })
  })

  it('checks a present identity field as a string', () => {
    expect(errorsOf({ event_name: 'purchase', email: 'a@b.co', fingerprint: 5 })).toEqual({
      ip: ['The ip field is required when fingerprint is present.'],
      fingerprint: ['The fingerprint field must be a string.']
    })
    expect(errorsOf({ event_name: 'purchase', comet_token: 't', fingerprint: 'f', ip: 5 }, true)).toEqual({
      ip: ['The ip field must be a string.']
    })
  })
})
