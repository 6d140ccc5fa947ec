// @ts-nocheck
// Any input, no 5xx: generated bodies (arbitrary JSON, wrong types, deep nesting, huge and odd strings,
// duplicate keys, bytes that are not JSON) at every write endpoint. The answer is a 2xx or a 4xx in the
// envelope, never a 5xx or a hang, and the database holds exactly what the 2xx answers reported.
// Seeded: FC_SEED=<n> replays a run, RELIABILITY_RUNS=<n> changes the cases per property.
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { type TestApp, testApp } from '../helpers/app.js'
import { checkIntegrity, readContact } from '../helpers/integrity.js'
import { reportFigures } from '../helpers/load.js'

const SEED = Number(process.env.FC_SEED ?? 7_2024)
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 250)
const BODY_LIMIT = 256 * 1024
const COLLECTIONS = ['emails', 'phones', 'names', 'locations'] as const

interface Context { contactId: number }

/** A write endpoint: adding one is adding a row. `reports` says which stored collections a 2xx echoes. */
interface WriteEndpoint {
  name: string
  method: 'POST' | 'PUT'
  url: (ctx: Context) => string
  /** A body it accepts; generated bodies start from it. */
  valid: Record<string, unknown>
  /** The 2xx status it answers with. */
  success: number
  /** True when a 2xx body is a contact whose collections must match what is stored. */
  reportsContact: boolean
  /** True when a valid call can leave a contact without emails (an update with `"emails": []`). */
  mayEmptyEmails: boolean
}

const WRITE_ENDPOINTS: WriteEndpoint[] = [
  {
    name: 'POST /contacts',
    method: 'POST',
    url: () => '/public-api/v1/contacts',
    valid: {
      emails: ['ada@example.com'],
      phones: ['+1 555 0100'],
      names: ['Ada'],
      locations: ['London'],
      custom_fields: { profile_field_1: 'vip' }
    },
    success: 201,
    reportsContact: true,
    mayEmptyEmails: false
  },
  {
    name: 'PUT /contacts/{id}',
    method: 'PUT',
    url: ({ contactId }) => `/public-api/v1/contacts/${contactId}`,
    valid: {
      emails: ['grace@example.com'],
      phones: ['+1 555 0101'],
      names: ['Grace'],
      locations: ['Arlington'],
      custom_fields: { profile_field_16: 3 }
    },
    success: 200,
    reportsContact: true,
    mayEmptyEmails: true
  },
  {
    name: 'POST /contacts/exports',
    method: 'POST',
    url: () => '/public-api/v1/contacts/exports',
    valid: {
      start_date: '2023-12-01 00:00:00',
      end_date: '2024-01-01 00:00:00',
      include_comet_tokens: true,
      include_all_emails: false
    },
    success: 202,
    reportsContact: false,
    mayEmptyEmails: false
  }
]

// Keys that have tripped JavaScript servers before, mixed with the endpoints' own field names.
const KEY = fc.oneof(
  fc.constantFrom('emails', 'phones', 'names', 'locations', 'custom_fields', 'profile_field_1', 'profile_field_16',
    'profile_field_26', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'emails.0',
    '$ref', 'start_date', 'end_date'),
  fc.string({ maxLength: 12, unit: 'binary' })
)
// Unicode that breaks naive code: lone surrogates, NUL, bidi overrides, combining marks, emoji sequences.
const ODD_STRING = fc.oneof(
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 40, unit: 'grapheme-composite' }),
  fc.constantFrom('\ud800', '\udfff', 'a\u0000b', '\u202egnp.exe', 'e\u0301\u0301\u0301', '👩‍👩‍👧‍👦', '\ufeff',
    '\u2028\u2029', 'ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ', 'ada@exämple.com', 'ada@[127.0.0.1]', '"ada"@example.com', '\\', '%00',
    "'; drop table contacts; --", '{{7*7}}')
)
const ODD_EMAIL = fc.tuple(ODD_STRING, fc.constantFrom('@example.com', '@', '', '@xn--e1afmkfd.xn--p1ai', '@例え.テスト'))
  .map(([a, b]) => a + b)
const HUGE_STRING = fc.tuple(fc.constantFrom('a', 'é', '😀', '\u0000', ' '), fc.integer({ min: 256, max: 320_000 }))
  .map(([c, n]) => c.repeat(n))
const VALUE: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  ODD_STRING,
  fc.array(ODD_STRING, { maxLength: 5 }),
  fc.array(ODD_EMAIL, { minLength: 1, maxLength: 5 }),
  fc.dictionary(KEY, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constantFrom(null, true, 0, -1, 1e308, -0, '', [], {}, [null], [[]], [{}], ['']),
  fc.array(fc.constant('a@example.com'), { minLength: 99, maxLength: 102 })
)

/** Nested arrays or objects `depth` levels deep, as text (built iteratively: it can be deeper than a stack). */
function nested (depth: number, kind: 'array' | 'object', core: string): string {
  return kind === 'array'
    ? '['.repeat(depth) + core + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + core + '}'.repeat(depth)
}

/** JSON object text from [key, value text] pairs, keeping duplicates (JSON.stringify cannot). */
function objectText (pairs: Array<[string, string]>): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
}

interface Payload { body: string | Buffer, contentType?: string }

function payloads (endpoint: WriteEndpoint): Record<string, fc.Arbitrary<Payload>> {
  const validPairs = Object.entries(endpoint.valid).map(([k, v]): [string, string] => [k, JSON.stringify(v)])
  const json = (value: unknown): Payload => ({ body: JSON.stringify(value) ?? 'null', contentType: 'application/json' })
  return {
    'arbitrary JSON values': fc.jsonValue().map(json),
    'wrong types in known fields': fc.record(
      Object.fromEntries(Object.keys(endpoint.valid).map((k) => [k, VALUE])),
      { requiredKeys: [] }
    ).chain((fields) => fc.dictionary(KEY, VALUE, { maxKeys: 4 }).map((extra) => json({ ...extra, ...fields }))),
    'odd Unicode and huge strings in valid bodies': fc.tuple(
      fc.constantFrom(...Object.keys(endpoint.valid)),
      fc.oneof(ODD_STRING, ODD_EMAIL, HUGE_STRING),
      fc.nat(3)
    ).map(([field, text, where]) => {
      const body: Record<string, unknown> = structuredClone(endpoint.valid)
      const value = body[field]
      if (field === 'custom_fields') {
        body.custom_fields = { [`profile_field_${[1, 16, 26, 31][where]}`]: text }
      } else if (Array.isArray(value)) {
        value.splice(where % (value.length + 1), 0, text)
      } else {
        body[field] = text
      }
      return json(body)
    }),
    'deep nesting': fc.tuple(
      fc.integer({ min: 1, max: 100_000 }),
      fc.constantFrom<'array' | 'object'>('array', 'object'),
      fc.constantFrom('top', ...Object.keys(endpoint.valid), 'unknown_field')
    ).map(([depth, kind, where]) => {
      const deep = nested(depth, kind, '"a@example.com"')
      if (where === 'top') return { body: deep, contentType: 'application/json' }
      const pairs = validPairs.filter(([k]) => k !== where)
      return { body: objectText([...pairs, [where, deep]]), contentType: 'application/json' }
    }),
    'duplicate keys': fc.array(
      fc.tuple(fc.constantFrom(...Object.keys(endpoint.valid)), VALUE.map((v) => JSON.stringify(v) ?? 'null')),
      { minLength: 1, maxLength: 8 }
    ).map((extra) => ({
      body: objectText([...validPairs, ...extra, ...validPairs.slice(0, 1)]),
      contentType: 'application/json'
    })),
    'bytes that are not JSON': fc.tuple(
      fc.oneof(
        fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
        fc.nat(200).map((cut) => Buffer.from(JSON.stringify(endpoint.valid).slice(0, cut))),
        fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), Buffer.from([0xff, 0xfe, 0x7b, 0x00]),
          Buffer.from('\u0000'), Buffer.from('NaN'))
      ),
      fc.constantFrom('application/json', 'application/json; charset=latin1', 'application/vnd.api+json', 'text/plain',
        'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/octet-stream', '', 'json',
        '*/*;;;')
    ).map(([body, contentType]) => ({ body, contentType })),
    'bodies over the size limit': fc.tuple(
      fc.integer({ min: 1, max: 64 * 1024 }),
      fc.constantFrom('application/json', 'text/plain')
    ).map(([extra, contentType]) => ({
      body: JSON.stringify({ ...endpoint.valid, padding: 'x'.repeat(BODY_LIMIT + extra) }),
      contentType
    }))
  }
}

let t: TestApp
let ctx: Context
let cases = 0
let successes = 0
let rowsChecked = 0
beforeEach(async () => {
  t = await testApp({ config: { rateLimits: false, bodyLimit: BODY_LIMIT } })
  const res = await t.request({
    method: 'POST',
    url: '/public-api/v1/contacts',
    payload: { emails: ['seed@example.com'] }
  })
  ctx = { contactId: (res.json() as { id: number }).id }
})
afterEach(async () => { await t.close() })
afterAll(() => { reportFigures('bad input', { seed: SEED, runsPerProperty: RUNS, cases, successes, rowsChecked }) })

const HANG_MS = 10_000

async function inject (endpoint: WriteEndpoint, payload: Payload): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`no answer in ${HANG_MS} ms`)) }, HANG_MS)
  })
  try {
    return await Promise.race([hang, t.app.inject({
      method: endpoint.method,
      url: endpoint.url(ctx),
      payload: payload.body,
      headers: {
        authorization: `Bearer ${DEV_API_KEY}`,
        ...(payload.contentType !== undefined && { 'content-type': payload.contentType })
      }
    })])
  } finally {
    clearTimeout(timer)
  }
}

/** The answer is 2xx, or a 4xx whose body is exactly the envelope; a 2xx contact is stored as reported. */
function checkAnswer (endpoint: WriteEndpoint, res: LightMyRequestResponse): void {
  cases++
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  const body = res.json() as Record<string, unknown>
  if (res.statusCode >= 200 && res.statusCode < 300) {
    expect(res.statusCode).toBe(endpoint.success)
    successes++
    if (!endpoint.reportsContact) return
    const stored = readContact(t.database.sqlite, body.id as number)
    expect(stored).toBeDefined()
    for (const collection of COLLECTIONS) {
      if (body[collection] !== undefined) expect(stored?.[collection]).toEqual(body[collection])
    }
    rowsChecked += 1 + COLLECTIONS.reduce((n, c) => n + (stored?.[c].length ?? 0), 0)
    return
  }
  expect(res.statusCode).toBeGreaterThanOrEqual(400)
  expect(res.statusCode).toBeLessThan(500)
  expect(typeof body.message).toBe('string')
  expect(Object.keys(body).filter((k) => k !== 'message' && k !== 'errors')).toEqual([])
  if (body.errors !== undefined) {
    expect(res.statusCode).toBe(422)
    for (const messages of Object.values(body.errors as Record<string, unknown>)) {
      expect(Array.isArray(messages) && messages.every((m) => typeof m === 'string')).toBe(true)
    }
  }
}

function checkDatabase (endpoint: WriteEndpoint): void {
  const report = checkIntegrity(t.database.sqlite)
  expect(report.problems).toEqual([])
  if (!endpoint.mayEmptyEmails) expect(report.contactsWithoutEmail).toBe(0)
  rowsChecked += report.contacts + report.items
}

it('every write endpoint of the Cometly surface has a row', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/_emulator/openapi.json' }))
    .json() as { paths: Record<string, Record<string, unknown>> }
  const writes = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/public-api/v1/'))
    .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path.slice('/public-api/v1'.length)}`))
  expect(writes.sort()).toEqual(WRITE_ENDPOINTS.map((e) => e.name).sort())
})

describe.each(WRITE_ENDPOINTS)('$name', (endpoint) => {
  it.each(Object.entries(payloads(endpoint)))('%s: 2xx or a 4xx envelope, ' +
    'and nothing half-written', async (_name, arbitrary) => {
    await fc.assert(fc.asyncProperty(arbitrary, async (payload) => {
      checkAnswer(endpoint, await inject(endpoint, payload))
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true })
    checkDatabase(endpoint)
  }, 120_000)

  it('still answers normally afterwards', async () => {
    const res = await inject(endpoint, { body: JSON.stringify(endpoint.valid), contentType: 'application/json' })
    expect(res.statusCode).toBe(endpoint.success)
  })
})

// PHP's json_decode() refuses these where JSON.parse() accepts them; Laravel then reads empty input.
describe('JSON that Laravel cannot read is empty input', () => {
  const post = async (body: string) =>
    await inject(WRITE_ENDPOINTS[0] as WriteEndpoint, { body, contentType: 'application/json' })
  const REQUIRED = { message: 'The emails field is required.', errors: { emails: ['The emails field is required.'] } }
  const withDeepField = (arrays: number) => `{"emails":["deep@example.com"],"x":${nested(arrays, 'array', '1')}}`

  it('nesting up to 512 levels is read', async () => {
    const res = await post(withDeepField(511))
    expect(res.statusCode).toBe(201)
    expect(res.headers['x-emulator-warning']).toBe('ignored unknown fields: "x"')
  })

  it('nesting of 513 levels is not', async () => {
    const res = await post(withDeepField(512))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(REQUIRED)
    expect(res.headers['x-emulator-warning']).toBe('body is not valid JSON: Maximum stack depth exceeded')
  })

  it.each([
    ['a lone high surrogate', '"\\ud83d"'],
    ['a lone low surrogate', '"\\ude00x"'],
    ['a lone surrogate in a key', '{"\\ud800": 1}']
  ])('%s', async (_name, value) => {
    const res = await post('{"emails":["a@example.com"],' +
      `"names":[${value.startsWith('{') ? '"n"' : value}],"y":${value}}`)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(REQUIRED)
    expect(res.headers['x-emulator-warning'])
      .toBe('body is not valid JSON: Single unpaired UTF-16 surrogate in unicode escape')
    expect(checkIntegrity(t.database.sqlite).contacts).toBe(1)
  })

  it('a surrogate pair written as escapes is one character', async () => {
    const res = await post('{"emails":["a@example.com"],"names":["\\ud83d\\ude00"]}')
    expect(res.statusCode).toBe(201)
    expect(readContact(t.database.sqlite, (res.json() as { id: number }).id)?.names).toEqual(['😀'])
  })
})
