// The process around the app: the only module that reads the environment, opens and migrates the database,
// listens, and shuts down cleanly on SIGTERM/SIGINT.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { pino, type Logger } from 'pino'
import { buildApp } from './app.js'
import type { Clock } from './core/clock.js'
import { type EmulatorConfig, loadConfig, type LogFormat } from './core/config.js'
import { createEmulator } from './core/emulator.js'
import { openDatabase } from './db/connection.js'
import { migrateToLatest } from './db/migrate.js'
import { keyHint } from './wire/api-keys.js'

export interface RunningServer {
  app: FastifyInstance
  /** e.g. http://127.0.0.1:4010, with the real port when 0 was asked for. */
  url: string
  port: number
  /** Stops listening after in-flight requests finish, then closes the database. */
  close (): Promise<void>
}

/** Readable lines for a person at a terminal; JSON lines for everything that reads logs (files, pipes,
 * containers, log shippers). A container run without -t has no terminal, so it keeps JSON. */
export function usePrettyLogs (format: LogFormat, isTTY: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && isTTY)
}

export function createLogger (level: string, { pretty = false }: { pretty?: boolean } = {}): Logger {
  // Defence in depth: no log line of ours carries headers, but if one ever does, the key is not in it.
  const options = { level, redact: ['req.headers.authorization', 'headers.authorization'] }
  if (!pretty) return pino(options)
  // Loaded only when asked for, so JSON runs never pay for it: from node_modules when run from source, and from
  // its own file beside the bundle when run from dist/bin (scripts/bundle.ts; the Docker image has no node_modules
  // for it).
  const prettyModule = import.meta.url.endsWith('.cjs') ? './pino-pretty.cjs' : 'pino-pretty'
  const { build } = createRequire(import.meta.url)(prettyModule) as typeof import('pino-pretty')
  return pino(options, build({
    colorize: process.stdout.isTTY === true,
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // The request line (http/request-context.ts) reads as one: POST /public-api/v1/contacts 201 1.84 ms.
    ignore: 'pid,hostname,method,url,status,ms',
    messageFormat: (log, messageKey) => log[messageKey] === 'request'
      ? `${String(log.method)} ${String(log.url)} ${String(log.status)} ${String(log.ms)} ms`
      : String(log[messageKey])
  }))
}

const isLoopback = (host: string): boolean => /^(127\.|::1$|\[::1\]$|localhost$)/i.test(host)
// The main process of a container (PID 1; Docker and Podman each leave a marker file at its root), as in the
// image: there, a loopback address serves no one. A dev container or a CI job's container runs other processes
// beside the emulator, which the loopback serves well.
const isContainersMainProcess = (): boolean =>
  process.pid === 1 && (existsSync('/.dockerenv') || existsSync('/run/.containerenv'))

// Whether this process has answered a request. The bundle's loader (src/load-bundle.ts) writes its code cache only
// then: a process that only seeded a database, printed a usage or failed to start wrote a cache without the code
// of a start and a request, which every later start read (a CLI start took 285 ms instead of 204;
// docs/performance.md).
let served = false
export const codeCacheWorthy = (): boolean => served

export async function startServer (config: EmulatorConfig,
  { logger, clock }: { logger?: Logger, clock?: Clock } = {}): Promise<RunningServer> {
  const log = logger ?? createLogger(config.logLevel)
  const database = openDatabase(config.database)
  try {
    await migrateToLatest(database.db)
    const emulator = await createEmulator({
      config,
      db: database.db,
      sqlite: database.sqlite,
      log,
      ...(clock !== undefined && { clock })
    })
    const app = await buildApp({ emulator, logger: log })
    app.addHook('onClose', async () => { await database.close() })
    app.server.once('request', () => { served = true })
    await app.listen({ host: config.host, port: config.port })
    const { port } = app.server.address() as AddressInfo
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    const url = `http://${host}:${port}`
    log.info({ url, database: config.database, apiKey: keyHint(config.apiKey) }, `cometly-emulator ready at ${url}`)
    if (isLoopback(config.host) && isContainersMainProcess()) {
      log.warn({ host: config.host }, `listening on ${config.host} inside a container: only this container's own ` +
        'processes can reach it, not a published port or another container (HOST=0.0.0.0 serves those too)')
    }
    return { app, url, port, close: async () => { await app.close() } }
  } catch (error) {
    await database.close()
    throw error
  }
}

/** The process entry: configuration from the environment (and flags), signals handled, exit 0 on a clean stop. */
export async function main (flags: Record<string, string> = {}): Promise<void> {
  const config = loadConfig(process.env, flags)
  const logger = createLogger(config.logLevel, {
    pretty: usePrettyLogs(config.logFormat, process.stdout.isTTY === true)
  })
  const server = await startServer(config, { logger })
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err !== undefined) logger.error({ err }, 'shutting down after an error')
    else logger.info({ signal }, 'shutting down')
    await server.close()
  })
}
