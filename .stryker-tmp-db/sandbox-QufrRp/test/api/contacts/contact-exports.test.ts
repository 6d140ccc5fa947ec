// @ts-nocheck
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { insertCometTokens } from '../../../src/db/activity.js'
import { openDatabase } from '../../../src/db/connection.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/contacts/exports'
const RANGE = { start_date: '2024-01-01 00:00:00', end_date: '2024-12-31 23:59:59' }
const OTHER = { authorization: 'Bearer other-key' }
// Only the delays' own tests care about their length; 1s queued, then at least 2s processing.
const TIMING = { exportQueuedMs: 1000, exportProcessingMs: 2000 }

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (config: object = {}): Promise<void> {
  t = await testApp({ config: { ...TIMING, spaces: [{ name: 'Other', api_keys: ['other-key'] }], ...config } })
}

const createContact = async (body: object, headers: Record<string, string> = {}) =>
  (await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: body, headers }))
    .json<{ id: number }>().id
const requestExport = async (body: object, headers: Record<string, string> = {}) =>
  await t.request({ method: 'POST', url: BASE, payload: body, headers })
const status = async (id: number | string, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `${BASE}/${id}`, headers })
const download = async (url: string) => {
  const u = new URL(url)
  return await t.app.inject({ method: 'GET', url: u.pathname })
}
const lines = (body: Buffer) =>
  gunzipSync(body).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)

describe('contact exports', () => {
  it('moves queued → processing → completed on the clock, and the link serves the gzipped NDJSON', async () => {
    await setup()
    t.clock.set('2024-02-01T00:00:00Z')
    const a = await createContact({
      emails: ['a@example.com', 'a2@example.com'],
      names: ['A'],
      phones: ['+1'],
      locations: ['Rome']
    })
    t.clock.set('2024-02-02T00:00:00Z')
    const b = await createContact({ emails: ['b@example.com'] })
    await insertCometTokens(t.app.emulator.db, a, [{ token: 'tok-a', created_at: 1 }])
    t.clock.set('2024-03-01T12:00:00Z')

    const res = await requestExport({ ...RANGE, include_comet_tokens: true, include_all_emails: 1 })
    expect(res.statusCode).toBe(202)
    expect(res.headers['x-ratelimit-limit']).toBe('5')
    expect(res.json()).toEqual({ export_id: 1, status: 'queued' })
    // Created after the request: not part of the export.
    await createContact({ emails: ['late@example.com'] })
    await t.app.emulator.exports.idle()

    const created = '2024-03-01T12:00:00.000000Z'
    const seen = await status(1)
    expect(seen.headers['x-ratelimit-limit']).toBe('30')
    expect(seen.json()).toEqual({ export_id: 1, status: 'queued', created_at: created })
    t.clock.advance(1000)
    expect((await status(1)).json()).toEqual({ export_id: 1, status: 'processing', created_at: created })
    t.clock.advance(1999)
    expect((await status(1)).json().status).toBe('processing')
    t.clock.advance(1 + 60_000)
    const done = (await status(1)).json()
    expect(done).toEqual({
      export_id: 1,
      status: 'completed',
      created_at: created,
      download_url: expect.stringMatching(/^http:\/\/localhost:80\/downloads\/[\w-]{32}$/),
      completed_at: '2024-03-01T12:00:03.000000Z',
      expires_at: '2024-03-01T12:16:03.000000Z'
    })

    const file = await download(done.download_url)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/gzip')
    expect(file.headers['content-encoding']).toBeUndefined()
    expect(file.headers['content-disposition']).toBe('attachment; filename="contacts-export-1.ndjson.gz"')
    expect(lines(file.rawPayload)).toEqual([
      {
        id: b,
        email: 'b@example.com',
        name: null,
        phone: null,
        location: null,
        created_at: '2024-02-02T00:00:00.000000Z',
        emails: ['b@example.com'],
        comet_tokens: []
      },
      {
        id: a,
        email: 'a@example.com',
        name: 'A',
        phone: '+1',
        location: 'Rome',
        created_at: '2024-02-01T00:00:00.000000Z',
        emails: ['a@example.com', 'a2@example.com'],
        comet_tokens: ['tok-a']
      }
    ])
  })

  it('writes only the contacts of the range, without the optional keys unless asked', async () => {
    await setup({ exportQueuedMs: 0, exportProcessingMs: 0 })
    t.clock.set('2023-12-31T23:59:59Z')
    await createContact({ emails: ['before@example.com'] })
    t.clock.set('2024-01-05T00:00:00Z')
    const inside = await createContact({ emails: ['inside@example.com'] })
    await requestExport(RANGE)
    await t.app.emulator.exports.idle()
    const done = (await status(1)).json()
    expect(done.status).toBe('completed')
    expect(done.completed_at).toBe('2024-01-05T00:00:00.000000Z')
    expect(lines((await download(done.download_url)).rawPayload)).toEqual([
      {
        id: inside,
        email: 'inside@example.com',
        name: null,
        phone: null,
        location: null,
        created_at: '2024-01-05T00:00:00.000000Z'
      }
    ])
  })

  it('a contact created while the export is queued is not in it; one created before is', async () => {
    await setup({ exportQueuedMs: 0, exportProcessingMs: 0 })
    const before = await createContact({ emails: ['before@example.com'] })
    // The runner is held, so the job is still pending when the next contact is written.
    await t.app.emulator.exports.stop()
    expect((await requestExport(RANGE)).statusCode).toBe(202)
    const during = await createContact({ emails: ['during@example.com'] })
    expect(during).toBeGreaterThan(before)
    await t.app.emulator.exports.start()
    await t.app.emulator.exports.idle()
    const done = (await status(1)).json()
    expect(done.status).toBe('completed')
    expect((lines((await download(done.download_url)).rawPayload) as Array<{ id: number }>).map((l) => l.id))
      .toEqual([before])
  })

  it('an export of more contacts than one batch and one 500-id chunk holds every contact with all its emails',
    async () => {
      await setup({ exportQueuedMs: 0, exportProcessingMs: 0, rateLimits: false })
      await t.app.inject({
        method: 'POST',
        url: '/_emulator/spaces/1/seed',
        payload: {
          contacts: Array.from({ length: 1100 }, (_, i) => ({
            emails: [`c${i}@example.com`, `d${i}@example.com`],
            created_at: '2024-01-01T00:00:00Z'
          }))
        }
      })
      await requestExport({ ...RANGE, include_all_emails: 1 })
      await t.app.emulator.exports.idle()
      const file = lines((await download((await status(1)).json().download_url)).rawPayload) as
        Array<{ id: number, email: string, emails: string[] }>
      expect(file).toHaveLength(1100)
      expect(file.map((l) => l.id)).toEqual([...file.map((l) => l.id)].sort((a, b) => b - a))
      for (const line of file) {
        const i = line.email.slice(1, -'@example.com'.length)
        expect(line.emails).toEqual([`c${i}@example.com`, `d${i}@example.com`])
      }
    })

  it('an empty export is an empty gzip file', async () => {
    await setup({ exportQueuedMs: 0, exportProcessingMs: 0 })
    await requestExport(RANGE)
    await t.app.emulator.exports.idle()
    const file = await download((await status(1)).json().download_url)
    expect(gunzipSync(file.rawPayload).length).toBe(0)
  })

  it('each status request issues a link that works for 15 minutes, then 410; an unknown token is 404', async () => {
    await setup({ exportQueuedMs: 0, exportProcessingMs: 0 })
    await createContact({ emails: ['a@example.com'] })
    await requestExport(RANGE)
    await t.app.emulator.exports.idle()
    const first = (await status(1)).json().download_url
    t.clock.advance(10 * 60_000)
    const second = (await status(1)).json().download_url
    expect(second).not.toBe(first)
    t.clock.advance(5 * 60_000 - 1)
    expect((await download(first)).statusCode).toBe(200)
    t.clock.advance(1)
    const expired = await download(first)
    expect(expired.statusCode).toBe(410)
    expect(expired.json()).toEqual({ message: 'This download link has expired.' })
    expect((await download(second)).statusCode).toBe(200)
    const unknown = await t.app.inject({ method: 'GET', url: '/downloads/nope' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ message: 'Download not found.' })
  })

  it('a job that cannot complete ends failed with a message', async () => {
    await setup({ exportQueuedMs: 0, exportProcessingMs: 0 })
    await createContact({ emails: ['a@example.com'] })
    t.database.sqlite.exec('alter table emails rename to emails_away')
    await requestExport({ ...RANGE, include_all_emails: true })
    await t.app.emulator.exports.idle()
    t.database.sqlite.exec('alter table emails_away rename to emails')
    expect((await status(1)).json()).toEqual({
      export_id: 1,
      status: 'failed',
      created_at: '2024-01-01T00:00:00.000000Z',
      message: 'The export could not be completed.'
    })
  })

  it('a job pending at shutdown is resumed by the next start', async () => {
    const database = openDatabase(':memory:')
    t = await testApp({ database, config: { exportQueuedMs: 0, exportProcessingMs: 0 } })
    await createContact({ emails: ['a@example.com'] })
    // Stopping the runner before the job runs leaves it pending, as a shutdown in mid-flight does.
    await t.app.emulator.exports.stop()
    await requestExport(RANGE)
    expect((await status(1)).json().status).toBe('processing')
    expect(database.sqlite.prepare('select state from exports').get()).toEqual({ state: 'pending' })
    // A second app on the same database stands for the next process.
    const next = await testApp({ database, config: { exportQueuedMs: 0, exportProcessingMs: 0 } })
    await next.app.ready()
    await next.app.emulator.exports.idle()
    const done = (await next.request({ method: 'GET', url: `${BASE}/1` })).json()
    expect(done.status).toBe('completed')
    expect(lines((await next.app.inject({ method: 'GET', url: new URL(done.download_url).pathname })).rawPayload))
      .toHaveLength(1)
    await next.close()
  })

  it('never shows or exports another Space\'s data', async () => {
    await setup({ exportQueuedMs: 0, exportProcessingMs: 0 })
    await createContact({ emails: ['mine@example.com'] })
    await createContact({ emails: ['theirs@example.com'] }, OTHER)
    await requestExport(RANGE)
    await requestExport(RANGE, OTHER)
    await t.app.emulator.exports.idle()
    const missing = await status(1, OTHER)
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ message: 'Export not found.' })
    const theirs = (await status(2, OTHER)).json()
    expect(lines((await download(theirs.download_url)).rawPayload)).toMatchObject([{ email: 'theirs@example.com' }])
    const mine = (await status(1)).json()
    expect(lines((await download(mine.download_url)).rawPayload)).toMatchObject([{ email: 'mine@example.com' }])
  })

  it.each([
    [{}, { start_date: ['The start date field is required.'], end_date: ['The end date field is required.'] }],
    [{ ...RANGE, end_date: '2023-01-01 00:00:00' },
      { end_date: ['The end date field must be a date after start date.'] }],
    [{ ...RANGE, start_date: '2024-01-01' },
      { start_date: ['The start date field must match the format Y-m-d H:i:s.'] }],
    [{ ...RANGE, include_comet_tokens: 'yes' },
      { include_comet_tokens: ['The selected include comet tokens is invalid.'] }]
  ])('422 for %j, and no job', async (body, errors) => {
    await setup()
    const res = await requestExport(body)
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual(errors)
    expect(t.database.sqlite.prepare('select count(*) as n from exports').get()).toEqual({ n: 0 })
  })

  it('404 for an unknown export; 422 for a non-integer id', async () => {
    await setup()
    expect((await status(9)).json()).toEqual({ message: 'Export not found.' })
    expect((await status('x')).json()).toEqual({
      message: 'The id field must be an integer.',
      errors: { id: ['The id field must be an integer.'] }
    })
  })

  it('spends 5 exports a minute', async () => {
    await setup()
    for (let i = 0; i < 5; i++) expect((await requestExport(RANGE)).statusCode).toBe(202)
    const res = await requestExport(RANGE)
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ message: 'Too Many Attempts.' })
    await t.app.emulator.exports.idle()
  })
})
