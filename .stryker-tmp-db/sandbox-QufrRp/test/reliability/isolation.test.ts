// @ts-nocheck
// Isolation and access: a key of another Space gets 404 or nothing, never data, on every Cometly endpoint;
// every control call but health and the docs needs the admin token when one is set; and API keys appear in
// no log line, no journal entry and no response body, even under a load of hostile requests.
import type { LightMyRequestResponse } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../helpers/app.js'
import { readContact } from '../helpers/integrity.js'
import { jsonPost, type Outcome, reportFigures, type RequestSpec, runLoad, send } from '../helpers/load.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

const A_KEY = 'alpha-secret-key-0001'
const B_KEY = 'beta-secret-key-0001'
const SPACES = [{ name: 'Alpha', api_keys: [A_KEY] }, { name: 'Beta', api_keys: [B_KEY] }]
const A_CONTACT = {
  emails: ['alpha-only@alpha.example'],
  phones: ['+1 555 0199'],
  names: ['Alpha Only'],
  locations: ['Alphaville'],
  custom_fields: { profile_field_1: 'alpha-secret' }
}
/** Strings of Space A's data: none may appear in an answer to Space B. */
const A_MARKERS = ['alpha-only', 'Alpha Only', 'Alphaville', 'alpha-secret', '0199']

let t: TestApp | undefined
let proc: EmulatorProcess | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
  await proc?.stop('SIGKILL')
  proc = undefined
})

interface Ids { contact: number, export: number }
interface CrossSpaceCase {
  /** As in the OpenAPI document: METHOD /path under /public-api/v1. */
  name: string
  request: (ids: Ids) => { method: 'GET' | 'POST' | 'PUT', url: string, payload?: object }
  /** What Space B gets. */
  expected: (res: LightMyRequestResponse) => void
}

const notFound = (message: string) => (res: LightMyRequestResponse) => {
  expect({ status: res.statusCode, body: res.json() as unknown }).toEqual({ status: 404, body: { message } })
}

const CROSS_SPACE: CrossSpaceCase[] = [
  {
    name: 'GET /contacts/{id}',
    request: ({ contact }) => ({ method: 'GET', url: `/contacts/${contact}?include_comet_tokens=1&include_events=1` }),
    expected: notFound('Contact not found.')
  },
  {
    name: 'PUT /contacts/{id}',
    request: ({ contact }) => ({ method: 'PUT', url: `/contacts/${contact}`, payload: { names: ['Taken over'] } }),
    expected: notFound('Contact not found.')
  },
  {
    name: 'GET /contacts',
    request: () => ({
      method: 'GET',
      url: '/contacts?start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00' +
        '&include_all_emails=1&include_custom_fields=1'
    }),
    expected: (res) => {
      expect(res.statusCode).toBe(200)
      expect((res.json() as { data: unknown[] }).data).toEqual([])
    }
  },
  {
    name: 'POST /contacts',
    request: () => ({ method: 'POST', url: '/contacts', payload: { emails: ['beta@beta.example'] } }),
    expected: (res) => {
      expect(res.statusCode).toBe(201)
      expect(res.json()).toEqual({
        id: expect.any(Number),
        emails: ['beta@beta.example'],
        phones: [],
        names: [],
        locations: []
      })
    }
  },
  {
    name: 'POST /contacts/exports',
    request: () => ({
      method: 'POST',
      url: '/contacts/exports',
      payload: { start_date: '2000-01-01 00:00:00', end_date: '2024-01-01 00:00:00' }
    }),
    expected: (res) => { expect(res.statusCode).toBe(202) }
  },
  {
    name: 'GET /contacts/exports/{id}',
    request: (ids) => ({ method: 'GET', url: `/contacts/exports/${ids.export}` }),
    expected: (res) => { expect(res.statusCode).toBe(404) }
  }
]

async function openApiOperations (
  app: TestApp['app'],
  prefix: string
): Promise<Array<{ method: string, path: string }>> {
  const doc = (await app.inject({ method: 'GET', url: '/_emulator/openapi.json' }))
    .json() as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })))
}

describe('a key of another Space', () => {
  it('every Cometly endpoint has a row', async () => {
    t = await testApp()
    const names = (await openApiOperations(t.app, '/public-api/v1/'))
      .map(({ method, path }) => `${method} ${path.slice('/public-api/v1'.length)}`)
    expect(names.sort()).toEqual(CROSS_SPACE.map((c) => c.name).sort())
  })

  it.each(CROSS_SPACE)('$name: 404 or nothing, never Space A\'s data, ' +
    'and A is untouched', async ({ request, expected }) => {
    t = await testApp({ config: { spaces: SPACES } })
    const asA = await t.app.inject({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: A_CONTACT,
      headers: { authorization: `Bearer ${A_KEY}` }
    })
    const contact = (asA.json() as { id: number }).id
    const exported = await t.app.inject({
      method: 'POST',
      url: '/public-api/v1/contacts/exports',
      payload: { start_date: '2000-01-01 00:00:00', end_date: '2024-01-01 00:00:00' },
      headers: { authorization: `Bearer ${A_KEY}` }
    })
    const before = readContact(t.database.sqlite, contact)

    const { method, url, payload } = request({ contact, export: (exported.json() as { export_id: number }).export_id })
    const res = await t.app.inject({
      method,
      url: `/public-api/v1${url}`,
      ...(payload !== undefined && { payload }),
      headers: { authorization: `Bearer ${B_KEY}` }
    })
    expected(res)
    for (const marker of A_MARKERS) expect(res.body).not.toContain(marker)
    expect(readContact(t.database.sqlite, contact)).toEqual(before)
  })
})

describe('the control plane', () => {
  const TOKEN = 'admin-token-5ecret'
  const concrete = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'name' || name === 'token' ? 'x' : '1'))
  const OPEN = ['GET /_emulator/health', 'GET /_emulator/openapi.json']

  it('with an admin token set, every control call but health and the docs ' +
    'refuses a missing or wrong token', async () => {
    t = await testApp({ config: { adminToken: TOKEN, spaces: SPACES } })
    const operations = (await openApiOperations(t.app, '/_emulator/'))
      .filter(({ method, path }) => !OPEN.includes(`${method} ${path}`))
    expect(operations.length).toBeGreaterThan(10)
    for (const { method, path } of operations) {
      for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${A_KEY}`, `Bearer ${TOKEN}x`, TOKEN]) {
        const res = await t.app.inject({
          method: method as 'GET',
          url: concrete(path),
          headers: authorization === undefined ? {} : { authorization }
        })
        expect([method, path, authorization, res.statusCode, res.json()]).toEqual([method, path, authorization, 401,
          { message: 'This control call needs the admin token (Authorization: Bearer <token>).' }])
      }
    }
    for (const { path } of operations.filter((o) => o.method === 'GET')) {
      const res = await t.app.inject({
        method: 'GET',
        url: concrete(path),
        headers: { authorization: `Bearer ${TOKEN}` }
      })
      expect([path, res.statusCode]).not.toEqual([path, 401])
      expect(res.body).not.toContain(A_KEY)
    }
    for (const open of OPEN) {
      const res = await t.app.inject({ method: 'GET', url: open.split(' ')[1] as string })
      expect([open, res.statusCode]).toEqual([open, 200])
    }
  })

  it('without an admin token, control calls need none', async () => {
    t = await testApp()
    const res = await t.app.inject({ method: 'GET', url: '/_emulator/spaces' })
    expect(res.statusCode).toBe(200)
  })
})

describe('API keys never leak', () => {
  it('into the log, the journal or any response body, under a load of good and bad keys', async () => {
    const badKeys = Array.from({ length: 20 }, (_, i) => `bad-key-${i}-${'z'.repeat(i)}-unguessable`)
    const keys = [A_KEY, B_KEY, ...badKeys]
    proc = await startProcess({
      COMETLY_EMULATOR_SPACES: JSON.stringify(SPACES),
      LOG_LEVEL: 'trace',
      COMETLY_EMULATOR_RATE_LIMITS: 'off'
    })
    const bodies: string[] = []
    const record = (_spec: unknown, outcome: Outcome) => {
      expect(outcome.ok).toBe(true)
      if (outcome.ok) bodies.push(outcome.response.body, JSON.stringify(outcome.response.headers))
    }
    // Each key in every place a careless server might echo it: the Authorization header in its right and
    // wrong forms, and the headers that some clients use instead.
    const shapes = (key: string): Array<Record<string, string>> => [
      { authorization: `Bearer ${key}` },
      { authorization: `bearer   ${key}  ` },
      { authorization: `Basic ${key}` },
      { authorization: key },
      { authorization: `Bearer ${key} extra` },
      { 'x-api-key': key, authorization: 'Bearer' },
      { authorization: `Bearer ${key}`, 'content-type': 'application/xml' }
    ]
    const requests = keys.flatMap((key) => shapes(key).flatMap((headers): RequestSpec[] => [
      {
        ...jsonPost('/public-api/v1/contacts', key, { emails: ['leak@example.com'] }),
        headers: { 'content-type': 'application/json', ...headers }
      },
      {
        ...jsonPost('/public-api/v1/contacts', key, { emails: 'not-an-array' }),
        headers: { 'content-type': 'application/json', ...headers }
      },
      { method: 'GET', path: '/public-api/v1/contacts/999999', headers },
      { method: 'GET', path: '/public-api/v1/contacts?start_date=bad', headers },
      { method: 'DELETE', path: '/public-api/v1/contacts', headers },
      { method: 'GET', path: '/public-api/v1/nowhere', headers }
    ]))
    const sent = await runLoad({
      baseUrl: proc.url,
      concurrency: 8,
      next: (w, n) => requests[n * 8 + w],
      onOutcome: record
    })
    expect(sent).toBe(requests.length)

    for (const path of ['/_emulator/requests', '/_emulator/spaces']) {
      const res = await send(proc.url, { method: 'GET', path })
      record(undefined, res)
      expect(res.ok && res.response.status).toBe(200)
    }
    const journal = bodies.at(-4) as string
    expect(journal).toContain('"authorization":"Bearer …0001"')

    const { code } = await proc.stop('SIGTERM')
    expect(code).toBe(0)
    const output = [...proc.lines, proc.stderr()].join('\n')
    expect(output.split('\n').length).toBeGreaterThan(requests.length)
    for (const key of keys) {
      for (const [where, text] of [['log', output], ['responses', bodies.join('\n')]] as const) {
        const at = text.indexOf(key)
        expect(at, `${key} in the ${where}: ${text.slice(Math.max(0, at - 300), at + 100)}`).toBe(-1)
      }
    }
    reportFigures('key leaks', {
      requests: requests.length,
      keys: keys.length,
      logLines: proc.lines.length,
      responsesChecked: bodies.length / 2
    })
  }, 60_000)
})
