// What the control plane drives besides the database: the virtual clock, rate-limit windows, the journal,
// fault rules, the purger of retired partitions and the snapshot folder. One object, decorated on the app
// as `app.emulator`, so routes and the in-process handle reach the same state.
import type BetterSqlite3 from 'better-sqlite3'
import type { VirtualClock } from './clock.js'
import type { FaultBook } from './faults.js'
import type { Journal } from './journal.js'
import type { RateLimitWindows } from '../api/pipeline/rate-limit.js'
import type { Purger } from './spaces/purger.js'
import type { SnapshotStore } from './snapshots.js'

export interface EmulatorState {
  clock: VirtualClock
  windows: RateLimitWindows
  journal: Journal
  faults: FaultBook
  purger: Purger
  snapshots: SnapshotStore
  /** The raw connection when the app was given one: snapshots then use SQLite's online backup API. */
  sqlite: BetterSqlite3.Database | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    emulator: EmulatorState
  }
}
