// Whatever a 2xx accepted comes back through every read path: get (with labels), list with every flag, the
// export files, Space export then import, snapshot then restore. fast-check writes generated contacts, the
// extremes of every bound included (test/helpers/contact-forms.ts), into Spaces of several time zones; then
// tracked events and company updates the same way (the second property, below).
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SLOTS } from '../../src/wire/custom-fields.js'
import { FREE_MAIL_DOMAINS } from '../../src/wire/company-domains.js'
import { TRACKABLE_EVENTS } from '../../src/wire/events.js'
import { testApp, type TestApp } from '../helpers/app.js'
import {
  type ContactWrite, contactWriteArbitrary, customFieldsArbitrary, emailArbitrary, itemArbitrary, refusedSlots,
  sameCustomFields, sameEcho, type SlotValue, TIME_ZONES, toJson
} from '../helpers/contact-forms.js'
import { cometlyClient, controlClient } from '../helpers/control.js'
import { reportFigures } from '../helpers/load.js'
import { wallTime } from '../model/model.js'

const SEED = Number(process.env.FC_SEED ?? 15_2026)
const RUNS = Number(process.env.READ_BACK_RUNS ?? 25)
const EVENT_RUNS = Number(process.env.READ_BACK_EVENT_RUNS ?? 15)
const RANGE = 'start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00'
const LABELS = { profile_field_1: 'Plan', profile_field_16: 'Score', profile_field_26: 'Plan', profile_field_27: ' ' }

let t: TestApp
let control: ReturnType<typeof controlClient>
const figures = { runs: 0, contacts: 0, refused: 0, reads: 0, eventRuns: 0, events: 0, companyWrites: 0 }
beforeAll(async () => {
  t = await testApp({ config: { rateLimits: false, exportQueuedMs: 0, exportProcessingMs: 0, eventDelayMs: 60_000 } })
  control = controlClient(t.app)
})
afterAll(async () => {
  await t.close()
  reportFigures('read back', { seed: SEED, ...figures })
})

/** A contact as it must read back: its collections, and its slots (unset ones null). */
interface Expected { id: number, write: ContactWrite, slots: Record<string, SlotValue> }

type Api = ReturnType<typeof cometlyClient>

/** What D18 keys each slot by under the Space's labels: its label, unless blank or taken by an earlier slot. */
function labelled (labels: Record<string, string>): Map<string, string> {
  const keys = new Map<string, string>()
  const used = new Set<string>()
  for (const slot of SLOTS) {
    const label = labels[slot.name] ?? ''
    const key = label.trim() !== '' && !used.has(label) ? label : slot.name
    used.add(key)
    keys.set(slot.name, key)
  }
  return keys
}

async function checkEverywhere (api: Api, contacts: Expected[], timeZone: string): Promise<void> {
  const keys = labelled(LABELS)
  for (const { id, write, slots } of contacts) {
    const got = await api('GET', `/contacts/${id}`)
    expect(got.status).toBe(200)
    expect({ emails: got.body.emails, phones: got.body.phones, names: got.body.names, locations: got.body.locations })
      .toEqual({ emails: write.emails, phones: write.phones, names: write.names, locations: write.locations })
    expect(sameCustomFields(slots, got.body.custom_fields, timeZone)).toEqual([])
    const withLabels = (await api('GET', `/contacts/${id}?use_custom_field_labels=1`)).body.custom_fields
    const unlabelled = Object.fromEntries(SLOTS.map((slot) => [slot.name, withLabels[keys.get(slot.name) as string]]))
    expect(Object.keys(withLabels).length).toBe(30)
    expect(sameCustomFields(slots, unlabelled, timeZone)).toEqual([])
    figures.reads += 2
  }

  const list = await api('GET', `/contacts?${RANGE}&per_page=5000&include_custom_fields=1&include_all_emails=1` +
    '&include_comet_tokens=1')
  expect(list.status).toBe(200)
  const newestFirst = [...contacts].sort((a, b) => b.id - a.id)
  expect(list.body.data.map((row: { id: number }) => row.id)).toEqual(newestFirst.map((c) => c.id))
  for (const [i, { write, slots }] of newestFirst.entries()) {
    const row = list.body.data[i]
    expect(row).toMatchObject({
      email: write.emails[0] ?? null,
      phone: write.phones[0] ?? null,
      name: write.names[0] ?? null,
      location: write.locations[0] ?? null,
      emails: write.emails,
      comet_tokens: []
    })
    expect(sameCustomFields(slots, row.custom_fields, timeZone)).toEqual([])
  }
  figures.reads += 1

  const queued = await api('POST', '/contacts/exports', {
    start_date: '2000-01-01 00:00:00', end_date: '2100-01-01 00:00:00', include_all_emails: 1
  })
  expect(queued.status).toBe(202)
  await t.app.emulator.exports.idle()
  const status = await api('GET', `/contacts/exports/${queued.body.export_id as number}`)
  expect(status.body.status).toBe('completed')
  const file = await t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
  const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  expect(lines.map(({ id, email, name, phone, location, emails }) => ({ id, email, name, phone, location, emails })))
    .toEqual(newestFirst.map(({ id, write }) => ({
      id,
      email: write.emails[0] ?? null,
      name: write.names[0] ?? null,
      phone: write.phones[0] ?? null,
      location: write.locations[0] ?? null,
      emails: write.emails
    })))
  figures.reads += 1
}

const writesArbitrary = fc.record({
  timeZone: fc.constantFrom(...TIME_ZONES),
  writes: fc.array(contactWriteArbitrary, { minLength: 1, maxLength: 3 }),
  update: fc.option(fc.record({
    phones: fc.array(fc.constant('+1 555 0100'), { maxLength: 2 }),
    custom_fields: customFieldsArbitrary
  }))
})

describe('every acknowledged write reads back, everywhere', () => {
  it('create (and update), then get, list, the export file, Space export → import, snapshot → restore', async () => {
    await fc.assert(fc.asyncProperty(writesArbitrary, async ({ timeZone, writes, update }) => {
      figures.runs++
      const space = (await control('POST', '/spaces', { time_zone: timeZone, custom_field_labels: LABELS })).body as
        { id: number, api_key: string }
      const api = cometlyClient(t.app, space.api_key)
      const contacts: Expected[] = []
      const send = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
        const res = await t.app.inject({
          method,
          url: `/public-api/v1${url}`,
          payload: toJson(body),
          headers: { authorization: `Bearer ${space.api_key}`, 'content-type': 'application/json' }
        })
        return { status: res.statusCode, body: res.json() }
      }
      for (const write of writes) {
        const res = await send('POST', '/contacts', write)
        const refused = refusedSlots(write.custom_fields)
        if (refused.length > 0) {
          // Outside a bound: a 422 naming exactly the slots past it, and nothing written (checked below).
          expect(res.status).toBe(422)
          expect(Object.keys(res.body.errors).sort()).toEqual(refused.sort())
          figures.refused++
          continue
        }
        expect(res.status).toBe(201)
        const { emails, phones, names, locations } = write
        expect(res.body).toMatchObject({ emails, phones, names, locations })
        const slots = (write.custom_fields ?? {}) as Record<string, SlotValue>
        expect(sameEcho(slots, res.body.custom_fields ?? {}, timeZone)).toEqual([])
        contacts.push({ id: res.body.id, write, slots: { ...slots } })
        figures.contacts++
      }
      if (contacts.length === 0) {
        expect((await api('GET', `/contacts?${RANGE}`)).body.data).toEqual([])
        return
      }
      const first = contacts[0] as Expected
      if (update !== null) {
        const res = await send('PUT', `/contacts/${first.id}`, update)
        const refused = refusedSlots(update.custom_fields)
        if (refused.length > 0) {
          expect(res.status).toBe(422)
          expect(Object.keys(res.body.errors).sort()).toEqual(refused.sort())
          figures.refused++
        } else {
          expect(res.status).toBe(200)
          const slots = update.custom_fields as Record<string, SlotValue>
          expect(sameEcho(slots, res.body.custom_fields, timeZone)).toEqual([])
          // Decision D25: a sent collection replaces the stored one; custom_fields replaces all 30 slots.
          first.write = { ...first.write, phones: update.phones }
          first.slots = { ...slots }
        }
      }
      await checkEverywhere(api, contacts, timeZone)

      // Space export, then import into another Space: the same contacts, new ids in the same order.
      const exported = (await control('GET', `/spaces/${space.id}/export`)).body
      const copy = (await control('POST', '/spaces', {})).body as { id: number, api_key: string }
      expect((await control('POST', `/spaces/${copy.id}/import`, exported)).status).toBe(200)
      const copied = (await control('GET', `/spaces/${copy.id}/export`)).body
      expect(copied.contacts).toEqual(exported.contacts)
      const copyApi = cometlyClient(t.app, copy.api_key)
      const ids = (await copyApi('GET', `/contacts?${RANGE}&per_page=5000`)).body.data.map((r: { id: number }) => r.id)
        .sort((a: number, b: number) => a - b)
      await checkEverywhere(copyApi, contacts.map((c, i) => ({ ...c, id: ids[i] as number })), timeZone)

      // Snapshot, then lose everything, then restore: the same contacts under the same ids.
      await control('POST', '/snapshots', { name: 'read-back' })
      await control('POST', `/spaces/${space.id}/reset`)
      expect((await api('GET', `/contacts/${first.id}`)).status).toBe(404)
      expect((await control('POST', '/snapshots/read-back/restore')).status).toBe(200)
      await checkEverywhere(api, contacts, timeZone)
      await control('DELETE', `/spaces/${copy.id}`)
      await control('DELETE', `/spaces/${space.id}`)
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true })
  }, 120_000)
})

// Companies and tracked events: what their routes acknowledged (a 202 for a track, a 200 for a company PUT) reads
// back through get, list (with its flags), the export file, the contact's journey, Space export → import, and
// snapshot → restore. Values at their bounds: items of 255 characters (emoji included), URLs of 2048, amounts to
// ±10^12 and 5e-324, event times from 1970 to the end of 9999, text with `%`, `_`, `\`, NUL and newlines.

interface TrackWrite {
  event_name: string
  email: string
  full_name?: string
  phone?: string
  amount?: number | string
  order_id?: string
  order_name?: string
  is_upsell?: boolean
  url?: string
  event_time?: number | string
}

/** An event as it must read back; `contact` is the index of its email among the run's distinct emails. */
interface ExpectedEvent {
  id: number
  email: string
  name: string
  amount: number | null
  isUpsell: boolean
  orderId: string | null
  orderName: string | null
  url: string | null
  time: number
}

const isoSecond = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString()
  .replace(/\.\d{3}Z$/, 'Z')

const EVENT_FIELDS = ['id', 'profile_id', 'company_id', 'space_id', 'event_name', 'configured_name', 'amount',
  'is_upsell', 'event_time_utc', 'event_url', 'order_id', 'order_name']

const amountArbitrary = fc.oneof(
  fc.constantFrom(1e12, -1e12, 0, -0, 5e-324, -5e-324, 0.1, 99.99, '1e12', '-0.5', ' 42 '),
  fc.double({ min: -1e12, max: 1e12, noNaN: true })
)
const urlArbitrary = fc.oneof(
  fc.constantFrom(`https://x.example/${'a'.repeat(2029)}`, `https://x.example/${'é'.repeat(2029)}`,
    'https://x.example/p?q=%25_\\&u=😀'),
  itemArbitrary.map((item) => `https://x.example/${item}`)
)
const eventTimeArbitrary = fc.oneof(
  fc.constantFrom(0, 99_999_999_999, '1970-01-01T00:00:00Z', '9999-12-31T09:59:59Z', '2024-02-29T23:59:59.999Z',
    '2024-06-01T12:00:00+14:00', '2024-06-01T12:00:00-1200', '1705314225'),
  fc.integer({ min: 0, max: 99_999_999_999 })
)
const trackArbitrary: fc.Arbitrary<TrackWrite> = fc.record({
  event_name: fc.constantFrom(...TRACKABLE_EVENTS),
  email: fc.oneof(emailArbitrary, fc.constantFrom('ada@acme.example', 'ADA@acme.example', 'eve@gmail.com')),
  full_name: itemArbitrary,
  phone: itemArbitrary,
  amount: amountArbitrary,
  order_id: itemArbitrary,
  order_name: itemArbitrary,
  is_upsell: fc.boolean(),
  url: urlArbitrary,
  event_time: eventTimeArbitrary
}, { requiredKeys: ['event_name', 'email'] })

const companyWriteArbitrary = fc.record({
  domain: itemArbitrary,
  name: itemArbitrary
}, { requiredKeys: [] })

/** The instant a sent event_time names (the tests above keep them within 1970 to the end of 9999). */
function sentTime (sent: number | string | undefined, acceptedAt: number): number {
  if (sent === undefined) return acceptedAt
  if (typeof sent === 'number' || /^\d+$/.test(sent)) return Number(sent) * 1000
  return Date.parse(sent.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
}

/** Whether a wall time of the Space's zone names this instant: a four-digit year (D7's format). */
const listable = (ms: number, timeZone: string): boolean => /^\d{4}-/.test(wallTime(ms, timeZone))

async function checkEventsEverywhere (api: Api, spaceId: number, events: ExpectedEvent[],
  contacts: Map<string, { id: number, companyId: number | null }>, timeZone: string): Promise<void> {
  type Link = { id: number, companyId: number | null }
  const contactOf = (e: ExpectedEvent): Link => contacts.get(e.email.toLowerCase()) as Link
  const row = (e: ExpectedEvent): Record<string, unknown> => ({
    id: e.id,
    profile_id: contactOf(e).id,
    company_id: contactOf(e).companyId,
    space_id: spaceId,
    event_name: e.name,
    configured_name: e.name,
    amount: e.amount,
    is_upsell: e.isUpsell,
    event_time_utc: isoSecond(e.time),
    event_url: e.url,
    order_id: e.orderId,
    order_name: e.orderName
  })
  for (const e of events) {
    const got = await api('GET', `/events/${e.id}`)
    expect(got.status).toBe(200)
    const { id, profile_id: profile, company_id: company, space_id: space, ...rest } = row(e)
    expect(got.body).toEqual({
      id: String(id),
      profile_id: String(profile),
      company_id: company === null ? null : String(company),
      space_id: String(space),
      ...rest,
      touchpoints: []
    })
    figures.reads++
  }
  // The list, the whole range of four-digit years in the Space's zone, all fields, pages of 1 or all at once.
  const fields = EVENT_FIELDS.map((f) => `&fields[]=${f}`).join('')
  const range = `start_date=${encodeURIComponent(wallTime(0, timeZone))}&end_date=9999-12-31%2023:59:59`
  const listed = events.filter((e) => listable(e.time, timeZone)).sort((a, b) => b.id - a.id)
  for (const perPage of [1, 4000]) {
    const seen: unknown[] = []
    let cursor = ''
    for (let page = 0; page <= events.length; page++) {
      const res = await api('GET', `/events?${range}&per_page=${perPage}${fields}${cursor}`)
      expect(res.status).toBe(200)
      seen.push(...res.body.data)
      if (res.body.next_cursor === null) break
      cursor = `&cursor=${res.body.next_cursor as string}`
    }
    expect(seen).toEqual(listed.map(row))
    figures.reads++
  }
  // Filtered by each event's name: upsell_purchase for an upsell purchase (Decision D42).
  for (const e of listed) {
    const filter = e.name === 'purchase' && e.isUpsell ? 'upsell_purchase' : e.name
    const res = await api('GET', `/events?${range}&per_page=4000&event_names[]=${filter}${fields}`)
    expect(res.body.data).toContainEqual(row(e))
    figures.reads++
  }
  // The contact's journey.
  for (const [email, contact] of contacts) {
    const journey = events.filter((e) => e.email.toLowerCase() === email)
      .sort((a, b) => Math.floor(b.time / 1000) - Math.floor(a.time / 1000) || b.id - a.id)
    const got = await api('GET', `/contacts/${contact.id}?include_events=1`)
    expect(got.body.events).toEqual(journey.map((e) => {
      const {
        id, event_name: eventName, configured_name: configured, amount, is_upsell: upsell, order_id: orderId,
        order_name: orderName, event_url: url, event_time_utc: time
      } = row(e)
      return {
        type: 'conversion',
        id,
        event_name: eventName,
        configured_name: configured,
        amount,
        is_upsell: upsell,
        order_id: orderId,
        order_name: orderName,
        event_url: url,
        event_time_utc: time
      }
    }))
    figures.reads++
  }
  // One export a day that holds an event, every field asked for.
  const days = new Set(listed.map((e) => wallTime(e.time, timeZone).slice(0, 10)))
  for (const day of days) {
    const queued = await api('POST', '/events/exports', { date: day, fields: EVENT_FIELDS })
    expect(queued.status).toBe(202)
    await t.app.emulator.exports.idle()
    const status = await api('GET', `/events/exports/${queued.body.export_id as number}`)
    expect(status.body.status).toBe('completed')
    const file = await t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
    const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown)
    expect(lines).toEqual(listed.filter((e) => wallTime(e.time, timeZone).startsWith(day)).map(row))
    figures.reads++
  }
}

interface ExpectedCompany { id: number, domain: string, name: string, createdAt: number }

async function checkCompaniesEverywhere (api: Api, companies: ExpectedCompany[]): Promise<void> {
  for (const c of companies) {
    expect((await api('GET', `/companies/${c.id}`)).body).toEqual({ id: c.id, domain: c.domain, name: c.name })
    figures.reads++
  }
  const newestFirst = [...companies].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
  for (const query of ['per_page=1', 'per_page=5000', `${RANGE}&per_page=2`]) {
    const seen: unknown[] = []
    let cursor = ''
    for (let page = 0; page <= companies.length; page++) {
      const res = await api('GET', `/companies?${query}${cursor}`)
      expect(res.status).toBe(200)
      seen.push(...res.body.data)
      if (res.body.next_cursor === null) break
      cursor = `&cursor=${res.body.next_cursor as string}`
    }
    expect(seen).toEqual(newestFirst.map((c) => ({ id: c.id, domain: c.domain })))
    figures.reads++
  }
  const queued = await api('POST', '/companies/exports', {
    start_date: '2000-01-01 00:00:00',
    end_date: '2100-01-01 00:00:00'
  })
  expect(queued.status).toBe(202)
  await t.app.emulator.exports.idle()
  const status = await api('GET', `/companies/exports/${queued.body.export_id as number}`)
  const file = await t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
  const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown)
  expect(lines).toEqual(newestFirst.map((c) => ({ id: c.id, domain: c.domain, created_at: isoSecond(c.createdAt) })))
  figures.reads++
}

const eventWritesArbitrary = fc.record({
  timeZone: fc.constantFrom(...TIME_ZONES),
  tracks: fc.array(trackArbitrary, { minLength: 1, maxLength: 4 }),
  companyWrites: fc.array(companyWriteArbitrary, { maxLength: 3 })
})

describe('every acknowledged company and event write reads back, everywhere', () => {
  it('track (and PUT a company), then get, list, the journey, the export files, Space export → import, ' +
    'snapshot → restore', async () => {
    await fc.assert(fc.asyncProperty(eventWritesArbitrary, async ({ timeZone, tracks, companyWrites }) => {
      figures.eventRuns++
      const space = (await control('POST', '/spaces', { time_zone: timeZone })).body as
        { id: number, api_key: string }
      const api = cometlyClient(t.app, space.api_key)
      const acceptedAt = t.app.emulator.clock.now(space.id)
      const accepted: Array<Omit<ExpectedEvent, 'id'>> = []
      for (const [i, write] of tracks.entries()) {
        // Distinct orders: D41 would drop a second event with the same name and order (a rule of its own).
        const orderId = write.order_id === undefined ? undefined : [...`${i}${write.order_id}`].slice(0, 255).join('')
        const body = { ...write, ...(orderId !== undefined && { order_id: orderId }) }
        const res = await t.app.inject({
          method: 'POST',
          url: '/public-api/v1/events/track',
          payload: toJson(body),
          headers: { authorization: `Bearer ${space.api_key}`, 'content-type': 'application/json' }
        })
        expect({ i, status: res.statusCode, body: res.json() })
          .toEqual({ i, status: 202, body: { status: 202, message: 'Event accepted and queued for processing' } })
        const amount = body.amount === undefined ? null : Number(body.amount)
        accepted.push({
          email: body.email,
          name: body.event_name,
          amount: amount === 0 ? 0 : amount,
          isUpsell: body.is_upsell ?? false,
          orderId: body.order_id ?? null,
          orderName: body.order_name ?? null,
          url: body.url ?? null,
          time: Math.floor(sentTime(body.event_time, acceptedAt) / 1000) * 1000
        })
        figures.events++
      }
      expect((await control('POST', `/spaces/${space.id}/events/drain`)).body).toEqual({ processed: tracks.length })
      // Conversion ids follow the order of acceptance; contacts, the order of their first email.
      const ids = t.database.sqlite.prepare('select e.id from events e join spaces s on s.partition_id = ' +
        'e.partition_id where s.id = ? and e.kind = \'conversion\' order by e.id')
        .all(space.id) as Array<{ id: number }>
      const events = accepted.map((e, i) => ({ ...e, id: (ids[i] as { id: number }).id }))
      const contactIds = (await api('GET', `/contacts?${RANGE}&per_page=5000`)).body.data
        .map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b) as number[]
      const emails = [...new Set(accepted.map((e) => e.email.toLowerCase()))]
      expect(contactIds).toHaveLength(emails.length)
      const companies: ExpectedCompany[] = []
      const contacts = new Map(emails.map((email, i) => {
        const domain = email.slice(email.lastIndexOf('@') + 1)
        let company = companies.find((c) => c.domain === domain)
        if (company === undefined && !FREE_MAIL_DOMAINS.has(domain)) {
          company = { id: 0, domain, name: domain, createdAt: Math.floor(acceptedAt / 1000) * 1000 }
          companies.push(company)
        }
        return [email, { id: contactIds[i] as number, company }] as const
      }))
      const companyIds = (await api('GET', '/companies?per_page=5000')).body.data
        .map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b) as number[]
      expect(companyIds).toHaveLength(companies.length)
      companies.forEach((c, i) => { c.id = companyIds[i] as number })

      // PUT companies: values at their bounds; a domain another company holds (in any case) is a 422.
      for (const [i, write] of companyWrites.entries()) {
        const company = companies[i % Math.max(1, companies.length)]
        if (company === undefined || Object.keys(write).length === 0) continue
        const res = await api('PUT', `/companies/${company.id}`, write)
        const taken = write.domain !== undefined &&
          companies.some((c) => c !== company && c.domain.toLowerCase() === write.domain?.toLowerCase())
        if (taken) {
          expect(res.status).toBe(422)
          continue
        }
        expect(res.status).toBe(200)
        Object.assign(company, write)
        expect(res.body).toEqual({ id: company.id, domain: company.domain, name: company.name })
        figures.companyWrites++
      }
      const links = (byId: (c: ExpectedCompany | undefined) => number | null) => new Map([...contacts]
        .map(([email, c]) => [email, { id: c.id, companyId: byId(c.company) }]))
      await checkEventsEverywhere(api, space.id, events, links((c) => c?.id ?? null), timeZone)
      await checkCompaniesEverywhere(api, companies)

      // Space export, then import into another Space: the same events, contacts and companies, new ids in order.
      const exported = (await control('GET', `/spaces/${space.id}/export`)).body
      const copy = (await control('POST', '/spaces', {})).body as { id: number, api_key: string }
      expect((await control('POST', `/spaces/${copy.id}/import`, exported)).status).toBe(200)
      expect((await control('GET', `/spaces/${copy.id}/export`)).body)
        .toEqual({ ...exported, space: { ...exported.space, name: expect.any(String) } })
      const copyApi = cometlyClient(t.app, copy.api_key)
      const conversions = (table: string): string => table === 'events' ? ' and x.kind = \'conversion\'' : ''
      const newIds = (table: string): number[] => (t.database.sqlite.prepare(`select x.id from ${table} x ` +
        `join spaces s on s.partition_id = x.partition_id where s.id = ?${conversions(table)} order by x.id`)
        .all(copy.id) as Array<{ id: number }>).map((r) => r.id)
      const [copyContacts, copyCompanies, copyEvents] = [newIds('contacts'), newIds('companies'), newIds('events')]
      const contactMap = new Map(contactIds.map((id, i) => [id, copyContacts[i] as number]))
      const companyMap = new Map(companyIds.map((id, i) => [id, copyCompanies[i] as number]))
      // The import writes contacts oldest first, each with its conversions in order.
      const byContact = [...events].sort((a, b) =>
        (contacts.get(a.email.toLowerCase())?.id ?? 0) - (contacts.get(b.email.toLowerCase())?.id ?? 0) || a.id - b.id)
      const copied = byContact.map((e, i) => ({ ...e, id: copyEvents[i] as number }))
      const copiedCompanies = companies.map((c) => ({ ...c, id: companyMap.get(c.id) as number }))
      await checkEventsEverywhere(copyApi, copy.id, copied, new Map([...contacts].map(([email, c]) => [email, {
        id: contactMap.get(c.id) as number,
        companyId: c.company === undefined ? null : companyMap.get(c.company.id) ?? null
      }])), timeZone)
      await checkCompaniesEverywhere(copyApi, copiedCompanies)

      // Snapshot, then lose everything, then restore: the same under the same ids.
      await control('POST', '/snapshots', { name: 'read-back-events' })
      await control('POST', `/spaces/${space.id}/reset`)
      expect((await api('GET', `/events/${(events[0] as ExpectedEvent).id}`)).status).toBe(404)
      expect((await control('POST', '/snapshots/read-back-events/restore')).status).toBe(200)
      await checkEventsEverywhere(api, space.id, events, links((c) => c?.id ?? null), timeZone)
      await checkCompaniesEverywhere(api, companies)
      await control('DELETE', `/spaces/${copy.id}`)
      await control('DELETE', `/spaces/${space.id}`)
    }), { seed: SEED, numRuns: EVENT_RUNS, endOnFailure: true })
  }, 180_000)
})
