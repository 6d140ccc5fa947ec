import { type Kysely, Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely'
import { migrations } from '../../migrations/index.js'

const provider = { getMigrations: async () => migrations }

function check ({ error, results }: MigrationResultSet): void {
  if (error === undefined) return
  const failed = results?.find((result) => result.status === 'Error')
  throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error })
}

export async function migrateToLatest (db: Kysely<any>): Promise<void> {
  check(await new Migrator({ db, provider }).migrateToLatest())
}

/** Undoes every migration; used by the migration round-trip test. */
export async function migrateDownToNothing (db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider })
  check(await migrator.migrateTo(NO_MIGRATIONS))
}
