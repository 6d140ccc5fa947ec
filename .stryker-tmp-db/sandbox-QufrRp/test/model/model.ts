// @ts-nocheck
// A small in-memory model of what each Space must contain and answer, for the model-based test
// (test/model/emulator.test.ts). It is written from the docs, not from the code: ids that are never reused,
// what a reset, a restore, an import and a delete keep and drop, how a clock layer moves. A resource is one
// module of ./resources/ that adds its commands; events and companies become two more.
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
  // What lives in memory: never in a snapshot, dropped by reset, delete and import (docs/control-plane.md).
  journal: number
  faultRules: number
  pendingFaults: number
  clock: Layer
}

/** What a snapshot holds of a Space: its database rows. */
export type StoredSpace = Pick<SpaceModel, 'id' | 'name' | 'timeZone' | 'keys' | 'contacts'>

export interface Model {
  spaces: SpaceModel[]
  globalNow: number
  /** The highest Space and key ids ever handed out: the next ones are one above (never reused). */
  maxSpaceId: number
  maxKeyId: number
  snapshots: Map<string, StoredSpace[]>
}

export interface Real {
  t: TestApp
  control: ReturnType<typeof controlClient>
}

export type Command = fc.AsyncCommand<Model, Real, false>

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
      journal: 0,
      faultRules: 0,
      pendingFaults: 0,
      clock: null
    }],
    globalNow: START_MS,
    maxSpaceId: 1,
    maxKeyId: 1,
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
  const { id, name, timeZone, keys, contacts } = space
  return structuredClone({ id, name, timeZone, keys, contacts })
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

/** After every command: the Spaces as the control plane lists them, and what each holds in memory. */
export async function verify (m: Model, r: Real): Promise<void> {
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
