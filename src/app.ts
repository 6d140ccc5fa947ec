// buildApp(deps): the whole emulator as a Fastify instance. It only wires: the emulator core (made from the
// dependencies, or given ready-made), the shared HTTP plumbing, and the two surfaces over the core. It never
// reads the environment and never listens; src/server.ts does both.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import cometlyApi from './api/index.js'
import downloads, { DOWNLOADS_PREFIX } from './api/downloads.js'
import controlPlane from './control/index.js'
import { createEmulator, type EmulatorCore, type EmulatorDeps } from './core/emulator.js'
import errorHandler, { clientErrorHandler } from './http/error-handler.js'
import { lazyCompilers } from './http/lazy-compilers.js'
import openApi from './http/openapi.js'
import requestContext, { requestId } from './http/request-context.js'
import { requestLoggerFactory } from './http/request-logger.js'
import { VERSION } from './version.js'

export type AppDeps = (Omit<EmulatorDeps, 'log'> | { emulator: EmulatorCore }) & {
  /** A pino logger; without one the app logs nothing. */
  logger?: FastifyBaseLogger
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The core behind both surfaces, for the in-process handle and for tests. */
    emulator: EmulatorCore
  }
}

export async function buildApp (deps: AppDeps): Promise<FastifyInstance> {
  const { logger } = deps
  const emulator = 'emulator' in deps
    ? deps.emulator
    : await createEmulator({ ...deps, ...(logger !== undefined && { log: logger }) })
  const { config } = emulator
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
    childLoggerFactory: requestLoggerFactory,
    // One line per request is written by request-context, with the fields that matter and no headers.
    logController: new LogController({ disableRequestLogging: true }),
    // The error handler refuses requests during shutdown with an envelope 503 instead.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: lazyCompilers }
  })
  app.decorate('emulator', emulator)
  // Background work (export jobs, purging) runs while the app does; preClose stops it before any onClose
  // hook closes the database under it.
  app.addHook('onReady', async () => { await emulator.start() })
  app.addHook('preClose', async () => { await emulator.stop() })
  app.addHook('onClose', async () => { emulator.close() })

  // The error handler first: its onRoute hook must see every route to answer 405s.
  await app.register(errorHandler, { urlLimit: config.urlLimit })
  await app.register(requestContext)
  // Before any route: @fastify/swagger collects the routes of both surfaces as they are added.
  await app.register(openApi, { version: VERSION })
  await app.register(controlPlane, { prefix: '/_emulator', emulator, version: VERSION })
  await app.register(cometlyApi, { prefix: '/public-api/v1', emulator })
  // Export files: outside both surfaces, so links work with the control plane off and without an API key.
  await app.register(downloads, { prefix: DOWNLOADS_PREFIX, emulator })
  return app
}
