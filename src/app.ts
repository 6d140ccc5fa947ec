// buildApp(deps): the whole emulator as a Fastify instance, from its dependencies. It never reads the
// environment and never listens; src/server.ts does both.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Kysely } from 'kysely'
import { type Clock, systemClock } from './clock.js'
import cometlyApi from './cometly/index.js'
import type { EmulatorConfig } from './config.js'
import controlPlane from './control/index.js'
import type { Database } from './db/database.js'
import errorHandler from './plugins/error-handler.js'
import { RateLimitWindows } from './plugins/rate-limit.js'
import requestContext, { requestId } from './plugins/request-context.js'
import { bootstrapSpaces } from './spaces/bootstrap.js'
import { SpaceRegistry } from './spaces/registry.js'
import { VERSION } from './version.js'

export interface AppDeps {
  config: EmulatorConfig
  /** A migrated database. */
  db: Kysely<Database>
  clock?: Clock
  /** A pino logger; without one the app logs nothing. */
  logger?: FastifyBaseLogger
}

declare module 'fastify' {
  interface FastifyInstance {
    config: EmulatorConfig
    db: Kysely<Database>
    clock: Clock
    spaces: SpaceRegistry
  }
}

export async function buildApp ({ config, db, clock = systemClock, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger !== undefined ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.bodyLimit,
    genReqId: requestId,
    // One line per request is written by request-context, with the fields that matter and no headers.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true }
  })

  await bootstrapSpaces(db, config, clock)
  const registry = new SpaceRegistry(db)
  await registry.reload()

  app.decorate('config', config)
  app.decorate('db', db)
  app.decorate('clock', clock)
  app.decorate('spaces', registry)

  // The error handler first: its onRoute hook must see every route to answer 405s.
  await app.register(errorHandler)
  await app.register(requestContext)
  await app.register(controlPlane, { prefix: '/_emulator', version: VERSION })
  await app.register(cometlyApi, { prefix: '/public-api/v1', registry, windows: new RateLimitWindows(clock) })
  return app
}
