// startEmulator(): the whole emulator in the calling process, on port 0 with an in-memory database, and a
// typed handle with a method for everything the control plane does. The handle is a thin adapter over the
// same emulator core as the control routes, so it needs no admin token and no HTTP round trip.
import type { ValidateFunction } from 'ajv'
import type { FastifyInstance } from 'fastify'
import type { Clock } from './core/clock.js'
import { DEFAULT_SPACE_NAME, defaultConfig, type EmulatorConfig } from './core/config.js'
import type { FaultRule, FaultSpec } from './core/faults.js'
import { type JournalEntry, type JournalFilter, type JournalMatch, plainEntry } from './core/journal.js'
import type { SpaceSeed } from './core/seed/seed.js'
import type { SpaceExport } from './core/seed/service.js'
import type { SnapshotInfo } from './core/snapshots.js'
import type { CreateSpaceBody, NewKey, SpaceSettings, SpaceView } from './core/spaces/schemas.js'
import { FaultSpecSchema } from './control/faults.js'
import { SpaceSeedSchema } from './core/seed/seed.js'
import { SpaceExportSchema } from './core/seed/service.js'
import {
  CreateSpaceBodySchema, NewKeySchema, SpaceSettingsSchema
} from './core/spaces/schemas.js'
import { startServer } from './server.js'
import { assertValid, compileJsonSchema } from './wire/validation.js'

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
  /** Adds a key: the given one (`'my-key'`, or `{ key, scopes }`), or a random one; the key is in the answer. */
  addKey (spaceId: number, key?: string | NewKey): Promise<{ id: number, key: string }>
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

/** A Date or a number of milliseconds becomes what the control plane takes (an invalid Date stays invalid). */
const toTime = (time: Date | string | number): string | number =>
  time instanceof Date ? (Number.isNaN(time.getTime()) ? 'Invalid Date' : time.getTime()) : time

// The handle takes the control plane's shapes and checks them as the control plane does: the same bounds, the
// same ValidationError (statusCode 422, Laravel's `errors`), so a test's mistake never reaches the data.
let validators: Record<'space' | 'settings' | 'key' | 'fault' | 'seed' | 'import', ValidateFunction> | undefined
function check (which: keyof NonNullable<typeof validators>, value: unknown): void {
  validators ??= {
    space: compileJsonSchema(CreateSpaceBodySchema),
    settings: compileJsonSchema(SpaceSettingsSchema),
    key: compileJsonSchema(NewKeySchema),
    fault: compileJsonSchema(FaultSpecSchema),
    seed: compileJsonSchema(SpaceSeedSchema),
    import: compileJsonSchema(SpaceExportSchema)
  }
  assertValid(validators[which], value)
}

export async function startEmulator (options: StartEmulatorOptions = {}): Promise<Emulator> {
  const { clock, ...overrides } = options
  const config = defaultConfig({ host: '127.0.0.1', port: 0, database: ':memory:', logLevel: 'silent', ...overrides })
  const server = await startServer(config, clock !== undefined ? { clock } : {})
  const { app } = server
  const { emulator } = app
  const defaultSpace = emulator.registry.spaces().find((space) => space.name === DEFAULT_SPACE_NAME)
  const spaceId = defaultSpace?.id ?? 1
  const idOf = (o?: InSpace): number => o?.spaceId ?? spaceId
  const { spaces, seeds, journal, faults } = emulator
  const timeOf = (o?: InSpace): Date => new Date(emulator.clockView(o?.spaceId).now_ms)
  const dateOf = (view: { now_ms: number }): Date => new Date(view.now_ms)

  return {
    url: server.url,
    port: server.port,
    apiKey: config.apiKey,
    spaceId,
    app,
    createSpace: async (settings = {}) => {
      check('space', settings)
      return await spaces.create(settings)
    },
    spaces: async () => await spaces.list(),
    updateSpace: async (id, settings) => {
      check('settings', settings)
      return await spaces.update(id, settings)
    },
    deleteSpace: async (id) => { await spaces.delete(id) },
    addKey: async (id, key = {}) => {
      const body = typeof key === 'string' ? { key } : key
      check('key', body)
      return await spaces.addKey(id, body)
    },
    revokeKey: async (id, keyId) => { await spaces.revokeKey(id, keyId) },
    reset: async (o) => {
      if (o?.spaceId === undefined) await spaces.resetAll()
      else await spaces.reset(o.spaceId)
    },
    requests: async ({ spaceId: id, ...filter } = {}) => journal.query(id ?? spaceId, filter).map(plainEntry),
    countRequests: async ({ spaceId: id, ...match } = {}) => journal.count(id ?? spaceId, match),
    clearRequests: async (o) => { journal.clear(idOf(o)) },
    addFault: async ({ spaceId: id, ...fault }) => {
      check('fault', fault)
      return emulator.addFault(id ?? spaceId, fault)
    },
    clearFaults: async (o) => { faults.clear(idOf(o)) },
    clock: {
      now: (o) => timeOf(o),
      freeze: (at, o) => dateOf(emulator.freezeClock(at === undefined ? undefined : toTime(at), o?.spaceId)),
      unfreeze: (o) => dateOf(emulator.unfreezeClock(o?.spaceId)),
      set: (to, o) => dateOf(emulator.setClock(toTime(to), o?.spaceId)),
      advance: (ms, o) => dateOf(emulator.advanceClock(ms, o?.spaceId)),
      reset: (o) => dateOf(emulator.resetClock(o?.spaceId))
    },
    seed: async ({ spaceId: id, ...seed }) => {
      check('seed', seed)
      return await seeds.seed(id ?? spaceId, seed)
    },
    exportSpace: async (o) => await seeds.exportSpace(idOf(o)),
    importSpace: async ({ spaceId: id, ...data }) => {
      check('import', data)
      return await seeds.importSpace(id ?? spaceId, data)
    },
    snapshot: async (name) => await emulator.snapshot(name),
    restore: async (name) => { await emulator.restore(name) },
    close: async () => { await server.close() }
  }
}
