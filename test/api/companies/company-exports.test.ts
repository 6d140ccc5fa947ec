// Company exports on the one export machinery, and companies through every control-plane path.
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { controlClient } from '../../helpers/control.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/companies/exports'
const RANGE = { start_date: '2024-01-01 00:00:00', end_date: '2024-12-31 23:59:59' }

let t: TestApp
afterEach(async () => { await t?.close() })

const createContact = async (emails: string[]) =>
  (await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: { emails } })).json().id as number
const lines = (body: Buffer) =>
  gunzipSync(body).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)

describe('company exports', () => {
  it('queues, completes on the clock and writes {id, domain, created_at} lines of the range, newest first',
    async () => {
      t = await testApp({ config: { exportQueuedMs: 1000, exportProcessingMs: 2000 } })
      t.clock.set('2023-12-31T23:59:59Z')
      await createContact(['a@before.example'])
      t.clock.set('2024-03-01T10:00:00.500Z')
      await createContact(['a@one.example'])
      t.clock.set('2024-04-01T10:00:00Z')
      await createContact(['a@two.example'])
      const res = await t.request({ method: 'POST', url: BASE, payload: RANGE })
      expect(res.statusCode).toBe(202)
      expect(res.headers['x-ratelimit-limit']).toBe('5')
      expect(res.json()).toEqual({ export_id: 1, status: 'queued' })
      // Made after the request: not in the file (Decision D29).
      await createContact(['a@late.example'])
      await t.app.emulator.exports.idle()
      const queued = await t.request({ method: 'GET', url: `${BASE}/1` })
      expect(queued.headers['x-ratelimit-limit']).toBe('30')
      expect(queued.json()).toEqual({
        export_id: 1,
        status: 'queued',
        created_at: '2024-04-01T10:00:00Z',
        message: 'Export is being processed. Please check back in a few minutes.'
      })
      t.clock.advance(3000)
      const done = (await t.request({ method: 'GET', url: `${BASE}/1` })).json()
      expect(done).toEqual({
        export_id: 1,
        status: 'completed',
        created_at: '2024-04-01T10:00:00Z',
        completed_at: '2024-04-01T10:00:03Z',
        download_url: expect.stringMatching(/^http:\/\/localhost:80\/downloads\/[\w-]{32}$/),
        expires_at: '2024-04-01T10:15:03Z'
      })
      const file = await t.app.inject({ method: 'GET', url: new URL(done.download_url).pathname })
      expect(file.headers['content-disposition']).toBe('attachment; filename="companies-export-1.ndjson.gz"')
      expect(lines(file.rawPayload)).toEqual([
        { id: 3, domain: 'two.example', created_at: '2024-04-01T10:00:00Z' },
        { id: 2, domain: 'one.example', created_at: '2024-03-01T10:00:00Z' }
      ])
    })

  it('shares one id sequence with contact exports; each status route sees only its own kind', async () => {
    t = await testApp({ config: { exportQueuedMs: 0, exportProcessingMs: 0 } })
    await t.request({ method: 'POST', url: '/public-api/v1/contacts/exports', payload: RANGE })
    expect((await t.request({ method: 'POST', url: BASE, payload: RANGE })).json())
      .toEqual({ export_id: 2, status: 'queued' })
    expect((await t.request({ method: 'GET', url: `${BASE}/1` })).json()).toEqual({ message: 'Export not found' })
    expect((await t.request({ method: 'GET', url: '/public-api/v1/contacts/exports/2' })).json())
      .toEqual({ message: 'Export not found' })
    const bad = await t.request({ method: 'GET', url: `${BASE}/0` })
    expect(bad.json())
      .toEqual({ message: 'Invalid export ID provided', errors: { id: ['Invalid export ID provided'] } })
    await t.app.emulator.exports.idle()
  })

  it.each([
    [{}, { start_date: ['The start date field is required.'], end_date: ['The end date field is required.'] }],
    [{ ...RANGE, end_date: RANGE.start_date }, { end_date: ['The end date field must be a date after start date.'] }]
  ])('422 for %j, and no job', async (body, errors) => {
    t = await testApp()
    const res = await t.request({ method: 'POST', url: BASE, payload: body })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual(errors)
    expect(t.database.sqlite.prepare('select count(*) as n from exports').get()).toEqual({ n: 0 })
  })
})

describe('companies through the control plane', () => {
  it('a Space export carries its companies, and an import puts them back with the links', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    t.clock.set('2024-02-01T00:00:00Z')
    await createContact(['a@acme.com'])
    await t.request({ method: 'PUT', url: '/public-api/v1/companies/1', payload: { name: 'Acme' } })
    const exported = await control('GET', '/spaces/1/export')
    expect(exported.body.companies)
      .toEqual([{ domain: 'acme.com', name: 'Acme', created_at: '2024-02-01T00:00:00.000Z' }])
    const other = (await control('POST', '/spaces', { name: 'Copy' })).body
    expect((await control('POST', `/spaces/${other.id as number}/import`, exported.body)).status).toBe(200)
    const asCopy = { authorization: `Bearer ${other.api_key as string}` }
    const listed = (await t.request({ method: 'GET', url: '/public-api/v1/companies', headers: asCopy })).json()
    expect(listed.data).toEqual([{ id: 2, domain: 'acme.com' }])
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies/2', headers: asCopy })).json())
      .toEqual({ id: 2, domain: 'acme.com', name: 'Acme' })
    expect(t.database.sqlite.prepare('select company_id from contacts where id = 2').get()).toEqual({ company_id: 2 })
  })

  it('a reset empties a Space\'s companies; a snapshot and restore brings them back', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    await createContact(['a@acme.com'])
    expect((await control('POST', '/snapshots', { name: 'with-acme' })).status).toBe(201)
    await control('POST', '/spaces/1/reset')
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies' })).json().data).toEqual([])
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies/1' })).statusCode).toBe(404)
    expect((await control('POST', '/snapshots/with-acme/restore')).status).toBe(200)
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies' })).json().data)
      .toEqual([{ id: 1, domain: 'acme.com' }])
  })

  it('journals company requests and applies a Space\'s faults to them', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    await control('POST', '/spaces/1/faults', { path: '/public-api/v1/companies/:id', status: 503, times: 1 })
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies/1' })).statusCode).toBe(503)
    expect((await t.request({ method: 'GET', url: '/public-api/v1/companies/1' })).statusCode).toBe(404)
    const journal = await control('GET', '/spaces/1/requests')
    expect(journal.body.data.map((e: { route: string, status: number }) => [e.route, e.status])).toEqual([
      ['/public-api/v1/companies/:id', 503],
      ['/public-api/v1/companies/:id', 404]
    ])
  })
})
