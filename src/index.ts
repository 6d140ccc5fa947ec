// The package's library entry: build the app yourself, or start a whole server in-process.
export { buildApp, type AppDeps } from './app.js'
export { startServer, type RunningServer } from './server.js'
export { defaultConfig, loadConfig, DEV_API_KEY, type EmulatorConfig } from './config.js'
export { ManualClock, systemClock, type Clock } from './clock.js'
export { openDatabase, type DatabaseHandle } from './db/connection.js'
export { migrateToLatest } from './db/migrate.js'
