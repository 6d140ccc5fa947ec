// startEmulator(): the whole emulator in the calling process, on port 0 with an in-memory database, and a
// typed handle with a method for everything the control plane does. The handle calls the same functions
// as the control routes, directly, so it needs no admin token and no HTTP round trip.
import type { FastifyInstance } from 'fastify'
import type { Clock } from './core/clock.js'
import { DEFAULT_SPACE_NAME, defaultConfig, type EmulatorConfig } from './core/config.js'
import { clockView } from './control/clock.js'
import { addFault } from './control/faults.js'
import { resetAll, resetSpace } from './control/reset.js'
import { exportSpace, importSpace, seedSpace, type SpaceExport } from './control/seed.js'
import { restoreSnapshot, takeSnapshot } from './control/snapshots.js'
import { addKey, createSpace, type CreateSpaceBody, deleteSpace, listSpaceViews, type NewKey, revokeKey, type SpaceSettings, type SpaceView, updateSpace } from './control/spaces.js'
import type { SnapshotInfo } from './core/snapshots.js'
import type { FaultRule, FaultSpec } from './core/faults.js'
import type { JournalEntry, JournalFilter, JournalMatch } from './core/journal.js'
import type { SpaceSeed } from './core/seed/seed.js'
import { startServer } from './server.js'

export interface StartEmulatorOptions extends Partial<EmulatorConfig> {
  /** The base clock under the virtual one (e.g. a ManualClock); real time by default. */
  clock?: Clock
}

/** Options naming a Space; the Default Space when absent. */
export interface InSpace { spaceId?: number }

export interface EmulatorClock {
  now (options?: InSpace): Date
  freeze (at?: Date | string | number, options?: InSpace): Date
  unfreeze (options?: InSpace): Date
  set (to: Date | string | number, options?: InSpace): Date
  advance (ms: number, options?: InSpace): Date
  /** Back to real time (globally: every Space too). */
  reset (options?: InSpace): Date
}

export interface Emulator {
  /** e.g. http://127.0.0.1:53127; Cometly's API is under `${url}/public-api/v1`. */
  url: string
  port: number
  /** The Default Space's key. */
  apiKey: string
  /** The Default Space's id. */
  spaceId: number
  app: FastifyInstance
  createSpace (settings?: CreateSpaceBody): Promise<SpaceView & { api_key: string }>
  spaces (): Promise<SpaceView[]>
  updateSpace (spaceId: number, settings: SpaceSettings): Promise<SpaceView>
  deleteSpace (spaceId: number): Promise<void>
  addKey (spaceId: number, key?: NewKey): Promise<{ id: number, key: string }>
  revokeKey (spaceId: number, keyId: number): Promise<void>
  /** Empties one Space, or everything (journals, faults, windows and clock too) without an id. */
  reset (options?: InSpace): Promise<void>
  requests (filter?: JournalFilter & InSpace): Promise<JournalEntry[]>
  countRequests (match?: JournalMatch & InSpace): Promise<number>
  clearRequests (options?: InSpace): Promise<void>
  addFault (fault: FaultSpec & InSpace): Promise<FaultRule>
  clearFaults (options?: InSpace): Promise<void>
  clock: EmulatorClock
  seed (seed: SpaceSeed & InSpace): Promise<number>
  exportSpace (options?: InSpace): Promise<SpaceExport>
  importSpace (data: SpaceExport & InSpace): Promise<number>
  snapshot (name: string): Promise<SnapshotInfo>
  restore (name: string): Promise<void>
  /** Stops listening and closes the database; nothing is left running. */
  close (): Promise<void>
}

const toMs = (time: Date | string | number): number => new Date(time).getTime()

export async function startEmulator (options: StartEmulatorOptions = {}): Promise<Emulator> {
  const { clock, ...overrides } = options
  const config = defaultConfig({ host: '127.0.0.1', port: 0, database: ':memory:', logLevel: 'silent', ...overrides })
  const server = await startServer(config, clock !== undefined ? { clock } : {})
  const { app } = server
  const defaultSpace = app.spaces.spaces().find((space) => space.name === DEFAULT_SPACE_NAME)
  const spaceId = defaultSpace?.id ?? 1
  const idOf = (o?: InSpace): number => o?.spaceId ?? spaceId
  const virtual = app.emulator.clock
  const timeOf = (o?: InSpace): Date => new Date(clockView(app, o?.spaceId).now_ms)

  return {
    url: server.url,
    port: server.port,
    apiKey: config.apiKey,
    spaceId,
    app,
    createSpace: async (settings = {}) => await createSpace(app, settings),
    spaces: async () => await listSpaceViews(app),
    updateSpace: async (id, settings) => await updateSpace(app, id, settings),
    deleteSpace: async (id) => { await deleteSpace(app, id) },
    addKey: async (id, key = {}) => await addKey(app, id, key),
    revokeKey: async (id, keyId) => { await revokeKey(app, id, keyId) },
    reset: async (o) => {
      if (o?.spaceId === undefined) await resetAll(app)
      else await resetSpace(app, o.spaceId)
    },
    requests: async ({ spaceId: id, ...filter } = {}) => app.emulator.journal.query(id ?? spaceId, filter),
    countRequests: async ({ spaceId: id, ...match } = {}) => app.emulator.journal.count(id ?? spaceId, match),
    clearRequests: async (o) => { app.emulator.journal.clear(idOf(o)) },
    addFault: async ({ spaceId: id, ...fault }) => await addFault(app, id ?? spaceId, fault),
    clearFaults: async (o) => { app.emulator.faults.clear(idOf(o)) },
    clock: {
      now: (o) => timeOf(o),
      freeze: (at, o) => { virtual.freeze(o?.spaceId, at === undefined ? undefined : toMs(at)); return timeOf(o) },
      unfreeze: (o) => { virtual.unfreeze(o?.spaceId); return timeOf(o) },
      set: (to, o) => { virtual.set(toMs(to), o?.spaceId); return timeOf(o) },
      advance: (ms, o) => { virtual.advance(ms, o?.spaceId); return timeOf(o) },
      reset: (o) => { virtual.reset(o?.spaceId); return timeOf(o) }
    },
    seed: async ({ spaceId: id, ...seed }) => await seedSpace(app, id ?? spaceId, seed),
    exportSpace: async (o) => await exportSpace(app, idOf(o)),
    importSpace: async ({ spaceId: id, ...data }) => await importSpace(app, id ?? spaceId, data),
    snapshot: async (name) => await takeSnapshot(app, name),
    restore: async (name) => { await restoreSnapshot(app, name) },
    close: async () => { await server.close() }
  }
}
