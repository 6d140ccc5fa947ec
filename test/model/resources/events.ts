// Tracked events (Decisions D35 to D41, D47 to D51): POST /events/track and the older POST /events queue an
// event (a 202, or a 422 for a time outside the emulator's range; a fault's 503 queues nothing); it applies when
// the Space's clock reaches its acceptance plus the delay (model.ts `settle`) or when the Space is drained. The
// event names an email: it lands on the oldest contact holding it (any case), or makes one, linked to the company
// of its domain. Reads: get (ids as strings; another Space's is a 404), list through every page, the contact's
// journey, the export file of one day.
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { expect } from 'vitest'
import { TIME_MAX_MS, TIME_MIN_MS } from '../../../src/wire/bounds.js'
import {
  api, applyQueue, type Command, type EventModel, liveKey, type Model, namesOf, nowOf, pick, type Real,
  type Resource, type SpaceModel, wallTime
} from '../model.js'
import { range, SHARED_EMAILS, spaceWithKey, spanArbitrary } from './contacts.js'

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** An email to send: a shared one, or one a contact of the Space holds (in another case, maybe). */
type EmailChoice = { shared: string } | { contact: number, item: number, upper: boolean }

/** An event_time as sent: Unix seconds (number or digits) or ISO 8601, some past the bounds. */
type SentTime = number | string | null

/** The instant a sent time names, or undefined when it must be refused (Decision D36 and the time bounds). */
function readTime (sent: SentTime): number | null | undefined {
  if (sent === null) return null
  if (typeof sent === 'number' || /^\d+$/.test(sent)) {
    const seconds = Number(sent)
    return seconds < 1e11 ? seconds * 1000 : undefined
  }
  const ms = Date.parse(sent)
  return ms >= TIME_MIN_MS && ms <= TIME_MAX_MS ? ms : undefined
}

class TrackEvent implements Command {
  constructor (readonly index: number, readonly legacy: boolean, readonly name: string, readonly email: EmailChoice,
    readonly fullName: string | null, readonly time: SentTime, readonly orderId: string | null) {}

  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    let email = 'shared' in this.email ? this.email.shared : undefined
    if (!('shared' in this.email)) {
      const contact = pick(space.contacts, this.email.contact)
      const held = contact === undefined ? undefined : pick(contact.write.emails, this.email.item)
      email = held === undefined ? SHARED_EMAILS[0] : this.email.upper ? held.toUpperCase() : held
    }
    const body = {
      event_name: this.name,
      email,
      ...(this.fullName !== null && { full_name: this.fullName }),
      ...(this.time !== null && { event_time: this.time }),
      ...(this.orderId !== null && { order_id: this.orderId })
    }
    const res = await api(m, r, space, liveKey(space) as never, 'POST', this.legacy ? '/events' : '/events/track',
      JSON.stringify(body))
    if (res.faulted) return
    const time = readTime(this.time)
    if (time === undefined) {
      expect(res).toMatchObject({
        status: 422,
        body: { errors: { event_time: ['The event time field must be ISO 8601 or a Unix timestamp in seconds.'] } }
      })
      return
    }
    expect(res).toEqual({
      status: 202,
      body: { status: 202, message: 'Event accepted and queued for processing' },
      faulted: false
    })
    space.queue.push({
      name: this.name,
      email: email as string,
      fullName: this.fullName,
      time,
      orderId: this.orderId,
      acceptedAt: nowOf(m, space)
    })
  }

  toString (): string {
    const { legacy, name, email, fullName, time, orderId } = this
    return `trackEvent #${this.index} ${JSON.stringify({ legacy, name, email, fullName, time, orderId })}`
  }
}

class DrainEvents implements Command {
  constructor (readonly index: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    const res = await r.control('POST', `/spaces/${space.id}/events/drain`)
    expect(res).toMatchObject({ status: 200, body: { processed: space.queue.length } })
    applyQueue(m, r, space, true)
  }

  toString (): string { return `drainEvents #${this.index}` }
}

function contactOf (space: SpaceModel, event: EventModel): { companyId: number | null } {
  return space.contacts.find((c) => c.id === event.contactId) as { companyId: number | null }
}

class GetEvent implements Command {
  constructor (readonly index: number, readonly eventIndex: number, readonly other: boolean) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const others = m.spaces.filter((s) => s !== space).flatMap((s) => s.events)
    const event = this.other ? undefined : pick(space.events, this.eventIndex)
    const id = event?.id ?? pick(others, this.eventIndex)?.id ?? 999_999_999
    const res = await api(m, r, space, liveKey(space) as never, 'GET', `/events/${id}`)
    if (res.faulted) return
    if (event === undefined) {
      expect(res).toMatchObject({ status: 404, body: { message: 'Event not found' } })
      return
    }
    // Decision D49: this object's ids are decimal strings; company_id is the contact's company now (D32).
    const { companyId } = contactOf(space, event)
    expect(res).toMatchObject({ status: 200 })
    expect(res.body).toEqual({
      id: String(event.id),
      profile_id: String(event.contactId),
      company_id: companyId === null ? null : String(companyId),
      space_id: String(space.id),
      event_name: event.name,
      configured_name: event.name,
      amount: null,
      is_upsell: false,
      event_time_utc: iso(event.time),
      order_id: event.orderId,
      order_name: null,
      event_url: null,
      touchpoints: []
    })
  }

  toString (): string {
    return `getEvent #${this.index} event #${this.eventIndex}${this.other ? ' (another Space\'s)' : ''}`
  }
}

const FIELDS = ['id', 'profile_id', 'company_id', 'event_name', 'order_id', 'event_time_utc']

class ListEvents implements Command {
  constructor (readonly index: number, readonly perPage: number, readonly back: number, readonly ahead: number,
    readonly everything: boolean) {}

  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    // The whole range a wall time names: from 1970 (in UTC) to the last second a four-digit year reaches.
    const { query, inRange } = this.everything
      ? range({ ...m, globalNow: TIME_MIN_MS }, { ...space, clock: null }, 0, TIME_MAX_MS)
      : range(m, space, this.back, this.ahead)
    const fields = FIELDS.map((f) => `&fields[]=${f}`).join('')
    const expected = space.events.filter((e) => inRange({ createdAt: e.time })).sort((a, b) => b.id - a.id)
    const seen: any[] = []
    let cursor = ''
    for (let page = 0; page < 50; page++) {
      const res = await api(m, r, space, liveKey(space) as never, 'GET',
        `/events?${query}&per_page=${this.perPage}${fields}${cursor}`)
      if (res.faulted) return
      expect(res.status).toBe(200)
      seen.push(...res.body.data)
      if (res.body.next_cursor === null) break
      cursor = `&cursor=${res.body.next_cursor as string}`
    }
    expect(seen).toEqual(expected.map((e) => ({
      id: e.id,
      profile_id: e.contactId,
      company_id: contactOf(space, e).companyId,
      event_name: e.name,
      order_id: e.orderId,
      event_time_utc: iso(e.time)
    })))
  }

  toString (): string {
    const { perPage, back, ahead, everything } = this
    return `listEvents #${this.index} ${JSON.stringify({ perPage, back, ahead, everything })}`
  }
}

/** The contact's journey in get-contact: its conversions, newest first (equal times: higher id first). */
class GetJourney implements Command {
  constructor (readonly index: number, readonly contactIndex: number) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined && s.contacts.length > 0) }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces.filter((s) => liveKey(s) !== undefined && s.contacts.length > 0), this.index) as
      SpaceModel
    const contact = pick(space.contacts, this.contactIndex) as SpaceModel['contacts'][number]
    const res = await api(m, r, space, liveKey(space) as never, 'GET', `/contacts/${contact.id}?include_events=1`)
    if (res.faulted) return
    expect(res.status).toBe(200)
    expect({ emails: res.body.emails, names: res.body.names })
      .toEqual({ emails: contact.write.emails, names: namesOf(contact) })
    expect(res.body.events).toEqual(space.events.filter((e) => e.contactId === contact.id)
      .sort((a, b) => b.time - a.time || b.id - a.id)
      .map((e) => ({
        type: 'conversion',
        id: e.id,
        event_name: e.name,
        configured_name: e.name,
        amount: null,
        is_upsell: false,
        order_id: e.orderId,
        order_name: null,
        event_url: null,
        event_time_utc: iso(e.time)
      })))
  }

  toString (): string { return `getJourney #${this.index} contact #${this.contactIndex}` }
}

/** One day's export (in the Space's zone): the day of one of its events, or of its clock. */
class ExportEvents implements Command {
  constructor (readonly index: number, readonly eventIndex: number) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    // A day is YYYY-MM-DD: an event after 9999 in the Space's zone (a zone ahead of UTC, near the end of the time
    // range) has no day to ask for; its Space's clock day is asked for instead.
    let day = wallTime(pick(space.events, this.eventIndex)?.time ?? nowOf(m, space), space.timeZone).slice(0, 10)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) day = wallTime(nowOf(m, space), space.timeZone).slice(0, 10)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return
    const queued = await api(m, r, space, liveKey(space) as never, 'POST', '/events/exports',
      JSON.stringify({ date: day }))
    if (queued.faulted) return
    expect(queued.status).toBe(202)
    await r.t.app.emulator.exports.idle()
    const status = await api(m, r, space, liveKey(space) as never, 'GET',
      `/events/exports/${queued.body.export_id as number}`)
    if (status.faulted) return
    expect(status.body.status).toBe('completed')
    const file = await r.t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
    const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown)
    expect(lines).toEqual(space.events.filter((e) => wallTime(e.time, space.timeZone).startsWith(day))
      .sort((a, b) => b.id - a.id)
      .map((e) => ({ id: e.id, event_name: e.name, amount: null, event_time_utc: iso(e.time) })))
  }

  toString (): string { return `exportEvents #${this.index} event #${this.eventIndex}` }
}

const timeArbitrary: fc.Arbitrary<SentTime> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e11 - 1 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }),
      fc.constantFrom('Z', '+14:00', '-05:00', '+0530')).map(([ms, zone]) => {
      const text = new Date(ms).toISOString()
      return zone === 'Z' ? text : `${text.slice(0, 19)}${zone}`
    })
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, 1e11 - 1, 1e11, '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59+14:00', '9999-12-31T23:59:59-14:00', '1970-01-01T00:00:00+01:00',
      '1970-01-01T00:00:00-01:00')
  }
)

const emailArbitrary: fc.Arbitrary<EmailChoice> = fc.oneof(
  fc.constantFrom(...SHARED_EMAILS).map((shared) => ({ shared })),
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([contact, item, upper]) => ({ contact, item, upper }))
)

export const events: Resource = {
  name: 'events',
  commands: () => [
    fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom('purchase', 'lead_generated', 'custom_event_3'),
      emailArbitrary, fc.option(fc.constantFrom('Ada', 'Grace Hopper', 'Émile')), timeArbitrary,
      fc.option(fc.constantFrom('o-1', 'o-2'), { freq: 3 }))
      .map(([i, legacy, name, email, fullName, time, orderId]) =>
        new TrackEvent(i, legacy, name, email, fullName, time, orderId)),
    fc.nat().map((i) => new DrainEvents(i)),
    fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, e, other]) => new GetEvent(i, e, other)),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }), spanArbitrary, spanArbitrary, fc.boolean())
      .map(([i, perPage, back, ahead, everything]) => new ListEvents(i, perPage, back, ahead, everything)),
    fc.tuple(fc.nat(), fc.nat()).map(([i, c]) => new GetJourney(i, c)),
    fc.tuple(fc.nat(), fc.nat()).map(([i, e]) => new ExportEvents(i, e))
  ]
}
