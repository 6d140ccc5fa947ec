// buildApp(deps): the whole emulator as a Fastify instance, from its dependencies. It never reads the
// environment and never listens; src/server.ts does both.
import type BetterSqlite3 from 'better-sqlite3'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Kysely } from 'kysely'
import { type Clock, systemClock, VirtualClock } from './core/clock.js'
import cometlyApi from './api/index.js'
import type { EmulatorConfig } from './core/config.js'
import type { EmulatorState } from './core/emulator.js'
import controlPlane from './control/index.js'
import openApi from './http/openapi.js'
import { SnapshotStore } from './core/snapshots.js'
import { seedAtStart } from './control/seed.js'
import type { Database } from './db/database.js'
import downloads, { DOWNLOADS_PREFIX } from './api/downloads.js'
import { ExportRunner } from './core/exports/runner.js'
import { FaultBook } from './core/faults.js'
import { Journal } from './core/journal.js'
import errorHandler, { clientErrorHandler } from './http/error-handler.js'
import { RateLimitWindows } from './api/pipeline/rate-limit.js'
import requestContext, { requestId } from './http/request-context.js'
import { MESSAGES } from './wire/errors.js'
import { lazyCompilers } from './http/lazy-compilers.js'
import { bootstrapSpaces } from './core/spaces/bootstrap.js'
import { Purger } from './core/spaces/purger.js'
import { SpaceRegistry } from './core/spaces/registry.js'
import { VERSION } from './version.js'

export interface AppDeps {
  config: EmulatorConfig
  /** A migrated database. */
  db: Kysely<Database>
  /** The base time; the app runs a VirtualClock over it (or this one, if it is a VirtualClock). */
  clock?: Clock
  /** A pino logger; without one the app logs nothing. */
  logger?: FastifyBaseLogger
  /** The raw connection behind `db`, for snapshots through SQLite's backup API (else VACUUM INTO). */
  sqlite?: BetterSqlite3.Database
}

declare module 'fastify' {
  interface FastifyInstance {
    config: EmulatorConfig
    db: Kysely<Database>
    clock: Clock
    spaces: SpaceRegistry
  }
}

export async function buildApp ({ config, db, clock: baseClock = systemClock, logger, sqlite }: AppDeps): Promise<FastifyInstance> {
  const clock = baseClock instanceof VirtualClock ? baseClock : new VirtualClock(baseClock)
  const app = Fastify({
    ...(logger !== undefined ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.bodyLimit,
    // Slow clients (a body a byte at a time, a head that never ends) get 408 within requestTimeout; the
    // connection check runs often enough for that bound to hold.
    requestTimeout: config.requestTimeout,
    http: {
      maxHeaderSize: config.headerLimit,
      requestTimeout: config.requestTimeout,
      headersTimeout: config.requestTimeout,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(config.requestTimeout / 2))
    },
    clientErrorHandler,
    genReqId: requestId,
    // One line per request is written by request-context, with the fields that matter and no headers.
    logController: new LogController({ disableRequestLogging: true }),
    // The error handler refuses requests during shutdown with an envelope 503 instead.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: lazyCompilers }
  })

  await bootstrapSpaces(db, config, clock)
  const registry = new SpaceRegistry(db)
  await registry.reload()

  app.decorate('config', config)
  app.decorate('db', db)
  app.decorate('clock', clock)
  app.decorate('spaces', registry)
  const emulator: EmulatorState = {
    clock,
    windows: new RateLimitWindows(clock),
    journal: new Journal(config.journalSize),
    faults: new FaultBook(),
    purger: new Purger(db, app.log),
    snapshots: new SnapshotStore(config.snapshotDir, config.database),
    sqlite
  }
  app.decorate('emulator', emulator)
  app.addHook('onReady', async () => { emulator.purger.wake() })
  // preClose: the purger stops before any onClose hook closes the database under it.
  app.addHook('preClose', async () => { await emulator.purger.stop() })
  app.addHook('onClose', async () => { emulator.snapshots.close() })
  const exportRunner = new ExportRunner({ db, clock, log: app.log, failureMessage: MESSAGES.exportFailed })
  app.decorate('exportRunner', exportRunner)
  // Jobs left pending by an earlier process resume at start; at shutdown running ones stop and stay
  // pending, before any onClose hook closes the database under them.
  app.addHook('onReady', async () => { await exportRunner.start() })
  app.addHook('preClose', async () => { await exportRunner.stop() })

  // The error handler first: its onRoute hook must see every route to answer 405s.
  await app.register(errorHandler)
  await app.register(requestContext)
  // Before any route: @fastify/swagger collects the routes of both surfaces as they are added.
  await app.register(openApi)
  await app.register(controlPlane, { prefix: '/_emulator', version: VERSION })
  await app.register(cometlyApi, { prefix: '/public-api/v1', registry, windows: emulator.windows })
  // Export files: outside both surfaces, so links work with the control plane off and without an API key.
  await app.register(downloads, { prefix: DOWNLOADS_PREFIX })
  await seedAtStart(app)
  return app
}
