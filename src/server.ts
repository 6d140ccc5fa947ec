// The process around the app: the only module that reads the environment, opens and migrates the database,
// listens, and shuts down cleanly on SIGTERM/SIGINT.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { pino, type Logger } from 'pino'
import { buildApp } from './app.js'
import type { Clock } from './core/clock.js'
import { type EmulatorConfig, loadConfig } from './core/config.js'
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

export function createLogger (level: string): Logger {
  // Defence in depth: no log line of ours carries headers, but if one ever does, the key is not in it.
  return pino({ level, redact: ['req.headers.authorization', 'headers.authorization'] })
}

const isLoopback = (host: string): boolean => /^(127\.|::1$|\[::1\]$|localhost$)/i.test(host)
// The main process of a container (PID 1; Docker and Podman each leave a marker file at its root), as in the
// image: there, a loopback address serves no one. A dev container or a CI job's container runs other processes
// beside the emulator, which the loopback serves well.
const isContainersMainProcess = (): boolean =>
  process.pid === 1 && (existsSync('/.dockerenv') || existsSync('/run/.containerenv'))

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
  const logger = createLogger(config.logLevel)
  const server = await startServer(config, { logger })
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err !== undefined) logger.error({ err }, 'shutting down after an error')
    else logger.info({ signal }, 'shutting down')
    await server.close()
  })
}
