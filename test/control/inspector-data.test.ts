// The Data panel's company and event browse routes, through app.inject(): whole bodies and headers, the order,
// the searches, keyset pages and the bounds of every parameter. Contacts are in test/control/inspector.test.ts;
// what the page does with these routes in a browser is test/control/inspector-ui.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { CONTROL_ID_MAX } from '../../src/wire/bounds.js'
import { START, testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp
afterEach(async () => { await t?.close() })

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' }
const error = (field: string, text: string) => ({ message: text, errors: { [field]: [text] } })

const seed = {
  companies: [
    { domain: 'acme.example', name: 'Acme Corp', created_at: '2023-06-01T00:00:00Z' },
    { domain: 'globex.example', name: 'Globex' }
  ],
  contacts: [
    {
      emails: ['ada@acme.example'],
      created_at: '2024-01-01T00:00:00Z',
      conversions: [{ event_name: 'purchase', event_time: '2024-01-02T00:00:00Z', amount: 99 }],
      touchpoints: [{ source: 'google', event_time: '2024-01-01T18:00:00Z', url: 'https://example.com/' }]
    },
    { emails: ['bob@acme.example', 'bob@home.example'], created_at: '2024-01-01T00:00:00Z' },
    // Makes a third company, named as its domain (Decision D32).
    { emails: ['carol@initech.example'], created_at: '2024-01-01T00:00:00Z' }
  ]
}

async function seeded (): Promise<ReturnType<typeof controlClient>> {
  t = await testApp()
  const control = controlClient(t.app)
  expect((await control('POST', '/spaces/1/seed', seed)).status).toBe(201)
  return control
}

describe('company browsing', () => {
  it('pages newest first (highest id first) on the keyset, with each company\'s contact count', async () => {
    const control = await seeded()
    const page1 = await control('GET', '/spaces/1/companies?limit=2')
    expect(page1).toEqual({
      status: 200,
      headers: expect.objectContaining(JSON_HEADERS),
      body: {
        data: [
          {
            id: 3,
            domain: 'initech.example',
            name: 'initech.example',
            contacts: 1,
            created_at: START,
            updated_at: START
          },
          { id: 2, domain: 'globex.example', name: 'Globex', contacts: 0, created_at: START, updated_at: START }
        ],
        next_before: 2
      }
    })
    expect((await control('GET', '/spaces/1/companies?limit=2&before=2')).body).toEqual({
      data: [{
        id: 1,
        domain: 'acme.example',
        name: 'Acme Corp',
        contacts: 2,
        created_at: '2023-06-01T00:00:00.000Z',
        updated_at: '2023-06-01T00:00:00.000Z'
      }],
      next_before: null
    })
    // The default limit (50) holds them all; a `before` past the newest is the first page.
    const all = (await control('GET', '/spaces/1/companies')).body
    expect(all.data.map((c: { id: number }) => c.id)).toEqual([3, 2, 1])
    expect(all.next_before).toBeNull()
    expect((await control('GET', `/spaces/1/companies?before=${CONTROL_ID_MAX}`)).body).toEqual(all)
    expect((await control('GET', '/spaces/1/companies?before=1')).body).toEqual({ data: [], next_before: null })
  })

  it('searches the domain and the name in any case, LIKE wildcards as plain characters', async () => {
    const control = await seeded()
    const search = async (q: string): Promise<number[]> =>
      (await control('GET', `/spaces/1/companies?q=${encodeURIComponent(q)}`)).body.data
        .map((c: { id: number }) => c.id)
    expect(await search('ACME')).toEqual([1])
    expect(await search('corp')).toEqual([1])
    expect(await search('glob')).toEqual([2])
    expect(await search('.example')).toEqual([3, 2, 1])
    expect(await search('  initech  ')).toEqual([3])
    expect(await search('')).toEqual([3, 2, 1])
    expect(await search('%')).toEqual([])
    expect(await search('a_m')).toEqual([])
    // A search pages too.
    expect((await control('GET', '/spaces/1/companies?q=example&limit=1&before=3')).body)
      .toEqual({ data: [expect.objectContaining({ id: 2 })], next_before: 2 })
  })

  it('is the Space\'s own, and empty after a reset', async () => {
    const control = await seeded()
    const other = await control('POST', '/spaces', { name: 'other' })
    expect((await control('GET', `/spaces/${other.body.id}/companies`)).body).toEqual({ data: [], next_before: null })
    await control('POST', '/spaces/1/reset')
    expect((await control('GET', '/spaces/1/companies')).body).toEqual({ data: [], next_before: null })
  })
})

describe('event browsing', () => {
  it('lists applied conversions and touchpoints newest first, each naming its contact, and the queue', async () => {
    const control = await seeded()
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    expect((await cometly('POST', '/events/track', {
      event_name: 'sign_up', email: 'carol@initech.example', order_id: 'o-1'
    })).status).toBe(202)
    t.clock.advance(500)
    // Accepted, not applied yet: counted as queued, not listed.
    const queued = await control('GET', '/spaces/1/events')
    expect(queued).toEqual({
      status: 200,
      headers: expect.objectContaining(JSON_HEADERS),
      body: {
        data: [
          {
            id: 2,
            kind: 'conversion',
            contact_id: 1,
            contact_email: 'ada@acme.example',
            event_name: 'purchase',
            source: null,
            amount: 99,
            order_id: null,
            event_time: '2024-01-02T00:00:00.000Z',
            created_at: START
          },
          {
            id: 1,
            kind: 'touchpoint',
            contact_id: 1,
            contact_email: 'ada@acme.example',
            event_name: null,
            source: 'google',
            amount: null,
            order_id: null,
            event_time: '2024-01-01T18:00:00.000Z',
            created_at: START
          }
        ],
        next_before: null,
        queued: 1,
        next_due_at: '2024-01-01T00:00:01.000Z'
      }
    })
    expect((await control('POST', '/spaces/1/events/drain')).body).toEqual({ processed: 1 })

    // Newest stored first (by id: the order they were applied, not their event_time).
    const page1 = await control('GET', '/spaces/1/events?limit=2')
    expect(page1.body).toEqual({
      data: [
        {
          id: 3,
          kind: 'conversion',
          contact_id: 3,
          contact_email: 'carol@initech.example',
          event_name: 'sign_up',
          source: null,
          amount: null,
          order_id: 'o-1',
          event_time: START,
          created_at: '2024-01-01T00:00:00.500Z'
        },
        queued.body.data[0]
      ],
      next_before: 2,
      queued: 0,
      next_due_at: null
    })
    expect((await control('GET', '/spaces/1/events?limit=2&before=2')).body)
      .toEqual({ data: [queued.body.data[1]], next_before: null, queued: 0, next_due_at: null })
    // Each row's contact_id opens that contact.
    for (const row of page1.body.data as Array<{ contact_id: number, contact_email: string }>) {
      expect((await control('GET', `/spaces/1/contacts/${row.contact_id}`)).body.emails[0]).toBe(row.contact_email)
    }
  })

  it('filters by kind and searches event names, sources and any email of the contact', async () => {
    const control = await seeded()
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    await cometly('POST', '/events/track', { event_name: 'lead_generated', email: 'bob@home.example' })
    await control('POST', '/spaces/1/events/drain')
    const ids = async (query: string): Promise<number[]> =>
      (await control('GET', `/spaces/1/events?${query}`)).body.data.map((e: { id: number }) => e.id)
    expect(await ids('')).toEqual([3, 2, 1])
    expect(await ids('kind=conversion')).toEqual([3, 2])
    expect(await ids('kind=touchpoint')).toEqual([1])
    expect(await ids('q=PURCH')).toEqual([2])
    expect(await ids('q=google')).toEqual([1])
    expect(await ids('q=google&kind=conversion')).toEqual([])
    // Any email, not only the primary one (bob@acme.example).
    expect(await ids('q=home.example')).toEqual([3])
    expect(await ids('q=ada%40acme')).toEqual([2, 1])
    expect(await ids('q=%25')).toEqual([])
    expect((await control('GET', '/spaces/1/events?kind=conversion&limit=1')).body)
      .toMatchObject({ data: [{ id: 3 }], next_before: 3 })
    expect((await control('GET', '/spaces/1/events?kind=conversion&limit=1&before=3')).body)
      .toMatchObject({ data: [{ id: 2 }], next_before: null })
    expect((await control('GET', '/spaces/1/events?limit=1&before=2')).body)
      .toMatchObject({ data: [{ id: 1, kind: 'touchpoint' }], next_before: null })
  })

  it('is the Space\'s own, and empty after a reset', async () => {
    const control = await seeded()
    const other = await control('POST', '/spaces', { name: 'other' })
    const empty = { data: [], next_before: null, queued: 0, next_due_at: null }
    expect((await control('GET', `/spaces/${other.body.id}/events`)).body).toEqual(empty)
    await control('POST', '/spaces/1/reset')
    expect((await control('GET', '/spaces/1/events')).body).toEqual(empty)
  })
})

describe.each(['companies', 'events'])('GET /_emulator/spaces/{id}/%s bounds', (resource) => {
  const between = (field: string, max: number) => error(field, `The ${field} field must be between 1 and ${max}.`)
  const integer = (field: string) => error(field, `The ${field} field must be an integer.`)

  it.each([
    ['limit=0', between('limit', 200)],
    ['limit=201', between('limit', 200)],
    ['limit=-1', between('limit', 200)],
    ['limit=1e308', integer('limit')],
    ['limit=1.5', integer('limit')],
    ['limit=ten', integer('limit')],
    ['before=0', between('before', CONTROL_ID_MAX)],
    [`before=${CONTROL_ID_MAX + 1}`, between('before', CONTROL_ID_MAX)],
    ['before=1e308', integer('before')],
    ['before=-5', between('before', CONTROL_ID_MAX)],
    [`q=${'x'.repeat(256)}`, error('q', 'The q field must not be greater than 255 characters.')],
    ['page=2', error('page', 'The page field is prohibited.')]
  ])('%s → 422 naming it', async (query, body) => {
    t = await testApp()
    const res = await controlClient(t.app)('GET', `/spaces/1/${resource}?${query}`)
    expect(res).toEqual({ status: 422, headers: expect.objectContaining(JSON_HEADERS), body })
  })

  it('takes the bounds themselves', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    const res = await control('GET', `/spaces/1/${resource}?limit=200&before=${CONTROL_ID_MAX}&q=${'x'.repeat(255)}`)
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual([])
  })

  it('answers an unknown Space with a 404 and an id past the bound with a 422', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    expect(await control('GET', `/spaces/9/${resource}`))
      .toEqual({ status: 404, headers: expect.objectContaining(JSON_HEADERS), body: { message: 'Space 9 not found.' } })
    expect(await control('GET', `/spaces/${CONTROL_ID_MAX + 1}/${resource}`)).toMatchObject({
      status: 422, body: error('spaceId', `The spaceId field must be between 1 and ${CONTROL_ID_MAX}.`)
    })
  })
})

describe('the kind filter', () => {
  it('takes conversion or touchpoint only', async () => {
    t = await testApp()
    expect((await controlClient(t.app)('GET', '/spaces/1/events?kind=purchase')).body)
      .toEqual(error('kind', 'The selected kind is invalid.'))
  })
})
