import { type Kysely, Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely'
import { migrations } from '../../migrations/index.js'
import { rawConnectionOf } from './connection.js'
import { createFreshDatabase } from './fresh-database.js'

const provider = { getMigrations: async () => migrations }

// The built emulator's copy of what the migrations make from nothing (src/db/fresh-database.ts); scripts/bundle.ts
// defines it. Run from the sources (tests, `npm run dev`), it is undefined and every database is migrated.
declare const COMETLY_FRESH_DATABASE: string[] | undefined
const FRESH: string[] | undefined = typeof COMETLY_FRESH_DATABASE === 'undefined' ? undefined : COMETLY_FRESH_DATABASE

function check ({ error, results }: MigrationResultSet): void {
  if (error === undefined) return
  const failed = results?.find((result) => result.status === 'Error')
  throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error })
}

export async function migrateToLatest (db: Kysely<any>): Promise<void> {
  const raw = rawConnectionOf(db)
  if (FRESH !== undefined && raw !== undefined && createFreshDatabase(raw.sqlite, FRESH)) return
  check(await new Migrator({ db, provider }).migrateToLatest())
}

/** Undoes every migration; used by the migration round-trip test. */
export async function migrateDownToNothing (db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider })
  check(await migrator.migrateTo(NO_MIGRATIONS))
}
