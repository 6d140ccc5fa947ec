// buildApp(deps): the whole emulator as a Fastify instance. It only wires: the emulator core (made from the
// dependencies, or given ready-made), the shared HTTP plumbing, and the two surfaces over the core. It never
// reads the environment and never listens; src/server.ts does both.
//
// Three instances share one core. The served app holds Cometly's surface and the health route. The rest of the
// control plane is an instance of its own, built on the first control call (src/control/forward.ts): most
// of its routes serve a test's setup, and registering them cost about a sixth of a container's start. The
// OpenAPI document comes from a third instance, built on the first request for it, that registers every route
// of both surfaces under @fastify/swagger.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import cometlyApi from './api/index.js'
import downloads, { DOWNLOADS_PREFIX } from './api/downloads.js'
import controlPlane from './control/index.js'
import forwardControlPlane from './control/forward.js'
import type { EmulatorConfig } from './core/config.js'
import { createEmulator, type EmulatorCore, type EmulatorDeps } from './core/emulator.js'
import errorHandler, { clientErrorHandler } from './http/error-handler.js'
import { lazyCompilers } from './http/lazy-compilers.js'
import { madeOnce } from './http/made-once.js'
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
    /** The control plane's own instance (built on first use), or null when the control plane is off. */
    controlPlane: (() => Promise<FastifyInstance>) | null
  }
}

const CONTROL_PREFIX = '/_emulator'
const API_PREFIX = '/public-api/v1'

/** What every instance that serves requests is made with, so that both answer alike. */
function serverOptions (config: EmulatorConfig, logger: FastifyBaseLogger | undefined) {
  return {
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
  }
}

export async function buildApp (deps: AppDeps): Promise<FastifyInstance> {
  const { logger } = deps
  const emulator = 'emulator' in deps
    ? deps.emulator
    : await createEmulator({ ...deps, ...(logger !== undefined && { log: logger }) })
  const { config } = emulator
  const app = Fastify(serverOptions(config, logger))
  app.decorate('emulator', emulator)
  // Background work (export jobs, purging) runs while the app does; preClose stops it before any onClose
  // hook closes the database under it.
  app.addHook('onReady', async () => { await emulator.start() })
  app.addHook('preClose', async () => { await emulator.stop() })
  app.addHook('onClose', async () => { emulator.close() })

  // The error handler first: its onRoute hook must see every route to answer 405s.
  await app.register(errorHandler, { urlLimit: config.urlLimit })
  await app.register(requestContext)
  const control = madeOnce(async () => await buildControlPlane(emulator, logger))
  app.decorate('controlPlane', config.controlPlane ? control.get : null)
  // Closing the served app closes that instance too: its preClose hooks end the journal's live streams, which
  // would otherwise hold their connections open.
  app.addHook('preClose', async () => { await (await control.peek()?.catch(() => undefined))?.close() })
  await app.register(forwardControlPlane, { prefix: CONTROL_PREFIX, version: VERSION, instance: app.controlPlane })
  await app.register(cometlyApi, { prefix: API_PREFIX, emulator })
  // Export files: outside both surfaces, so links work with the control plane off and without an API key.
  await app.register(downloads, { prefix: DOWNLOADS_PREFIX, emulator })
  return app
}

/** The control plane's instance: the served app hands it every /_emulator request but health's GET. */
async function buildControlPlane (emulator: EmulatorCore,
  logger: FastifyBaseLogger | undefined): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(emulator.config, logger))
  await app.register(errorHandler, { urlLimit: emulator.config.urlLimit })
  await app.register(requestContext)
  await app.register(controlPlane, {
    prefix: CONTROL_PREFIX,
    emulator,
    version: VERSION,
    document: async () => await documentBoth(emulator)
  })
  await app.ready()
  return app
}

/**
 * An instance that serves nothing: it registers every route of both surfaces under @fastify/swagger, which
 * collects them into one OpenAPI 3.1 document. Built when the document is first asked for (src/control/docs.ts).
 */
async function documentBoth (emulator: EmulatorCore): Promise<FastifyInstance> {
  // Lazy compilers here too: compiling every route's schemas, which this instance never uses, cost 140 ms.
  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: lazyCompilers }
  })
  await app.register(openApi, { version: VERSION })
  await app.register(controlPlane, {
    prefix: CONTROL_PREFIX,
    emulator,
    version: VERSION,
    document: async () => { throw new Error('the document instance serves no requests') }
  })
  await app.register(cometlyApi, { prefix: API_PREFIX, emulator })
  await app.register(downloads, { prefix: DOWNLOADS_PREFIX, emulator })
  await app.ready()
  return app
}
