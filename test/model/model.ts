// A small in-memory model of what each Space must contain and answer, for the model-based test
// (test/model/emulator.test.ts). It is written from the docs, not from the code: ids that are never reused,
// what a reset, a restore, an import and a delete keep and drop, how a clock layer moves, which contact and
// company an event lands on. A resource is one module of ./resources/ that adds its commands.
import type fc from 'fast-check'
import { expect } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { TIME_MAX_MS, TIME_MIN_MS } from '../../src/wire/bounds.js'
import type { TestApp } from '../helpers/app.js'
import type { ContactWrite, SlotValue } from '../helpers/contact-forms.js'
import { controlClient } from '../helpers/control.js'

export const START_MS = Date.UTC(2024, 0, 1)
/** Zones without daylight saving: a wall time names one instant, so the model can compute list ranges. */
export const MODEL_TIME_ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Tokyo', 'Pacific/Kiritimati', 'America/Bogota'] as const

export interface ContactModel {
  id: number
  write: ContactWrite
  slots: Record<string, SlotValue>
  createdAt: number
  /** The company of its primary email's domain (Decision D32), or none. */
  companyId: number | null
  /** Names gained through tracking (Decision D38), oldest first: each a later write than `write.names`. */
  gainedNames: string[]
}

/** Decision D17: names in GET, the most recent write first (at most 25). */
export function namesOf (contact: ContactModel): string[] {
  return [...contact.gainedNames].reverse().concat(contact.write.names).slice(0, 25)
}

/** The primary name (a list row's `name`): the first of the create or last PUT, else the first gained. */
export function primaryName (contact: ContactModel): string | null {
  return contact.write.names[0] ?? contact.gainedNames[0] ?? null
}

export interface CompanyModel { id: number, domain: string, name: string, createdAt: number }

/** A conversion: its time floored to the whole second, as stored. */
export interface EventModel { id: number, contactId: number, name: string, time: number, orderId: string | null }

/** What POST /events/track sent (the model's part of it), and when the Space's clock accepted it. */
export interface TrackedModel {
  name: string
  email: string
  fullName: string | null
  /** Unix ms, or null: the acceptance time. */
  time: number | null
  orderId: string | null
  acceptedAt: number
}

export interface KeyModel { id: number, key: string, revoked: boolean }

/** A Space's own clock layer: none (the global clock), running at an offset from it, or frozen. */
export type Layer = { offset: number } | { frozenAt: number } | null

export interface SpaceModel {
  id: number
  name: string
  timeZone: string
  keys: KeyModel[]
  contacts: ContactModel[]
  companies: CompanyModel[]
  events: EventModel[]
  /** Accepted events not applied yet: a database table, so in snapshots, and dropped with the partition. */
  queue: TrackedModel[]
  // What lives in memory: never in a snapshot, dropped by reset, delete and import (docs/control-plane.md).
  journal: number
  faultRules: number
  pendingFaults: number
  clock: Layer
}

/** What a snapshot holds of a Space: its database rows. */
export type StoredSpace = Pick<SpaceModel, 'id' | 'name' | 'timeZone' | 'keys' | 'contacts' | 'companies' |
'events' | 'queue'>

export interface Model {
  spaces: SpaceModel[]
  globalNow: number
  /** The highest Space and key ids ever handed out: the next ones are one above (never reused). */
  maxSpaceId: number
  maxKeyId: number
  /** Contacts, companies and conversions: each one sequence for the whole emulator, never reused. */
  maxContactId: number
  maxCompanyId: number
  maxEventId: number
  snapshots: Map<string, StoredSpace[]>
}

export interface Real {
  t: TestApp
  control: ReturnType<typeof controlClient>
}

export type Command = fc.AsyncCommand<Model, Real, false>

/** The processing delay of tracked events the test's emulator is configured with (Decision D37). */
export const EVENT_DELAY_MS = 60_000

/** Counts for the test's closing line. */
export const stats = { sequences: 0, commands: 0, byName: {} as Record<string, number> }

export function initialModel (): Model {
  return {
    spaces: [{
      id: 1,
      name: 'Default Space',
      timeZone: 'UTC',
      keys: [{ id: 1, key: DEV_API_KEY, revoked: false }],
      contacts: [],
      companies: [],
      events: [],
      queue: [],
      journal: 0,
      faultRules: 0,
      pendingFaults: 0,
      clock: null
    }],
    globalNow: START_MS,
    maxSpaceId: 1,
    maxKeyId: 1,
    maxContactId: 0,
    maxCompanyId: 0,
    maxEventId: 0,
    snapshots: new Map()
  }
}

export const clamp = (ms: number): number => Math.min(TIME_MAX_MS, Math.max(TIME_MIN_MS, ms))

/** The time a Space's requests are stamped with. */
export function nowOf (m: Model, space: SpaceModel): number {
  const layer = space.clock
  if (layer === null) return m.globalNow
  return clamp('frozenAt' in layer ? layer.frozenAt : m.globalNow + layer.offset)
}

/** `YYYY-MM-DD HH:MM:SS` of an instant in a zone, by Intl (not by the emulator's own code). */
export function wallTime (ms: number, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit'
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  const year = String(parts.year).padStart(4, '0')
  return `${year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

/** The Space a generated index points at, among those that exist now. */
export function pick<T> (list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length]
}

export function liveKey (space: SpaceModel): KeyModel | undefined {
  return space.keys.find((k) => !k.revoked)
}

export function copyStored (space: StoredSpace): StoredSpace {
  const { id, name, timeZone, keys, contacts, companies, events, queue } = space
  return structuredClone({ id, name, timeZone, keys, contacts, companies, events, queue })
}

/** A Cometly call with a Space's key; the model counts it in the Space's journal and spends a pending fault. */
export async function api (m: Model, r: Real, space: SpaceModel, key: KeyModel, method: 'GET' | 'POST' | 'PUT',
  url: string, payload?: string): Promise<{ status: number, body: any, faulted: boolean }> {
  const res = await r.t.app.inject({
    method,
    url: `/public-api/v1${url}`,
    ...(payload !== undefined && { payload }),
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' }
  })
  if (key.revoked) {
    expect(res.statusCode).toBe(401)
    return { status: 401, body: res.json(), faulted: false }
  }
  space.journal++
  if (space.pendingFaults > 0) {
    space.pendingFaults--
    expect({ status: res.statusCode, body: res.json() })
      .toEqual({ status: 503, body: { message: 'Service Unavailable' } })
    return { status: 503, body: res.json(), faulted: true }
  }
  return { status: res.statusCode, body: res.body === '' ? null : res.json(), faulted: false }
}

/** Decision D32's free mail: no company. */
const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com',
  'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com',
  'yandex.com'])

/** The company domain of a primary email (Decision D32): after the @, lower-cased, unless free mail. */
export function domainOf (email: string | undefined): string | null {
  if (email === undefined) return null
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  return domain === '' || FREE_MAIL.has(domain) ? null : domain
}

export const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000

/** Ids the model cannot know before it reads them (rows tracked events make); remapped by `adopt`. */
const PROVISIONAL = 1e15
let provisional = PROVISIONAL

/**
 * The Space's company of a domain (compared in any case), made when missing with `createdAt` to the second. With
 * `known`, a new company takes the next id; without, a provisional one.
 */
export function linkCompany (m: Model, space: SpaceModel, email: string | undefined, createdAt: number,
  known: boolean): number | null {
  const domain = domainOf(email)
  if (domain === null) return null
  const found = space.companies.find((c) => c.domain.toLowerCase() === domain)
  if (found !== undefined) return found.id
  const id = known ? ++m.maxCompanyId : provisional++
  space.companies.push({ id, domain, name: domain, createdAt: wholeSecond(createdAt) })
  return id
}

/**
 * Decision D38, for events that carry an email (the model's only identity): the oldest contact holding the email
 * (any of its emails, in any case), else a new one; it gains the name it lacks. Decision D41: an order already
 * stored under the same event name drops the event. The rows it makes take provisional ids.
 */
function applyTracked (m: Model, space: SpaceModel, tracked: TrackedModel, now: number): void {
  if (tracked.orderId !== null &&
    space.events.some((e) => e.name === tracked.name && e.orderId === tracked.orderId)) return
  const email = tracked.email.toLowerCase()
  const holders = space.contacts.filter((c) => c.write.emails.some((e) => e.toLowerCase() === email))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
  let contact = holders[0]
  if (contact === undefined) {
    contact = {
      id: provisional++,
      write: {
        emails: [tracked.email],
        phones: [],
        names: tracked.fullName === null ? [] : [tracked.fullName],
        locations: []
      },
      slots: {},
      createdAt: now,
      companyId: null,
      gainedNames: []
    }
    contact.companyId = linkCompany(m, space, tracked.email, now, false)
    space.contacts.push(contact)
  } else if (tracked.fullName !== null && !contact.write.names.includes(tracked.fullName) &&
    !contact.gainedNames.includes(tracked.fullName)) {
    contact.gainedNames.push(tracked.fullName)
  }
  space.events.push({
    id: provisional++,
    contactId: contact.id,
    name: tracked.name,
    time: wholeSecond(tracked.time ?? tracked.acceptedAt),
    orderId: tracked.orderId
  })
}

function partitionOf (r: Real, space: SpaceModel): number {
  return (r.t.database.sqlite.prepare('select partition_id from spaces where id = ?').get(space.id) as
    { partition_id: number }).partition_id
}

/** Ids of a Space's rows, ascending, read from the database (reading spends nothing of the journal). */
export function idsOf (r: Real, space: SpaceModel, table: 'contacts' | 'companies' | 'events'): number[] {
  const conversions = table === 'events' ? ' and kind = \'conversion\'' : ''
  return (r.t.database.sqlite.prepare(`select id from ${table} where partition_id = ?${conversions} order by id`)
    .all(partitionOf(r, space)) as Array<{ id: number }>).map((row) => row.id)
}

/**
 * Gives the rows applied events made their real ids: those the model does not know yet, ascending, in the order
 * the model made them, each above every id handed out before (ids are never reused).
 */
function adopt (m: Model, r: Real, space: SpaceModel): void {
  const remap = (list: Array<{ id: number }>, table: 'contacts' | 'companies' | 'events',
    max: 'maxContactId' | 'maxCompanyId' | 'maxEventId'): Map<number, number> => {
    const fresh = list.filter((row) => row.id >= PROVISIONAL).sort((a, b) => a.id - b.id)
    const known = new Set(list.map((row) => row.id))
    const real = idsOf(r, space, table).filter((id) => !known.has(id))
    expect({ table, ids: real.length }).toEqual({ table, ids: fresh.length })
    const map = new Map<number, number>()
    for (const [i, row] of fresh.entries()) {
      const id = real[i] as number
      expect(id).toBeGreaterThan(m[max])
      map.set(row.id, id)
      row.id = id
    }
    if (real.length > 0) m[max] = Math.max(m[max], ...real)
    return map
  }
  const companies = remap(space.companies, 'companies', 'maxCompanyId')
  const contacts = remap(space.contacts, 'contacts', 'maxContactId')
  remap(space.events, 'events', 'maxEventId')
  for (const contact of space.contacts) {
    if (contact.companyId !== null) contact.companyId = companies.get(contact.companyId) ?? contact.companyId
  }
  for (const event of space.events) event.contactId = contacts.get(event.contactId) ?? event.contactId
}

/** Applies queued events of a Space (all, or those due), in arrival order, as the emulator must have. */
export function applyQueue (m: Model, r: Real, space: SpaceModel, all: boolean): number {
  const now = nowOf(m, space)
  const due = space.queue.filter((q) => all || q.acceptedAt + EVENT_DELAY_MS <= now)
  space.queue = space.queue.filter((q) => !due.includes(q))
  for (const tracked of due) applyTracked(m, space, tracked, now)
  adopt(m, r, space)
  return due.length
}

/**
 * After every command, the events that are due by each Space's clock have been applied (Decision D37). The
 * processor applies them in the background when a clock moves; its pass is awaited here, so that the check is
 * not a race.
 */
export async function settle (m: Model, r: Real): Promise<void> {
  await r.t.app.emulator.events.run(false)
  for (const space of m.spaces) applyQueue(m, r, space, false)
}

const COUNTS_SQL = 'select (select count(*) from companies where partition_id = ?) as companies, ' +
  '(select count(*) from events where partition_id = ? and kind = \'conversion\') as events, ' +
  '(select count(*) from event_queue where partition_id = ?) as queued'

/** After every command: the Spaces as the control plane lists them, and what each holds in memory. */
export async function verify (m: Model, r: Real): Promise<void> {
  const COUNTS = r.t.database.sqlite.prepare(COUNTS_SQL)
  const listed = (await r.control('GET', '/spaces')).body.data as Array<{
    id: number,
    name: string,
    time_zone: string,
    contacts: number,
    api_keys: Array<{ id: number, revoked_at: string | null }>
  }>
  expect(listed.map((s) => ({
    id: s.id,
    name: s.name,
    time_zone: s.time_zone,
    contacts: s.contacts,
    keys: s.api_keys.map((k) => [k.id, k.revoked_at !== null])
  }))).toEqual(m.spaces.map((s) => ({
    id: s.id,
    name: s.name,
    time_zone: s.timeZone,
    contacts: s.contacts.length,
    keys: s.keys.map((k) => [k.id, k.revoked])
  })))
  // Memory, read from the core directly: cheaper than three calls a Space after every step. The closing check
  // of each sequence (verifyOverHttp) reads the same through the control plane.
  const { emulator } = r.t.app
  for (const space of m.spaces) {
    expect({
      space: space.id,
      journal: emulator.journal.entries(space.id).length,
      faults: emulator.faults.list(space.id).length,
      now: emulator.clock.now(space.id)
    }).toEqual({ space: space.id, journal: space.journal, faults: space.faultRules, now: nowOf(m, space) })
    // Rows, counted in the database: a track a fault answered queued nothing; a drop applied nothing.
    const partition = partitionOf(r, space)
    const counts = COUNTS.get(partition, partition, partition) as object
    expect({ space: space.id, ...counts }).toEqual({
      space: space.id,
      companies: space.companies.length,
      events: space.events.length,
      queued: space.queue.length
    })
  }
  expect(emulator.clock.now()).toBe(m.globalNow)
}

export async function verifyOverHttp (m: Model, r: Real): Promise<void> {
  await verify(m, r)
  for (const space of m.spaces) {
    expect((await r.control('GET', `/spaces/${space.id}/requests`)).body.data).toHaveLength(space.journal)
    expect((await r.control('GET', `/spaces/${space.id}/faults`)).body.data).toHaveLength(space.faultRules)
    expect((await r.control('GET', `/spaces/${space.id}/clock`)).body.now_ms).toBe(nowOf(m, space))
  }
  expect((await r.control('GET', '/faults')).body.data)
    .toHaveLength(m.spaces.reduce((n, s) => n + s.faultRules, 0))
}

/** Each command is checked against the model right after it runs. */
export function checked (command: Command): Command {
  return {
    check: (m) => command.check(m),
    run: async (m, r) => {
      stats.commands++
      const name = command.toString().split(' ')[0] ?? '?'
      stats.byName[name] = (stats.byName[name] ?? 0) + 1
      await command.run(m, r)
      await settle(m, r)
      await verify(m, r)
    },
    toString: () => command.toString()
  }
}

/** A resource of the model: the commands it adds. */
export interface Resource {
  name: string
  commands: () => Array<fc.Arbitrary<Command>>
}
