// @ts-nocheck
// The emulator core: everything the emulator is besides HTTP, built from its dependencies. It owns the Spaces
// and their keys, the virtual clock, rate-limit windows, the request journal, fault rules, seeding, exports and
// snapshots. Cometly's API and the control plane are two surfaces over one core; the in-process handle is a
// third, so none of them needs the others, and none reaches a service through the Fastify instance.
import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { TIME_MAX_MS, TIME_MIN_MS } from '../wire/bounds.js'
import { CONTROL_MESSAGES, conflict, notFound } from '../wire/control-errors.js'
import { readTime } from '../wire/date-range.js'
import { MESSAGES } from '../wire/errors.js'
import { RULE_MESSAGES, validationError } from '../wire/validation.js'
import { type Clock, systemClock, VirtualClock } from './clock.js'
import type { EmulatorConfig } from './config.js'
import { ExportRunner } from './exports/runner.js'
import { FaultBook, type FaultRule, type FaultSpec } from './faults.js'
import { Journal } from './journal.js'
import { type Log, silentLog } from './log.js'
import { RateLimitWindows } from './rate-limit-windows.js'
import { SeedService } from './seed/service.js'
import { SnapshotStore, type SnapshotInfo } from './snapshots.js'
import { bootstrapSpaces } from './spaces/bootstrap.js'
import { Purger } from './spaces/purger.js'
import { SpaceRegistry } from './spaces/registry.js'
import { SpaceService } from './spaces/service.js'

export interface EmulatorDeps {
  config: EmulatorConfig
  /** A migrated database. */
  db: Kysely<Database>
  /** The base time; the emulator runs a VirtualClock over it (or this one, if it is a VirtualClock). */
  clock?: Clock
  log?: Log
  /** The raw connection behind `db`, for snapshots through SQLite's backup API (else VACUUM INTO). */
  sqlite?: BetterSqlite3.Database
}

export interface ClockView {
  space_id: number | null
  now: string
  now_ms: number
  frozen: boolean
  offset_ms: number
}

export class EmulatorCore {
  readonly config: EmulatorConfig
  readonly db: Kysely<Database>
  readonly clock: VirtualClock
  readonly log: Log
  /** Spaces and live keys in memory: authentication and every "does this Space exist?" ask it. */
  readonly registry: SpaceRegistry
  readonly windows: RateLimitWindows
  readonly journal: Journal
  readonly faults: FaultBook
  readonly exports: ExportRunner
  readonly snapshots: SnapshotStore
  readonly spaces: SpaceService
  readonly seeds: SeedService
  readonly purger: Purger
  readonly #sqlite: BetterSqlite3.Database | undefined

  /** Use createEmulator(), which also makes sure the configured Spaces exist. */
  constructor ({ config, db, clock = systemClock, log = silentLog, sqlite }: EmulatorDeps) {
    this.config = config
    this.db = db
    this.clock = clock instanceof VirtualClock ? clock : new VirtualClock(clock)
    this.log = log
    this.registry = new SpaceRegistry(db)
    this.windows = new RateLimitWindows(this.clock)
    this.journal = new Journal(config.journalSize)
    this.faults = new FaultBook()
    this.exports = new ExportRunner({ db, clock: this.clock, log, failureMessage: MESSAGES.exportFailed })
    this.snapshots = new SnapshotStore(config.snapshotDir, config.database)
    this.purger = new Purger(db, log)
    this.#sqlite = sqlite
    this.spaces = new SpaceService({
      db,
      clock: this.clock,
      registry: this.registry,
      forget: (spaceId) => { this.forget(spaceId) },
      purge: () => { this.purger.wake() }
    })
    this.seeds = new SeedService({ db, clock: this.clock, spaces: this.spaces, log })
  }

  /** Drops what the emulator holds in memory for one Space, or for every Space and the global clock. */
  forget (spaceId?: number): void {
    this.journal.clear(spaceId)
    this.faults.clear(spaceId)
    this.windows.clear(spaceId)
    this.clock.reset(spaceId)
  }

  addFault (spaceId: number, spec: FaultSpec): FaultRule {
    this.spaces.require(spaceId)
    if (spec.status === undefined && spec.latency_ms === undefined && spec.drop !== true) {
      throw validationError('status', (a) => `The ${a} field is required when latency ms and drop are not present.`)
    }
    return this.faults.add(spaceId, {
      ...spec,
      ...(spec.method !== undefined && { method: spec.method.toUpperCase() })
    })
  }

  /** Freezes the global clock or a Space's, now or at `at` (a 422 naming `at` outside the time range). */
  freezeClock (at: string | number | undefined, spaceId?: number): ClockView {
    this.#clockOf(spaceId)
    this.clock.freeze(spaceId, at === undefined ? undefined : readTime(at, 'at'))
    return this.clockView(spaceId)
  }

  unfreezeClock (spaceId?: number): ClockView {
    this.#clockOf(spaceId)
    this.clock.unfreeze(spaceId)
    return this.clockView(spaceId)
  }

  /** Sets the global clock or a Space's (a 422 naming `to` outside the time range). */
  setClock (to: string | number, spaceId?: number): ClockView {
    this.#clockOf(spaceId)
    this.clock.set(readTime(to, 'to'), spaceId)
    return this.clockView(spaceId)
  }

  /** Moves a clock by `ms`, either way; a 422 naming `ms` when that would leave the time range. */
  advanceClock (ms: number, spaceId?: number): ClockView {
    this.#clockOf(spaceId)
    const now = this.clock.now(spaceId)
    const [min, max] = [TIME_MIN_MS - now, TIME_MAX_MS - now]
    if (!(ms >= min && ms <= max)) throw validationError('ms', RULE_MESSAGES.between(min, max))
    if (!Number.isInteger(ms)) throw validationError('ms', RULE_MESSAGES.integer)
    // As a set to the time shown: a layer whose reading was held at the end of the range moves from there.
    this.clock.set(now + ms, spaceId)
    return this.clockView(spaceId)
  }

  resetClock (spaceId?: number): ClockView {
    this.#clockOf(spaceId)
    this.clock.reset(spaceId)
    return this.clockView(spaceId)
  }

  #clockOf (spaceId: number | undefined): void {
    if (spaceId !== undefined) this.spaces.require(spaceId)
  }

  clockView (spaceId?: number): ClockView {
    const state = this.clock.state(spaceId)
    return {
      space_id: spaceId ?? null,
      now: new Date(state.now).toISOString(),
      now_ms: state.now,
      frozen: state.frozen,
      offset_ms: state.offset_ms
    }
  }

  async snapshot (name: string): Promise<SnapshotInfo> {
    return await this.snapshots.create(name, this.db, this.#sqlite)
  }

  /**
   * Puts the named snapshot's data in place of the live data, and reloads what is cached from it. What the
   * emulator holds in memory for a Space the restore took away (journal, faults, clock layer) goes with it;
   * Spaces that stay keep theirs. Export jobs start over from the restored table: one running now would write
   * its file into a job of the same id in the restored data.
   */
  async restore (name: string): Promise<void> {
    if (this.snapshots.info(name) === undefined) throw notFound(CONTROL_MESSAGES.snapshotNotFound(name))
    const before = this.registry.spaces().map((space) => space.id)
    const running = this.exports.started
    if (running) await this.exports.stop()
    try {
      if (!await this.snapshots.restore(name, this.db)) throw conflict(CONTROL_MESSAGES.snapshotIncompatible(name))
      await this.registry.reload()
    } finally {
      if (running) await this.exports.start()
    }
    for (const id of before) if (this.registry.space(id) === undefined) this.forget(id)
    this.windows.clear()
    this.purger.wake()
  }

  /** Starts the background work: resumes export jobs an earlier process left pending, purges retired data. */
  async start (): Promise<void> {
    this.purger.wake()
    await this.exports.start()
  }

  /** Stops the background work; unfinished export jobs stay pending for the next start. */
  async stop (): Promise<void> {
    await this.purger.stop()
    await this.exports.stop()
  }

  /** Removes what only this process used (a temporary snapshot folder); the database is the caller's. */
  close (): void {
    this.snapshots.close()
  }
}

/** A core ready to serve: the Default Space and every configured Space exist, and the configured seed is in. */
export async function createEmulator (deps: EmulatorDeps): Promise<EmulatorCore> {
  const emulator = new EmulatorCore(deps)
  await bootstrapSpaces(emulator.db, emulator.config, emulator.clock)
  await emulator.registry.reload()
  await emulator.seeds.seedAtStart(emulator.config.seed)
  return emulator
}
