// Event exports (docs: create-event-export, get-event-export; Decision D51) on the one export machinery: the day in
// the Space's time zone, the list's filters, the file's lines, the status shape and the body's rules.
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { insertEvents } from '../../../src/db/events.js'
import { controlClient } from '../../helpers/control.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/events/exports'
const DAY = 86_400_000
const T = Date.parse('2024-06-15T12:00:00Z')
const at = (ms: number) => new Date(ms).toISOString()

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (spaces: object[] = [], config: object = {}): Promise<void> {
  t = await testApp({
    config: {
      exportQueuedMs: 1000,
      exportProcessingMs: 2000,
      spaces: [...spaces, { name: 'Other', api_keys: ['other-key'] }] as never,
      ...config
    }
  })
}

const spaceId = (name: string) => t.app.emulator.registry.spaces().find((s) => s.name === name)?.id as number

async function seed (contacts: object[], space = 'Default Space'): Promise<void> {
  const res = await controlClient(t.app)('POST', `/spaces/${spaceId(space)}/seed`, { contacts })
  expect(res.status).toBe(201)
}

const requestExport = async (body: unknown, headers: Record<string, string> = {}) =>
  await t.request({ method: 'POST', url: BASE, payload: body as object, headers })
const status = async (id: number | string, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `${BASE}/${id}`, headers })

/** Asks for an export, lets it finish and answers its file's lines. */
async function exportLines (body: object): Promise<unknown[]> {
  const res = await requestExport(body)
  expect(res.statusCode).toBe(202)
  await t.app.emulator.exports.idle()
  t.clock.advance(3000)
  const done = (await status(res.json().export_id)).json()
  expect(done.status).toBe('completed')
  const file = await t.app.inject({ method: 'GET', url: new URL(done.download_url as string).pathname })
  return gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown)
}

describe('event exports', () => {
  it('queues, completes on the clock and writes the docs\' four keys for each conversion of the day, newest ' +
    'first; what came after the request is not in it', async () => {
    await setup([{ name: 'Default Space', time_zone: 'America/New_York' }])
    await seed([{
      emails: ['a@acme.com'],
      touchpoints: [{ source: 'google_ads', event_time: '2024-06-15T12:00:00Z' }],
      conversions: [
        // 2024-06-14 23:59:59 and 2024-06-16 00:00:00 in New York: outside the day.
        { event_name: 'purchase', event_time: '2024-06-15T03:59:59Z', amount: 1 },
        { event_name: 'purchase', event_time: '2024-06-15T04:00:00Z', amount: 99.99 },
        { event_name: 'sign_up', event_time: '2024-06-16T03:59:59Z' },
        { event_name: 'purchase', event_time: '2024-06-16T04:00:00Z', amount: 3 }
      ]
    }])
    t.clock.set('2024-06-20T10:00:00Z')
    const res = await requestExport({ date: '2024-06-15' })
    expect(res.statusCode).toBe(202)
    expect(res.headers['x-ratelimit-limit']).toBe('5')
    expect(res.json()).toEqual({ export_id: 1, status: 'queued' })
    await seed([{ conversions: [{ event_name: 'purchase', event_time: '2024-06-15T12:00:00Z' }] }])
    await t.app.emulator.exports.idle()

    const queued = await status(1)
    expect(queued.statusCode).toBe(200)
    expect(queued.headers['x-ratelimit-limit']).toBe('30')
    expect(queued.json()).toEqual({
      export_id: 1,
      status: 'queued',
      created_at: '2024-06-20T10:00:00Z',
      message: 'Export is being processed. Please check back in a few minutes.'
    })
    t.clock.advance(1500)
    expect((await status(1)).json()).toEqual({
      export_id: 1,
      status: 'processing',
      created_at: '2024-06-20T10:00:00Z',
      message: 'Export is being processed. Please check back in a few minutes.'
    })
    t.clock.advance(1500)
    const done = (await status(1)).json()
    expect(done).toEqual({
      export_id: 1,
      status: 'completed',
      created_at: '2024-06-20T10:00:00Z',
      completed_at: '2024-06-20T10:00:03Z',
      download_url: expect.stringMatching(/^http:\/\/localhost:80\/downloads\/[\w-]{32}$/),
      expires_at: '2024-06-20T10:15:03Z'
    })
    const file = await t.app.inject({ method: 'GET', url: new URL(done.download_url as string).pathname })
    expect(file.headers['content-disposition']).toBe('attachment; filename="events-export-1.ndjson.gz"')
    const text = gunzipSync(file.rawPayload).toString('utf8')
    expect(text).toBe(
      '{"id":4,"event_name":"sign_up","amount":null,"event_time_utc":"2024-06-16T03:59:59Z"}\n' +
      '{"id":3,"event_name":"purchase","amount":99.99,"event_time_utc":"2024-06-15T04:00:00Z"}\n')
  })

  it('with fields, a line has exactly those keys in that order; the list\'s filters apply', async () => {
    await setup([{ name: 'Default Space', custom_event_labels: { custom_event_1: 'Demo Booked' } }])
    await seed([
      {
        emails: ['a@acme.com'],
        touchpoints: [{ source: 'google_ads', campaign_name: 'Brand', event_time: at(T - DAY) }],
        conversions: [
          { event_name: 'purchase', event_time: at(T), amount: 10, is_upsell: true, order_id: 'o-1' },
          { event_name: 'purchase', event_time: at(T), amount: 20 },
          { event_name: 'custom_event_1', event_time: at(T) }
        ]
      },
      {
        emails: ['b@gmail.com'],
        touchpoints: [{ source: 'bing_ads', event_time: at(T - DAY) }],
        conversions: [{ event_name: 'custom_event_1', event_time: at(T) }]
      }
    ])
    const fields = ['campaign_name', 'is_upsell', 'configured_name', 'order_id', 'id', 'space_id', 'company_id',
      'profile_id']
    expect(await exportLines({
      date: '2024-06-15',
      event_names: ['upsell_purchase', 'custom_event_1'],
      sources: ['google_ads'],
      attribution_model: 'last_touch',
      attribution_window: 7,
      fields
    })).toEqual([
      {
        campaign_name: 'Brand',
        is_upsell: false,
        configured_name: 'Demo Booked',
        order_id: null,
        id: 4,
        space_id: 1,
        company_id: 1,
        profile_id: 1
      },
      {
        campaign_name: 'Brand',
        is_upsell: true,
        configured_name: 'purchase',
        order_id: 'o-1',
        id: 2,
        space_id: 1,
        company_id: 1,
        profile_id: 1
      }
    ])
    const lines = await exportLines({ date: '2024-06-15', query_mode: 'company', fields: ['id', 'amount'] }) as
      Array<Record<string, unknown>>
    expect(lines).toEqual([{ id: 4, amount: null }, { id: 3, amount: 20 }, { id: 2, amount: 10 }])
    expect(lines.map((line) => Object.keys(line))).toEqual([['id', 'amount'], ['id', 'amount'], ['id', 'amount']])
  })

  it('ignores custom_field_filters (not an export parameter) and takes the window as a digit string', async () => {
    await setup([{ name: 'Default Space', custom_field_labels: { profile_field_1: 'Tier' } }])
    await seed([{
      custom_fields: { profile_field_1: 'gold' },
      touchpoints: [{ source: 'google_ads', event_time: at(T - DAY) }],
      conversions: [{ event_name: 'purchase', event_time: at(T), amount: 5 }]
    }])
    expect(await exportLines({
      date: '2024-06-15',
      sources: ['google_ads'],
      attribution_model: 'first_touch',
      attribution_window: '1',
      custom_field_filters: [{ field: 'profile_field_1', operator: 'equal_to', value: 'silver' }]
    })).toEqual([{ id: 2, event_name: 'purchase', amount: 5, event_time_utc: '2024-06-15T12:00:00Z' }])
  })

  it('attributes with the touchpoints that existed when it was requested (Decision D29)', async () => {
    await setup([], { exportQueuedMs: 0, exportProcessingMs: 0 })
    await seed([{
      touchpoints: [{ source: 'google_ads', event_time: at(T - 2 * DAY) }],
      conversions: [{ event_name: 'purchase', event_time: at(T) }]
    }])
    const body = { date: '2024-06-15', sources: ['google_ads'], attribution_model: 'last_touch', attribution_window: 7 }
    const res = await requestExport(body)
    // A later touchpoint before the purchase would take the last touch from google_ads.
    const partitionId = t.app.emulator.registry.spaces().find((s) => s.name === 'Default Space')?.partitionId as number
    await insertEvents(t.app.emulator.db, [{
      partition_id: partitionId,
      contact_id: 1,
      kind: 'touchpoint',
      source: 'bing_ads',
      event_time: T - DAY,
      created_at: T
    }])
    await t.app.emulator.exports.idle()
    const done = (await status(res.json().export_id)).json()
    const file = await t.app.inject({ method: 'GET', url: new URL(done.download_url as string).pathname })
    expect(gunzipSync(file.rawPayload).toString('utf8'))
      .toBe('{"id":2,"event_name":"purchase","amount":null,"event_time_utc":"2024-06-15T12:00:00Z"}\n')
    expect(await exportLines(body)).toEqual([])
  })

  it('walks more than one batch: 2,500 conversions, newest first', async () => {
    await setup()
    const conversions = Array.from({ length: 2500 }, (_, i) => ({ event_name: 'purchase', event_time: at(T + i) }))
    await seed([{ conversions }])
    const lines = await exportLines({ date: '2024-06-15', fields: ['id'] })
    expect(lines).toEqual(Array.from({ length: 2500 }, (_, i) => ({ id: 2500 - i })))
  })

  it('each status route sees only its own kind and Space; a malformed id is 422', async () => {
    await setup([], { exportQueuedMs: 0, exportProcessingMs: 0 })
    await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts/exports',
      payload: { start_date: '2024-01-01 00:00:00', end_date: '2024-12-31 23:59:59' }
    })
    expect((await requestExport({ date: '2024-06-15' })).json()).toEqual({ export_id: 2, status: 'queued' })
    await t.app.emulator.exports.idle()
    expect((await status(1)).json()).toEqual({ message: 'Export not found' })
    const other = await status(2, { authorization: 'Bearer other-key' })
    expect(other.statusCode).toBe(404)
    expect(other.json()).toEqual({ message: 'Export not found' })
    expect((await status(2)).json().status).toBe('completed')
    const bad = await status('exp_2')
    expect(bad.statusCode).toBe(422)
    expect(bad.json())
      .toEqual({ message: 'Invalid export ID provided', errors: { id: ['Invalid export ID provided'] } })
  })

  it('401 without a key; 403 for a key scoped to contacts', async () => {
    await setup([{ name: 'Default Space', api_keys: [{ key: 'contacts-key', scopes: ['contacts'] }] }])
    const anonymous = await t.app.inject({ method: 'POST', url: BASE, payload: { date: '2024-06-15' } })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual({ message: 'Unauthenticated.' })
    const scoped = await requestExport({ date: '2024-06-15' }, { authorization: 'Bearer contacts-key' })
    expect(scoped.statusCode).toBe(403)
    expect(scoped.json()).toEqual({ message: 'API key doesn\'t have permission for this resource' })
    expect(scoped.headers['x-ratelimit-limit']).toBe('5')
  })

  const DATE = { date: '2024-06-15' }
  const WITH_SOURCES = { ...DATE, sources: ['google_ads'], attribution_model: 'linear', attribution_window: 30 }

  it.each([
    [{}, { date: ['The date field is required.'] }],
    [{ date: '' }, { date: ['The date field is required.'] }],
    [{ date: null }, { date: ['The date field is required.'] }],
    [{ date: '2024-6-15' }, { date: ['The date field must match the format Y-m-d.'] }],
    [{ date: '2024-06-15 00:00:00' }, { date: ['The date field must match the format Y-m-d.'] }],
    [{ date: '2024-02-30' }, { date: ['The date field must match the format Y-m-d.'] }],
    [{ date: '2023-02-29' }, { date: ['The date field must match the format Y-m-d.'] }],
    [{ date: '2024-13-01' }, { date: ['The date field must match the format Y-m-d.'] }],
    [{ date: 20240615 }, { date: ['The date field must match the format Y-m-d.'] }],
    [{ ...DATE, query_mode: 'team' }, { query_mode: ['The selected query mode is invalid.'] }],
    [{ ...DATE, event_names: 'purchase' }, { event_names: ['The event names field must be an array.'] }],
    [{ ...DATE, event_names: ['purchase', 'purchase'] }, {
      'event_names.0': ['The event_names.0 field has a duplicate value.'],
      'event_names.1': ['The event_names.1 field has a duplicate value.']
    }],
    [{ ...DATE, event_names: ['refund'] }, { 'event_names.0': ['The selected event_names.0 is invalid.'] }],
    [{ ...DATE, sources: ['google_ads'] }, {
      attribution_model: ['The attribution model field is required when sources is present.'],
      attribution_window: ['The attribution window field is required when sources is present.']
    }],
    [{ ...WITH_SOURCES, sources: ['organic'] }, { 'sources.0': ['The selected sources.0 is invalid.'] }],
    [{ ...WITH_SOURCES, attribution_window: 3 },
      { attribution_window: ['The selected attribution window is invalid.'] }],
    [{ ...WITH_SOURCES, attribution_window: '7d' },
      { attribution_window: ['The selected attribution window is invalid.'] }],
    [{ ...WITH_SOURCES, attribution_model: 'time_decay' },
      { attribution_model: ['The selected attribution model is invalid.'] }],
    [{ ...DATE, fields: 'id' }, { fields: ['The fields field must be an array.'] }],
    [{ ...DATE, fields: ['id', 'email'] }, { 'fields.1': ['The selected fields.1 is invalid.'] }],
    [{ ...DATE, fields: ['ad_name'] },
      { sources: ['The sources field is required when fields contains touchpoint fields.'] }],
    [{ date: '15/06/2024', fields: ['id', 'id'] }, {
      date: ['The date field must match the format Y-m-d.'],
      'fields.0': ['The fields.0 field has a duplicate value.'],
      'fields.1': ['The fields.1 field has a duplicate value.']
    }]
  ])('422 for %j, and no job', async (body, errors) => {
    await setup()
    const res = await requestExport(body)
    expect(res.statusCode).toBe(422)
    const messages = Object.values(errors).flat()
    const others = messages.length - 1
    expect(res.json()).toEqual({
      message: others === 0 ? messages[0] : `${messages[0]} (and ${others} more error${others > 1 ? 's' : ''})`,
      errors
    })
    expect(t.database.sqlite.prepare('select count(*) as n from exports').get()).toEqual({ n: 0 })
  })
})
