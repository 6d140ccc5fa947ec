// The storage tests' database: a fresh, migrated :memory: database for each test, and a Space's partition in it.
import { afterEach, beforeEach } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { findSpaceById, insertSpace } from '../../src/db/spaces.js'

/** Opens and migrates a new database before each test of the file and closes it after; returns the current one. */
export function useMigratedDatabase (): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined
  beforeEach(async () => {
    handle = openDatabase(':memory:')
    await migrateToLatest(handle.db)
  })
  afterEach(async () => { await handle?.close() })
  return () => handle as DatabaseHandle
}

/** A new Space named `name`; returns its partition. */
export async function newPartition (database: DatabaseHandle, name: string): Promise<number> {
  const id = await database.db.transaction().execute(async (trx) => await insertSpace(trx, { name, created_at: 5 }))
  return (await findSpaceById(database.db, id))?.partition_id as number
}
