// @ts-nocheck
// The smaller wire facts, each at its edges: the cursor codec, PHP's query parser, the error catalogue, API-key
// parsing, time zones, date ranges, and the limits table.
import { describe, expect, it } from 'vitest'
import { bearerKey, hashApiKey, keyHint } from '../../src/wire/api-keys.js'
import { CONTROL_MESSAGES, ControlError, conflict, notFound } from '../../src/wire/control-errors.js'
import { decodeCursor, encodeCursor } from '../../src/wire/cursor.js'
import { readDateRange, readTime } from '../../src/wire/date-range.js'
import {
  ApiError, ForbiddenError, MESSAGES, NotFoundError, statusError, TooManyRequestsError, UnauthenticatedError,
  ValidationError
} from '../../src/wire/errors.js'
import { pairName, parseLaravelQuery, rawQueryPairs } from '../../src/wire/laravel-query.js'
import { limitFor, RATE_LIMITS } from '../../src/wire/rate-limits.js'
import { laravelTimestamp, zonedWallTimeToUtc } from '../../src/wire/time-zone.js'

const b64 = (text: string): string => Buffer.from(text).toString('base64url')

describe('cursor codec', () => {
  it('keeps several columns, strings and numbers, and both directions', () => {
    const cursor = { parameters: { created_at: '2024-01-01', id: 7 }, pointsToNextItems: false }
    const encoded = encodeCursor(cursor)
    expect(Buffer.from(encoded, 'base64url').toString())
      .toBe('{"created_at":"2024-01-01","id":7,"_pointsToNextItems":false}')
    expect(decodeCursor(encoded, ['created_at', 'id'])).toEqual(cursor)
    expect(decodeCursor(`${encoded}==`, ['created_at', 'id'])).toEqual(cursor)
  })

  it.each([
    ['padding in the middle', `${b64('{"id":1,"_pointsToNextItems":true}').slice(0, 4)}=${b64('x')}`],
    ['three = at the end', `${b64('{"id":1,"_pointsToNextItems":true}')}===`],
    ['standard base64 characters', '+/+/'],
    ['not JSON', b64('{nope')],
    ['a JSON array', b64('[1,2]')],
    ['a JSON string', b64('"x"')],
    ['direction as text', b64('{"id":1,"_pointsToNextItems":"true"}')],
    ['a column as a boolean', b64('{"id":true,"_pointsToNextItems":true}')],
    ['a column as null', b64('{"id":null,"_pointsToNextItems":true}')],
    ['a column missing', b64('{"_pointsToNextItems":true}')],
    ['other characters before a good cursor', `!${b64('{"id":1,"_pointsToNextItems":true}')}`],
    ['other characters after a good cursor', `${b64('{"id":1,"_pointsToNextItems":true}')}!`]
  ])('refuses %s', (_name, encoded) => {
    expect(decodeCursor(encoded, ['id'])).toBeNull()
  })

  it('takes a column that is a string', () => {
    expect(decodeCursor(b64('{"id":"9","_pointsToNextItems":true}'), ['id']))
      .toEqual({ parameters: { id: '9' }, pointsToNextItems: true })
  })
})

describe('PHP\'s query parser', () => {
  const plain = (query: string): unknown => JSON.parse(JSON.stringify(parseLaravelQuery(query)))

  it.each([
    ['', {}],
    ['&&a=1&', { a: '1' }],
    ['a[]=x&a[]=y&a[]=z', { a: ['x', 'y', 'z'] }],
    ['a[2]=x&a[]=y', { a: { 2: 'x', 3: 'y' } }],
    ['a[0]=x&a[1]=y', { a: ['x', 'y'] }],
    ['a=1&a[]=2', { a: ['2'] }],
    ['a[]=1&a=2', { a: '2' }],
    ['a[b]=1&a[b][c]=2', { a: { b: { c: '2' } } }],
    ['a[b][c]=1&a[b]=2', { a: { b: '2' } }],
    ['[a]=1', { '[a]': '1' }],
    ['a]=1', { 'a]': '1' }],
    ['a[=1', { 'a[': '1' }],
    ['a[b=1', { 'a[b': '1' }],
    ['a[b]c=1', { a: { b: '1' } }],
    ['a.b[c.d]=1', { a_b: { 'c.d': '1' } }],
    ['a+b=c+d', { a_b: 'c d' }],
    ['%61=%62', { a: 'b' }],
    ['a=%zz', { a: '%zz' }],
    ['a[b][c][d][e][f][g][h][i][j]=1', { a: { b: { c: { d: { e: { f: { g: { h: { i: '1' } } } } } } } } }],
    ['a=1=2', { a: '1=2' }],
    ['a=%zz+b', { a: '%zz b' }],
    ['=x&a=1', { a: '1' }],
    ['a[x]=1&a[]=2', { a: { x: '1', 0: '2' } }],
    ['a[1x]=p&a[]=q', { a: { '1x': 'p', 0: 'q' } }],
    ['a[x1]=p&a[]=q', { a: { x1: 'p', 0: 'q' } }],
    ['a[10]=p&a[]=q', { a: { 10: 'p', 11: 'q' } }],
    ['a[0]=x&a[5]=y', { a: { 0: 'x', 5: 'y' } }],
    ['a=1&a[b]=2', { a: { b: '2' } }]
  ])('%j', (query, expected) => { expect(plain(query)).toEqual(expected) })

  it('keeps the raw pairs of a URL as sent, and names them as PHP would', () => {
    expect(rawQueryPairs('/x?a=1&&b%5B0%5D=2&c')).toEqual(['a=1', 'b%5B0%5D=2', 'c'])
    expect(rawQueryPairs('/x')).toEqual([])
    expect(rawQueryPairs('/x?')).toEqual([])
    expect(['a=1', 'b%5B0%5D=2', 'c', 'd.e=1', 'f+g[h]=1'].map(pairName)).toEqual(['a', 'b', 'c', 'd_e', 'f_g'])
  })
})

describe('the error catalogue', () => {
  it('renders each error\'s status, message and headers', () => {
    expect([new UnauthenticatedError(), new ForbiddenError(MESSAGES.keyNotPermitted), new NotFoundError('Gone.')]
      .map((e) => [e.statusCode, e.body(), e.headers, e.name])).toEqual([
      [401, { message: 'Unauthenticated.' }, {}, 'ApiError'],
      [403, { message: 'This API key does not have permission to access this resource.' }, {}, 'ApiError'],
      [404, { message: 'Gone.' }, {}, 'ApiError']
    ])
    const limited = new TooManyRequestsError(45, 1_704_067_260_001)
    expect([limited.statusCode, limited.body(), limited.headers])
      .toEqual([429, { message: 'Too Many Attempts.' }, { 'retry-after': 45, 'x-ratelimit-reset': 1_704_067_261 }])
  })

  it.each([
    [503, 'Service Unavailable'], [502, 'Bad Gateway'], [418, 'I\'m a Teapot'], [599, 'Server Error'],
    [499, 'Bad Request']
  ])('statusError(%i) says %j', (status, message) => {
    expect(statusError(status, { a: 1 })).toMatchObject({ statusCode: status, message, headers: { a: 1 } })
  })

  it('summarizes a 422 as Laravel does', () => {
    expect(new ValidationError({}).message).toBe('The given data was invalid.')
    expect(new ValidationError({ a: ['A.'] }).message).toBe('A.')
    expect(new ValidationError({ a: ['A.', 'B.'] }).message).toBe('A. (and 1 more error)')
    expect(new ValidationError({ a: ['A.'], b: ['B.', 'C.'] }).body())
      .toEqual({ message: 'A. (and 2 more errors)', errors: { a: ['A.'], b: ['B.', 'C.'] } })
  })

  it('has the texts of every route and method error', () => {
    expect(MESSAGES.routeNotFound('public-api/v1/x')).toBe('The route public-api/v1/x could not be found.')
    expect(MESSAGES.methodNotAllowed('DELETE', 'public-api/v1/contacts', ['GET', 'POST']))
      .toBe('The DELETE method is not supported for route public-api/v1/contacts. Supported methods: GET, POST.')
  })

  it('the control plane\'s texts and statuses', () => {
    expect(notFound(CONTROL_MESSAGES.spaceNotFound(3)))
      .toMatchObject({ statusCode: 404, message: 'Space 3 not found.' })
    expect(conflict(CONTROL_MESSAGES.keyTaken)).toMatchObject({ statusCode: 409 })
    expect(notFound('x')).toBeInstanceOf(ControlError)
    expect(notFound('x')).toBeInstanceOf(ApiError)
    expect([
      CONTROL_MESSAGES.keyNotFound(4), CONTROL_MESSAGES.faultNotFound(5), CONTROL_MESSAGES.snapshotNotFound('s'),
      CONTROL_MESSAGES.snapshotIncompatible('s'), CONTROL_MESSAGES.seedInvalid('bad'),
      CONTROL_MESSAGES.spaceNameTaken('n')
    ]).toEqual([
      'API key 4 not found or already revoked.', 'Fault 5 not found.', 'Snapshot "s" not found.',
      'Snapshot "s" was taken with other migrations and cannot be restored here.', 'The seed is invalid: bad',
      'A Space named "n" already exists.'
    ])
  })
})

describe('API keys', () => {
  it.each([
    ['Bearer abc', 'abc'], ['bearer abc', 'abc'], ['BEARER  abc  ', 'abc'], ['Bearer a.b-c_d', 'a.b-c_d']
  ])('%j carries %j', (header, key) => { expect(bearerKey(header)).toBe(key) })

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'abc', 'Bearer a b', 'xBearer abc', 'Bearer\tabc'])(
    '%j carries no key', (header) => { expect(bearerKey(header)).toBeUndefined() })

  it('shows only the last four characters of a key longer than eight, and hashes it', () => {
    expect([keyHint('12345678'), keyHint('123456789'), keyHint('')]).toEqual(['…', '…6789', '…'])
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('time zones and ranges', () => {
  it.each([
    ['2024-01-01 00:00:00', 'Pacific/Kiritimati', '2023-12-31T10:00:00.000Z'],
    ['2024-01-01 00:00:00', 'America/St_Johns', '2024-01-01T03:30:00.000Z'],
    ['2024-03-31 02:30:00', 'Europe/Paris', '2024-03-31T01:30:00.000Z'],
    ['2024-10-27 02:30:00', 'Europe/Paris', '2024-10-27T00:30:00.000Z'],
    // Around each daylight-saving change, both ways, north and south, and within three hours after it.
    ['2024-03-31 01:59:59', 'Europe/Paris', '2024-03-31T00:59:59.000Z'],
    ['2024-03-31 03:00:00', 'Europe/Paris', '2024-03-31T01:00:00.000Z'],
    ['2024-03-31 04:30:00', 'Europe/Paris', '2024-03-31T02:30:00.000Z'],
    ['2024-10-27 01:59:59', 'Europe/Paris', '2024-10-26T23:59:59.000Z'],
    ['2024-10-27 03:00:00', 'Europe/Paris', '2024-10-27T02:00:00.000Z'],
    ['2024-10-27 04:00:00', 'Europe/Paris', '2024-10-27T03:00:00.000Z'],
    ['2024-10-27 05:30:00', 'Europe/Paris', '2024-10-27T04:30:00.000Z'],
    ['2024-03-10 01:59:59', 'America/New_York', '2024-03-10T06:59:59.000Z'],
    ['2024-03-10 03:00:00', 'America/New_York', '2024-03-10T07:00:00.000Z'],
    ['2024-03-10 05:00:00', 'America/New_York', '2024-03-10T09:00:00.000Z'],
    ['2024-11-03 02:00:00', 'America/New_York', '2024-11-03T07:00:00.000Z'],
    ['2024-11-03 03:30:00', 'America/New_York', '2024-11-03T08:30:00.000Z'],
    ['2024-04-07 02:30:00', 'Australia/Sydney', '2024-04-06T15:30:00.000Z'],
    ['2024-04-07 04:00:00', 'Australia/Sydney', '2024-04-06T18:00:00.000Z'],
    ['2024-10-06 02:30:00', 'Australia/Sydney', '2024-10-05T16:30:00.000Z'],
    ['2024-10-06 04:00:00', 'Australia/Sydney', '2024-10-05T17:00:00.000Z'],
    ['2024-04-07 01:45:00', 'Australia/Lord_Howe', '2024-04-06T14:45:00.000Z'],
    ['2024-04-07 03:00:00', 'Australia/Lord_Howe', '2024-04-06T16:30:00.000Z'],
    ['0050-06-15 12:00:00', 'UTC', '0050-06-15T12:00:00.000Z'],
    ['9999-12-31 23:59:59', 'UTC', '9999-12-31T23:59:59.000Z']
  ])('%s in %s is %s', (wall, zone, utc) => {
    expect(new Date(zonedWallTimeToUtc(wall, zone)).toISOString()).toBe(utc)
  })

  it('refuses what is not a wall time', () => {
    expect(() => zonedWallTimeToUtc('2024-01-01T00:00:00', 'UTC')).toThrow('not a wall time')
  })

  it('renders Laravel\'s microsecond timestamps', () => {
    expect(laravelTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 6))).toBe('2024-01-02T03:04:05.006000Z')
  })

  it('a range holds both ends, the whole last second; an end not after the start is a 422', () => {
    expect(readDateRange('2024-01-01 00:00:00', '2024-01-01 00:00:01', 'UTC'))
      .toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 1, 0, 0, 1, 999) })
    for (const end of ['2024-01-01 00:00:00', '2023-12-31 23:59:59']) {
      expect(() => readDateRange('2024-01-01 00:00:00', end, 'UTC')).toThrow(ValidationError)
    }
    try {
      readDateRange('2024-01-01 00:00:00', '2024-01-01 00:00:00', 'UTC')
    } catch (error) {
      expect((error as ValidationError).errors)
        .toEqual({ end_date: ['The end date field must be a date after start date.'] })
    }
  })

  it.each([
    [0, 0], ['1970-01-01T00:00:00Z', 0], [253_402_300_799_999, 253_402_300_799_999],
    ['9999-12-31T23:59:59.999Z', 253_402_300_799_999]
  ])('readTime(%j) is %i', (value, ms) => { expect(readTime(value, 'to')).toBe(ms) })

  it.each([
    ['nope', 'The to field must be a valid date.'],
    [-1, 'The to field must be a date after or equal to 1970-01-01T00:00:00.000Z.'],
    ['1969-12-31T23:59:59.999Z', 'The to field must be a date after or equal to 1970-01-01T00:00:00.000Z.'],
    [253_402_300_800_000, 'The to field must be a date before or equal to 9999-12-31T23:59:59.999Z.'],
    [Infinity, 'The to field must be a date before or equal to 9999-12-31T23:59:59.999Z.'],
    [Number.NaN, 'The to field must be a valid date.']
  ])('readTime(%j) is a 422: %s', (value, text) => {
    expect(() => readTime(value, 'to')).toThrow(expect.objectContaining({ errors: { to: [text] } }))
  })
})

describe('the limits table', () => {
  const on = { enabled: true, scale: 1 }
  it('gives each endpoint its own number, scaled, rounded, at least 1 and at most 1,000,000', () => {
    expect(limitFor('createContact', on)).toBe(60)
    expect(limitFor('listEvents', on)).toBe(RATE_LIMITS.listEvents.perMinute)
    expect(limitFor('createContact', { enabled: true, scale: 0.5 })).toBe(30)
    expect(limitFor('createContactExport', { enabled: true, scale: 0.3 })).toBe(2)
    expect(limitFor('createContactExport', { enabled: true, scale: 0.001 })).toBe(1)
    expect(limitFor('createContact', { enabled: true, scale: 1e9 })).toBe(1_000_000)
    expect(limitFor('createContact', on, { scale: 2 })).toBe(120)
    expect(limitFor('createContact', on, { per_minute: { createContact: 7 } })).toBe(7)
    expect(limitFor('createContact', on, { scale: 2, per_minute: { getContact: 7 } })).toBe(120)
    expect(limitFor('createContact', on, { per_minute: { createContact: 1e300 } })).toBe(1_000_000)
    expect(limitFor('createContact', on, { per_minute: { createContact: 0 } })).toBe(1)
  })

  it('is off when the settings or the Space say so; the Space wins', () => {
    expect(limitFor('createContact', { enabled: false, scale: 1 })).toBeNull()
    expect(limitFor('createContact', on, { enabled: false })).toBeNull()
    expect(limitFor('createContact', { enabled: false, scale: 1 }, { enabled: true })).toBe(60)
  })
})
