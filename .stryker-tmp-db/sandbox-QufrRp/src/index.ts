// @ts-nocheck
// The package's library entry: build the app yourself, or start a whole server in-process.
export { buildApp, type AppDeps } from './app.js'
export { createEmulator, EmulatorCore, type EmulatorDeps } from './core/emulator.js'
export { startServer, type RunningServer } from './server.js'
export { defaultConfig, loadConfig, DEV_API_KEY, type EmulatorConfig } from './core/config.js'
export { ManualClock, VirtualClock, systemClock, type Clock } from './core/clock.js'
export { openDatabase, type DatabaseHandle } from './db/connection.js'
export { migrateToLatest } from './db/migrate.js'
export {
  startEmulator,
  type Emulator,
  type EmulatorClock,
  type InSpace,
  type StartEmulatorOptions
} from './in-process.js'
export type { FaultRule, FaultSpec } from './core/faults.js'
export type { JournalEntry, JournalFilter, JournalMatch } from './core/journal.js'
export type { SpaceSeed, SeedContact } from './core/seed/seed.js'
export type { SpaceExport } from './core/seed/service.js'
export type { SpaceView, SpaceSettings, CreateSpaceBody, NewKey } from './core/spaces/schemas.js'
