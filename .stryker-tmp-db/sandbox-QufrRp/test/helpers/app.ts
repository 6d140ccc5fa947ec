// @ts-nocheck
// Builds an emulator on a fresh :memory: database with a manual clock; every test gets its own.
import type { FastifyBaseLogger, FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.js'
import { ManualClock } from '../../src/core/clock.js'
import { defaultConfig, DEV_API_KEY, type EmulatorConfig } from '../../src/core/config.js'
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js'
import { migrateToLatest } from '../../src/db/migrate.js'

export const START = '2024-01-01T00:00:00.000Z'

export interface TestApp {
  app: FastifyInstance
  clock: ManualClock
  database: DatabaseHandle
  /** Sends a request with the dev key unless `headers.authorization` says otherwise. */
  request (options: InjectOptions): Promise<LightMyRequestResponse>
  close (): Promise<void>
}

export async function testApp ({ config = {}, clock = new ManualClock(START), database, logger }: {
  config?: Partial<EmulatorConfig>
  clock?: ManualClock
  database?: DatabaseHandle
  logger?: FastifyBaseLogger
} = {}): Promise<TestApp> {
  const db = database ?? openDatabase(':memory:')
  await migrateToLatest(db.db)
  const app = await buildApp({
    config: defaultConfig({ database: db.path, ...config }),
    db: db.db,
    clock,
    ...(logger !== undefined && { logger })
  })
  app.addHook('onClose', async () => { await db.close() })
  return {
    app,
    clock,
    database: db,
    request: async (options) => await app.inject({
      ...options,
      headers: { authorization: `Bearer ${DEV_API_KEY}`, ...options.headers }
    }),
    close: async () => { await app.close() }
  }
}

/** Counts the rows of every contact table. */
export function countRows (database: DatabaseHandle): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const table of ['contacts', 'emails', 'phones', 'names', 'locations']) {
    counts[table] = (database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  }
  return counts
}
