// @ts-nocheck
// Every rule of contract §4, with the exact Laravel 422 body it produces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await testApp({ config: { rateLimits: false } }) })
afterAll(async () => { await t.close() })

const post = async (body: unknown) =>
  await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: body as object })

const long = (n: number, c = 'a') => c.repeat(n)
const email = (length: number) => `${long(length - '@example.com'.length)}@example.com`

function invalid (key: string, message: string) {
  return { message, errors: { [key]: [message] } }
}

describe('create contact: one rule at a time', () => {
  it.each([
    ['emails missing', {}, invalid('emails', 'The emails field is required.')],
    ['emails null', { emails: null }, invalid('emails', 'The emails field is required.')],
    ['emails empty', { emails: [] }, invalid('emails', 'The emails field is required.')],
    ['emails not an array', { emails: 'a@example.com' }, invalid('emails', 'The emails field must be an array.')],
    ['emails an object', { emails: { a: 'a@example.com' } }, invalid('emails', 'The emails field must be an array.')],
    ['an email that is not one', { emails: ['nope'] },
      invalid('emails.0', 'The emails.0 field must be a valid email address.')],
    ['the second email bad', { emails: ['a@example.com', 'b@'] },
      invalid('emails.1', 'The emails.1 field must be a valid email address.')],
    ['an email over 255', { emails: [email(256)] },
      invalid('emails.0', 'The emails.0 field must not be greater than 255 characters.')],
    ['more than 100 emails', { emails: Array.from({ length: 101 }, (_, i) => `a${i}@example.com`) },
      invalid('emails', 'The emails field must not have more than 100 items.')],
    ['phones not an array', { emails: ['a@example.com'], phones: '555' },
      invalid('phones', 'The phones field must be an array.')],
    ['an empty phone', { emails: ['a@example.com'], phones: [''] },
      invalid('phones.0', 'The phones.0 field is required.')],
    ['a phone that is a number', { emails: ['a@example.com'], phones: [5550100] },
      invalid('phones.0', 'The phones.0 field must be a string.')],
    ['a name over 255', { emails: ['a@example.com'], names: [long(256)] },
      invalid('names.0', 'The names.0 field must not be greater than 255 characters.')],
    ['a null location', { emails: ['a@example.com'], locations: [null] },
      invalid('locations.0', 'The locations.0 field is required.')],
    ['custom_fields not an object', { emails: ['a@example.com'], custom_fields: 'x' },
      invalid('custom_fields', 'The custom fields field must be an array.')],
    ['custom_fields a list', { emails: ['a@example.com'], custom_fields: ['x'] },
      invalid('custom_fields', 'The custom fields field must be an array.')],
    ['slot 31', { emails: ['a@example.com'], custom_fields: { profile_field_31: 'x' } },
      invalid('custom_fields.profile_field_31', 'The custom fields.profile field 31 field is prohibited.')],
    ['slot foo', { emails: ['a@example.com'], custom_fields: { foo: 'x' } },
      invalid('custom_fields.foo', 'The custom fields.foo field is prohibited.')],
    ['slot 0', { emails: ['a@example.com'], custom_fields: { profile_field_0: 'x' } },
      invalid('custom_fields.profile_field_0', 'The custom fields.profile field 0 field is prohibited.')],
    ['text slot over 10,240', { emails: ['a@example.com'], custom_fields: { profile_field_1: long(10_241) } },
      invalid('custom_fields.profile_field_1',
        'The custom fields.profile field 1 field must not be greater than 10240 characters.')],
    ['text slot a number', { emails: ['a@example.com'], custom_fields: { profile_field_15: 7 } },
      invalid('custom_fields.profile_field_15', 'The custom fields.profile field 15 field must be a string.')],
    ['number slot text', { emails: ['a@example.com'], custom_fields: { profile_field_16: 'abc' } },
      invalid('custom_fields.profile_field_16', 'The custom fields.profile field 16 field must be a number.')],
    ['number slot empty string', { emails: ['a@example.com'], custom_fields: { profile_field_20: '' } },
      invalid('custom_fields.profile_field_20', 'The custom fields.profile field 20 field must be a number.')],
    ['number slot hex', { emails: ['a@example.com'], custom_fields: { profile_field_25: '0x1A' } },
      invalid('custom_fields.profile_field_25', 'The custom fields.profile field 25 field must be a number.')],
    ['number slot boolean', { emails: ['a@example.com'], custom_fields: { profile_field_16: true } },
      invalid('custom_fields.profile_field_16', 'The custom fields.profile field 16 field must be a number.')],
    // PHP reads "1e400" as INF, a number: Laravel's between refuses it, and so does the slot's bound.
    ['number slot overflow', { emails: ['a@example.com'], custom_fields: { profile_field_16: '1e400' } },
      invalid('custom_fields.profile_field_16', 'The custom fields.profile field 16 field must be between ' +
        '-1000000000000000 and 1000000000000000.')],
    ['date slot 2024-13-45', { emails: ['a@example.com'], custom_fields: { profile_field_26: '2024-13-45' } },
      invalid('custom_fields.profile_field_26', 'The custom fields.profile field 26 field must be a valid date.')],
    ['date slot 2023-02-29', { emails: ['a@example.com'], custom_fields: { profile_field_27: '2023-02-29' } },
      invalid('custom_fields.profile_field_27', 'The custom fields.profile field 27 field must be a valid date.')],
    ['date slot 24:00', { emails: ['a@example.com'], custom_fields: { profile_field_28: '2024-01-01 24:00:00' } },
      invalid('custom_fields.profile_field_28', 'The custom fields.profile field 28 field must be a valid date.')],
    ['date slot words', { emails: ['a@example.com'], custom_fields: { profile_field_29: 'tomorrow' } },
      invalid('custom_fields.profile_field_29', 'The custom fields.profile field 29 field must be a valid date.')],
    ['date slot a number', { emails: ['a@example.com'], custom_fields: { profile_field_30: 20240101 } },
      invalid('custom_fields.profile_field_30', 'The custom fields.profile field 30 field must be a valid date.')]
  ])('%s → 422', async (_name, body, expected) => {
    const res = await post(body)
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.json()).toEqual(expected)
  })
})

describe('create contact: boundaries that pass', () => {
  it.each([
    ['an email of exactly 255', { emails: [email(255)] }],
    ['100 emails', { emails: Array.from({ length: 100 }, (_, i) => `a${i}@example.com`) }],
    ['a phone of exactly 255', { emails: ['a@example.com'], phones: [long(255, '5')] }],
    ['null collections', { emails: ['a@example.com'], phones: null, names: null, locations: null }],
    ['empty collections', { emails: ['a@example.com'], phones: [], names: [], locations: [] }],
    ['a text slot of exactly 10,240', { emails: ['a@example.com'], custom_fields: { profile_field_1: long(10_240) } }],
    ['numeric strings and numbers', {
      emails: ['a@example.com'],
      custom_fields: {
        profile_field_16: '500',
        profile_field_17: ' -1.5e3 ',
        profile_field_18: '.5',
        profile_field_19: 42,
        profile_field_20: -0.25
      }
    }],
    ['every date form', {
      emails: ['a@example.com'],
      custom_fields: {
        profile_field_26: '2024-02-29',
        profile_field_27: '2024-02-29 23:59:59',
        profile_field_28: '2024-02-29T23:59:59Z',
        profile_field_29: '2024-02-29T23:59:59.123+02:00',
        profile_field_30: '2024-02-29T23:59'
      }
    }],
    ['null slots', {
      emails: ['a@example.com'],
      custom_fields: { profile_field_1: null, profile_field_16: null, profile_field_26: null }
    }],
    ['an empty custom_fields', { emails: ['a@example.com'], custom_fields: {} }],
    ['custom_fields null', { emails: ['a@example.com'], custom_fields: null }]
  ])('%s → 201', async (_name, body) => {
    const res = await post(body)
    expect(res.statusCode).toBe(201)
    const sent = body as Record<string, unknown>
    expect(res.json()).toEqual({
      id: expect.any(Number),
      emails: sent.emails,
      phones: sent.phones ?? [],
      names: sent.names ?? [],
      locations: sent.locations ?? [],
      ...(sent.custom_fields !== undefined && sent.custom_fields !== null && { custom_fields: sent.custom_fields })
    })
  })

  it('stores numbers as numbers and dates in one UTC form', async () => {
    const res = await post({
      emails: ['a@example.com'],
      custom_fields: {
        profile_field_16: '500',
        profile_field_17: ' -1.5e3 ',
        profile_field_26: '2024-02-29',
        profile_field_27: '2024-02-29T23:59:59.123+02:00',
        profile_field_1: null
      }
    })
    const row = t.database.sqlite.prepare('select * from contacts where id = ?')
      .get((res.json() as { id: number }).id) as Record<string, unknown>
    expect(row).toMatchObject({
      profile_field_16: 500,
      profile_field_17: -1500,
      profile_field_26: '2024-02-29 00:00:00',
      profile_field_27: '2024-02-29 21:59:59',
      profile_field_1: null
    })
  })
})

describe('create contact: several failures', () => {
  it('lists every failure, in rule order, and counts the others in the message', async () => {
    const res = await post({
      emails: ['nope', 'a@example.com'],
      phones: [''],
      custom_fields: { profile_field_16: 'abc', profile_field_26: '2024-13-45' }
    })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({
      message: 'The emails.0 field must be a valid email address. (and 3 more errors)',
      errors: {
        'emails.0': ['The emails.0 field must be a valid email address.'],
        'phones.0': ['The phones.0 field is required.'],
        'custom_fields.profile_field_16': ['The custom fields.profile field 16 field must be a number.'],
        'custom_fields.profile_field_26': ['The custom fields.profile field 26 field must be a valid date.']
      }
    })
  })

  it('says "1 more error" for two', async () => {
    const res = await post({ emails: ['nope'], names: [''] })
    expect(res.json()).toEqual({
      message: 'The emails.0 field must be a valid email address. (and 1 more error)',
      errors: {
        'emails.0': ['The emails.0 field must be a valid email address.'],
        'names.0': ['The names.0 field is required.']
      }
    })
  })

  it('gives one value two messages when it breaks two rules', async () => {
    const res = await post({ emails: [`${long(300)}@`] })
    expect(res.json()).toEqual({
      message: 'The emails.0 field must not be greater than 255 characters. (and 1 more error)',
      errors: {
        'emails.0': [
          'The emails.0 field must not be greater than 255 characters.',
          'The emails.0 field must be a valid email address.'
        ]
      }
    })
  })
})

describe('unknown top-level fields', () => {
  it('are ignored and named in X-Emulator-Warning', async () => {
    const res = await post({ emails: ['a@example.com'], email: 'typo@example.com', tags: ['x'] })
    expect(res.statusCode).toBe(201)
    expect(res.headers['x-emulator-warning']).toBe('ignored unknown fields: "email", "tags"')
    expect(res.json()).toEqual({
      id: expect.any(Number),
      emails: ['a@example.com'],
      phones: [],
      names: [],
      locations: []
    })
  })

  it('are quoted safely in the header whatever their characters', async () => {
    const res = await post({ emails: ['a@example.com'], 'naïve\n': 1 })
    expect(res.statusCode).toBe(201)
    expect(res.headers['x-emulator-warning']).toBe('ignored unknown fields: "na\\u00efve\\n"')
  })

  it('are a 422 in strict mode', async () => {
    const strict = await testApp({ config: { strict: true } })
    try {
      const res = await strict.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['a@example.com'], tags: ['x'] }
      })
      expect(res.statusCode).toBe(422)
      expect(res.json()).toEqual(invalid('tags', 'The tags field is prohibited.'))
    } finally {
      await strict.close()
    }
  })
})
