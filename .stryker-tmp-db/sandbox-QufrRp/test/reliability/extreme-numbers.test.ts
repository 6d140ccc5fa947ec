// @ts-nocheck
// Every place that takes a number, at and beyond its bound (src/wire/bounds.ts): outside it the answer is a 422
// naming the field and nothing changes; at it, what was accepted reads back everywhere and every header stays
// a plain integer. A raw `1e999` is sent as text, because JSON.parse turns it into Infinity.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CONTROL_ID_MAX, FAULT_COUNT_MAX, LATENCY_MAX_MS, NUMBER_VALUE_MAX, PER_MINUTE_MAX, RETRY_AFTER_MAX_SECONDS,
  SCALE_MAX, SEED_MAX, TIME_MAX_MS
} from '../../src/wire/bounds.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { controlClient } from '../helpers/control.js'

let t: TestApp
let control: ReturnType<typeof controlClient>
beforeEach(async () => {
  t = await testApp()
  control = controlClient(t.app)
})
afterEach(async () => { await t.close() })

const between = (field: string, min: number, max: number) => {
  const name = field.split('.').some((s) => /^\d+$/.test(s)) ? field : field.replaceAll('_', ' ')
  const text = `The ${name} field must be between ${min} and ${max}.`
  return { message: text, errors: { [field]: [text] } }
}
const SLOT = 'custom_fields.profile_field_16'
const BOUND = between(SLOT, -NUMBER_VALUE_MAX, NUMBER_VALUE_MAX)
const RANGE = 'start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00'
const notInteger = (field: string) => ({
  message: `The ${field} field must be an integer.`,
  errors: { [field]: [`The ${field} field must be an integer.`] }
})

async function raw (method: string, url: string, body: string, headers: Record<string, string> = {}) {
  const res = await t.request({
    method: method as 'POST', url, payload: body, headers: { 'content-type': 'application/json', ...headers }
  })
  return { status: res.statusCode, body: res.body === '' ? null : res.json(), headers: res.headers }
}

/** Everything a number could have changed: the Space, its faults, both clocks and the stored contacts. */
async function everything () {
  const contacts = t.database.sqlite.prepare('select * from contacts order by id').all()
  return {
    spaces: (await control('GET', '/spaces')).body,
    faults: (await control('GET', '/faults')).body,
    clock: (await control('GET', '/clock')).body,
    spaceClock: (await control('GET', '/spaces/1/clock')).body,
    contacts
  }
}

describe('number slots: |x| ≤ 10^15, read back exactly', () => {
  const create = async (value: string) => await raw('POST', '/public-api/v1/contacts',
    `{"emails":["a@example.com"],"custom_fields":{"profile_field_16":${value}}}`)

  it.each([
    ['1e999 (JSON.parse makes it Infinity)', '1e999'],
    ['-1e999', '-1e999'],
    ['1e308', '1e308'],
    ['a 40-digit integer', '1234567890123456789012345678901234567890'],
    ['the string "1e999"', '"1e999"'],
    ['a 40-digit numeric string', '"1234567890123456789012345678901234567890"'],
    ['just above the bound', '1000000000000001'],
    ['just below minus the bound', '-1000000000000001']
  ])('%s → 422 naming the slot, no row written', async (_name, value) => {
    const before = await everything()
    expect(await create(value)).toMatchObject({ status: 422, body: BOUND })
    expect(await everything()).toEqual(before)
  })

  it('an update past the bound is a 422 and leaves the contact as it was (no 500 after the commit)', async () => {
    const { body } = await create('5')
    const before = await everything()
    const res = await raw('PUT', `/public-api/v1/contacts/${body.id as number}`,
      '{"custom_fields":{"profile_field_16":1e999}}')
    expect(res).toMatchObject({ status: 422, body: BOUND })
    expect(await everything()).toEqual(before)
  })

  it.each([
    ['the bound', '1000000000000000', 1e15],
    ['minus the bound', '"-1000000000000000"', -1e15],
    ['-0, which JSON cannot give back', '-0', 0],
    ['"-0"', '"-0"', 0],
    ['a long decimal', '0.1234567890123456789', Number('0.1234567890123456789')],
    ['a tiny number', '5e-324', 5e-324],
    ['numeric text with white space', '" 42 "', 42]
  ])('%s is stored and reads back as the same number on get, list and Space export', async (_n, value, expected) => {
    const { status, body } = await create(value)
    expect(status).toBe(201)
    const id = body.id as number
    const got = (await t.request({ method: 'GET', url: `/public-api/v1/contacts/${id}` })).json()
    expect(Object.is(Number(got.custom_fields.profile_field_16), expected)).toBe(true)
    const list = (await t.request({ method: 'GET', url: `/public-api/v1/contacts?${RANGE}&include_custom_fields=1` }))
      .json()
    expect(Object.is(Number(list.data[0].custom_fields.profile_field_16), expected)).toBe(true)
    const exported = (await control('GET', '/spaces/1/export')).body
    expect(Object.is(exported.contacts[0].custom_fields.profile_field_16, expected)).toBe(true)
    const imported = await control('POST', '/spaces/1/import', exported)
    expect(imported).toEqual({ status: 200, body: { contacts: 1 }, headers: expect.anything() })
    expect((await control('GET', '/spaces/1/export')).body).toEqual(exported)
  })

  it('a filter value past the bound is a 422 naming it', async () => {
    const filters = encodeURIComponent(JSON.stringify([
      { field: 'profile_field_16', operator: 'greater_than', value: '1e999' }
    ]))
    const url = `/public-api/v1/contacts?${RANGE}&custom_field_filters=${filters}`
    const res = await t.request({ method: 'GET', url })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(between('custom_field_filters.0.value', -NUMBER_VALUE_MAX, NUMBER_VALUE_MAX))
  })

  it('an age filter beyond 3,652,059 days is a 422 naming it, not a 500', async () => {
    const filters = encodeURIComponent(JSON.stringify([
      { field: 'profile_field_26', operator: 'age_greater_than', value: '99999999999999999999' }
    ]))
    const url = `/public-api/v1/contacts?${RANGE}&custom_field_filters=${filters}`
    const res = await t.request({ method: 'GET', url })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(between('custom_field_filters.0.value', 0, 3_652_059))
  })
})

describe('date slots: years 0001–9999', () => {
  const create = async (value: string) => await t.request({
    method: 'POST',
    url: '/public-api/v1/contacts',
    payload: { emails: ['a@example.com'], custom_fields: { profile_field_26: value } }
  })

  it.each([
    ['0001-01-01', '0001-01-01 00:00:00'],
    ['0050-06-15 12:00:00', '0050-06-15 12:00:00'],
    ['0099-12-31T23:59:59Z', '0099-12-31 23:59:59'],
    ['9999-12-31 23:59:59', '9999-12-31 23:59:59'],
    ['0001-01-01T05:00:00+05:00', '0001-01-01 00:00:00']
  ])('%s is stored as %s (no 1900s for years under 100)', async (value, stored) => {
    const res = await create(value)
    expect(res.statusCode).toBe(201)
    const got = (await t.request({ method: 'GET', url: `/public-api/v1/contacts/${res.json().id as number}` })).json()
    expect(got.custom_fields.profile_field_26).toBe(stored)
    const exported = (await control('GET', '/spaces/1/export')).body
    expect((await control('POST', '/spaces/1/import', exported)).status).toBe(200)
    expect((await control('GET', '/spaces/1/export')).body).toEqual(exported)
  })

  it.each([
    '0000-01-01', '9999-12-31T23:59:59-00:01', '0001-01-01T00:00:00+00:01', '10000-01-01'
  ])('%s is not a date the stored form can hold: 422', async (value) => {
    const res = await create(value)
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual({
      'custom_fields.profile_field_26': ['The custom fields.profile field 26 field must be a valid date.']
    })
  })
})

describe('the virtual clock: 1970-01-01 to 9999-12-31T23:59:59.999Z', () => {
  const END = '9999-12-31T23:59:59.999Z'

  it.each([
    ['/clock/set', { to: 1e21 }, between('to', 0, TIME_MAX_MS)],
    ['/clock/set', '{"to":1e999}', between('to', 0, TIME_MAX_MS)],
    ['/clock/set', { to: -1 }, between('to', 0, TIME_MAX_MS)],
    ['/clock/set', { to: '+275760-09-13T00:00:00.000Z' }, {
      message: `The to field must be a date before or equal to ${END}.`,
      errors: { to: [`The to field must be a date before or equal to ${END}.`] }
    }],
    ['/clock/set', { to: '1969-12-31T23:59:59Z' }, {
      message: 'The to field must be a date after or equal to 1970-01-01T00:00:00.000Z.',
      errors: { to: ['The to field must be a date after or equal to 1970-01-01T00:00:00.000Z.'] }
    }],
    ['/clock/freeze', { at: 9e15 }, between('at', 0, TIME_MAX_MS)],
    ['/spaces/1/clock/freeze', '{"at":-1e999}', between('at', 0, TIME_MAX_MS)],
    ['/clock/advance', { ms: 1e300 }, between('ms', -TIME_MAX_MS, TIME_MAX_MS)],
    ['/clock/advance', '{"ms":1e999}', between('ms', -TIME_MAX_MS, TIME_MAX_MS)],
    ['/spaces/1/clock/advance', { ms: TIME_MAX_MS }, between('ms', -1704067200000, TIME_MAX_MS - 1704067200000)],
    ['/clock/advance', { ms: -1704067200001 }, between('ms', -1704067200000, TIME_MAX_MS - 1704067200000)]
  ])('POST %s %j → 422 naming the field, the clock unchanged', async (url, body, expected) => {
    const before = await everything()
    const res = await t.app.inject({
      method: 'POST',
      url: `/_emulator${url}`,
      payload: body,
      headers: { 'content-type': 'application/json' }
    })
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 422, body: expected })
    expect(await everything()).toEqual(before)
  })

  it('at its very end, everything still reads back, and a Space ahead of it stops there', async () => {
    expect((await control('POST', '/clock/set', { to: END })).body.now).toBe(END)
    await control('POST', '/spaces/1/clock/advance', { ms: 0 })
    // The global clock may not go further, so a Space's layer over it cannot either.
    expect((await control('POST', '/clock/advance', { ms: 1 })).status).toBe(422)
    expect((await control('GET', '/spaces/1/clock')).body).toMatchObject({ now: END, now_ms: TIME_MAX_MS })
    const created = await t.request({
      method: 'POST', url: '/public-api/v1/contacts', payload: { emails: ['end@example.com'] }
    })
    expect(created.statusCode).toBe(201)
    const list = await t.request({
      method: 'GET',
      url: '/public-api/v1/contacts?start_date=9999-12-31%2000:00:00&end_date=9999-12-31%2023:59:59'
    })
    expect(list.json().data.map((row: { id: number }) => row.id)).toEqual([created.json().id])
    const exported = (await control('GET', '/spaces/1/export')).body
    expect(exported.contacts[0].created_at).toBe(END)
    expect((await control('POST', '/spaces/1/import', exported)).status).toBe(200)
  })

  it('reads are held within the range even when a Space runs ahead of the global clock', async () => {
    await control('POST', '/spaces/1/clock/advance', { ms: 86_400_000 })
    await control('POST', '/clock/set', { to: END })
    expect((await control('GET', '/spaces/1/clock')).body).toMatchObject({ now: END, now_ms: TIME_MAX_MS })
    expect((await control('POST', '/spaces/1/clock/advance', { ms: -1000 })).body.now).toBe('9999-12-31T23:59:58.999Z')
  })
})

describe('fault rules', () => {
  it.each([
    [{ status: 429, retry_after: 1e21 }, between('retry_after', 1, RETRY_AFTER_MAX_SECONDS)],
    [{ status: 429, retry_after: 0 }, between('retry_after', 1, RETRY_AFTER_MAX_SECONDS)],
    [{ latency_ms: 1e21 }, between('latency_ms', 0, LATENCY_MAX_MS)],
    [{ status: 500, times: 1e300 }, between('times', 1, FAULT_COUNT_MAX)],
    [{ status: 500, after: FAULT_COUNT_MAX + 1 }, between('after', 0, FAULT_COUNT_MAX)],
    [{ status: 500, probability: 0.5, seed: -1 }, between('seed', 0, SEED_MAX)],
    [{ status: 500, probability: 0.5, seed: SEED_MAX + 1 }, between('seed', 0, SEED_MAX)],
    [{ status: 500, probability: 1.5 }, between('probability', 0, 1)],
    [{ status: 700 }, between('status', 400, 599)]
  ])('%j → 422 naming the field, no rule added', async (spec, expected) => {
    const before = await everything()
    expect(await control('POST', '/spaces/1/faults', spec)).toMatchObject({ status: 422, body: expected })
    expect(await everything()).toEqual(before)
  })

  it('a raw 1e999 is outside every bound', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/_emulator/spaces/1/faults',
      payload: '{"status":429,"retry_after":1e999}',
      headers: { 'content-type': 'application/json' }
    })
    expect({ status: res.statusCode, body: res.json() })
      .toEqual({ status: 422, body: between('retry_after', 1, RETRY_AFTER_MAX_SECONDS) })
  })

  it('at the bounds, a forced 429\'s headers are plain integers (no exponent), at the end of time too', async () => {
    await control('POST', '/clock/set', { to: TIME_MAX_MS })
    await control('PATCH', '/spaces/1', { rate_limits: { per_minute: { createContact: PER_MINUTE_MAX } } })
    const rule = await control('POST', '/spaces/1/faults', {
      status: 429, retry_after: RETRY_AFTER_MAX_SECONDS, times: FAULT_COUNT_MAX, after: 1
    })
    expect(rule.status).toBe(201)
    const ok = await raw('POST', '/public-api/v1/contacts', '{"emails":["a@example.com"]}')
    expect(ok.status).toBe(201)
    expect(ok.headers['x-ratelimit-limit']).toBe(String(PER_MINUTE_MAX))
    const forced = await raw('POST', '/public-api/v1/contacts', '{"emails":["a@example.com"]}')
    expect(forced.status).toBe(429)
    for (const name of ['retry-after', 'x-ratelimit-reset', 'x-ratelimit-limit', 'x-ratelimit-remaining']) {
      expect(String(forced.headers[name]), name).toMatch(/^\d+$/)
    }
    expect(forced.headers['retry-after']).toBe('86400')
    expect(forced.headers['x-ratelimit-reset']).toBe(String(Math.ceil((TIME_MAX_MS + 86_400_000) / 1000)))
  })

  it.each([
    'retry_after=100000000000000000000000', 'latency=1e21', 'status=200', 'latency=600001', 'retry_after=0'
  ])('X-Emulator-Fault: %s is out of range: ignored with a warning', async (header) => {
    const res = await raw('POST', '/public-api/v1/contacts', '{"emails":["a@example.com"]}',
      { 'x-emulator-fault': header })
    expect(res.status).toBe(201)
    expect(res.headers['x-emulator-warning']).toMatch(/^X-Emulator-Fault: /)
  })
})

describe('rate-limit overrides', () => {
  it.each([
    [{ per_minute: { createContact: 1e300 } }, between('rate_limits.per_minute.createContact', 1, PER_MINUTE_MAX)],
    [{ per_minute: { createContact: 0 } }, between('rate_limits.per_minute.createContact', 1, PER_MINUTE_MAX)],
    [{ scale: 1e300 }, between('rate_limits.scale', 0.001, SCALE_MAX)],
    [{ scale: 1e-300 }, between('rate_limits.scale', 0.001, SCALE_MAX)],
    [{ scale: 0 }, between('rate_limits.scale', 0.001, SCALE_MAX)]
  ])('%j → 422 naming the field, the Space unchanged', async (limits, expected) => {
    const before = await everything()
    expect(await control('PATCH', '/spaces/1', { rate_limits: limits })).toMatchObject({ status: 422, body: expected })
    expect(await control('POST', '/spaces', { rate_limits: limits })).toMatchObject({ status: 422, body: expected })
    expect(await everything()).toEqual(before)
  })

  it('a raw 1e999 scale is outside the bound', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/_emulator/spaces/1',
      payload: '{"rate_limits":{"scale":1e999}}',
      headers: { 'content-type': 'application/json' }
    })
    expect({ status: res.statusCode, body: res.json() })
      .toEqual({ status: 422, body: between('rate_limits.scale', 0.001, SCALE_MAX) })
  })

  it('the largest scale gives plain integer headers', async () => {
    await control('PATCH', '/spaces/1', { rate_limits: { scale: SCALE_MAX } })
    const res = await raw('POST', '/public-api/v1/contacts', '{"emails":["a@example.com"]}')
    expect(res.headers['x-ratelimit-limit']).toBe('60000')
  })
})

describe('ids in control-plane paths: decimal digits from 1 to 2^53−1', () => {
  it.each([
    ['GET', '/spaces/99999999999999999999', between('spaceId', 1, CONTROL_ID_MAX)],
    ['GET', '/spaces/9007199254740992', between('spaceId', 1, CONTROL_ID_MAX)],
    ['GET', '/spaces/0', between('spaceId', 1, CONTROL_ID_MAX)],
    ['DELETE', '/spaces/1/faults/99999999999999999999', between('faultId', 1, CONTROL_ID_MAX)],
    ['DELETE', '/spaces/1/keys/99999999999999999999', between('keyId', 1, CONTROL_ID_MAX)],
    ['GET', '/spaces/1e3', notInteger('spaceId')],
    ['GET', '/spaces/0x1', notInteger('spaceId')],
    ['GET', '/spaces/1.0', notInteger('spaceId')],
    ['GET', '/spaces/01', notInteger('spaceId')],
    ['GET', '/spaces/1/requests?limit=1e3', notInteger('limit')],
    ['GET', '/spaces/1/requests?limit=2000000', between('limit', 1, 1_000_000)],
    ['GET', '/requests?status=1e3', notInteger('status')],
    ['GET', '/requests?since_id=99999999999999999999', between('since_id', 0, CONTROL_ID_MAX)]
  ])('%s %s → 422 naming it', async (method, url, expected) => {
    expect(await control(method as 'GET', url)).toMatchObject({ status: 422, body: expected })
  })

  it('the largest id is a plain 404 that names it as sent', async () => {
    expect(await control('GET', `/spaces/${CONTROL_ID_MAX}`))
      .toMatchObject({ status: 404, body: { message: `Space ${CONTROL_ID_MAX} not found.` } })
  })
})

describe('seeds, Space imports and their times', () => {
  it.each([
    [{ contacts: [{ emails: ['a@example.com'], created_at: 1e21 }] },
      between('contacts.0.created_at', 0, TIME_MAX_MS)],
    [{ contacts: [{ emails: ['a@example.com'], events: [{ event_name: 'x', event_time: 0, amount: 1e300 }] }] },
      between('contacts.0.events.0.amount', -NUMBER_VALUE_MAX, NUMBER_VALUE_MAX)],
    [{ generate: { count: 1, seed: -1 } }, between('generate.seed', 0, SEED_MAX)],
    [{ generate: { count: 200_001 } }, between('generate.count', 1, 200_000)]
  ])('seed %j → 422 naming the field, nothing written', async (seed, expected) => {
    const before = await everything()
    expect(await control('POST', '/spaces/1/seed', seed)).toMatchObject({ status: 422, body: expected })
    expect(await everything()).toEqual(before)
  })

  it('a time past 9999 in any row names its path, and an import that fails changes nothing', async () => {
    await control('POST', '/spaces/1/seed', { contacts: [{ emails: ['kept@example.com'] }] })
    await control('PATCH', '/spaces/1', { time_zone: 'Europe/Paris' })
    const before = await everything()
    const text = 'The contacts.1.browsing_hits.0.visited_at field must be a date before or equal to ' +
      '9999-12-31T23:59:59.999Z.'
    const res = await control('POST', '/spaces/1/import', {
      space: { time_zone: 'UTC' },
      contacts: [
        { emails: ['new@example.com'] },
        { emails: ['b@example.com'], browsing_hits: [{ url: 'https://example.com', visited_at: '+010000-01-01T00:00:00Z' }] }
      ]
    })
    expect(res).toMatchObject({
      status: 422, body: { message: text, errors: { 'contacts.1.browsing_hits.0.visited_at': [text] } }
    })
    expect(await everything()).toEqual(before)
  })

  it('an import with a raw 1e999 amount is a 422 and leaves the Space as it was', async () => {
    await control('POST', '/spaces/1/seed', { contacts: [{ emails: ['kept@example.com'] }] })
    const before = await everything()
    const res = await t.app.inject({
      method: 'POST',
      url: '/_emulator/spaces/1/import',
      payload: '{"space":{"time_zone":"Asia/Tokyo"},"contacts":[{"emails":["x@example.com"],' +
        '"events":[{"event_name":"a","event_time":0,"amount":1e999}]}]}',
      headers: { 'content-type': 'application/json' }
    })
    expect(res.statusCode).toBe(422)
    expect(await everything()).toEqual(before)
  })
})

describe('every accepted number has a stated bound', () => {
  type Schema = Record<string, unknown>
  /** Number schemas without both bounds, by where they are; enums and consts are bounded by their list. */
  function unbounded (schema: unknown, at: string, found: string[]): string[] {
    if (typeof schema !== 'object' || schema === null) return found
    const s = schema as Schema
    const types = [s.type].flat()
    const numeric = types.includes('number') || types.includes('integer')
    const hasMin = s.minimum !== undefined || s.exclusiveMinimum !== undefined
    const hasMax = s.maximum !== undefined || s.exclusiveMaximum !== undefined
    if (numeric && s.enum === undefined && s.const === undefined && !(hasMin && hasMax)) found.push(at)
    for (const [key, child] of Object.entries(s)) {
      if (key === 'properties' || key === 'patternProperties') {
        for (const [name, sub] of Object.entries(child as Schema)) unbounded(sub, `${at}.${name}`, found)
      } else if (Array.isArray(child)) child.forEach((sub, i) => unbounded(sub, `${at}.${key}[${i}]`, found))
      else if (typeof child === 'object') unbounded(child, `${at}.${key}`, found)
    }
    return found
  }

  it('in every request schema of the OpenAPI document (Cometly\'s path ids follow Decision D3)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/_emulator/openapi.json' })).json()
    const found: string[] = []
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const parameters = (operation.parameters ?? []) as Array<{ name: string, in: string, schema: unknown }>
        for (const parameter of parameters) {
          if (path.startsWith('/public-api/') && parameter.in === 'path' && parameter.name === 'id') continue
          unbounded(parameter.schema, `${method} ${path} ${parameter.in} ${parameter.name}`, found)
        }
        const body = (operation.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content
        for (const media of Object.values(body ?? {})) unbounded(media.schema, `${method} ${path} body`, found)
      }
    }
    expect(found).toEqual([])
  })
})
