import { type Kysely, sql } from 'kysely'
import type { ApiKey, Database, IdHighWaterTable, NewSpace, Space } from './database.js'

/**
 * The next id of a table that must never hand an id out twice (migration 0006): above every id it ever handed
 * out, and above every row it holds now. Run it in the transaction that inserts the row.
 */
export async function nextId (db: Kysely<Database>, table: IdHighWaterTable['name']): Promise<number> {
  const row = await nextIdQuery(db, table).executeTakeFirstOrThrow()
  return row.value
}

/** nextId's statement, for callers that compile it once and run it on the raw connection. */
export function nextIdQuery (db: Kysely<Database>, table: IdHighWaterTable['name']) {
  return db.updateTable('id_high_water')
    .set({ value: sql<number>`max(value, (select coalesce(max(id), 0) from ${sql.table(table)})) + 1` })
    .where('name', '=', table)
    .returning('value')
}

export async function findSpaceByName (db: Kysely<Database>, name: string): Promise<Space | undefined> {
  return await db.selectFrom('spaces').selectAll().where('name', '=', name).executeTakeFirst()
}

/** Creates a Space with a new, empty partition and an id never used before. Run it in a transaction. */
export async function insertSpace (db: Kysely<Database>,
  space: Omit<NewSpace, 'partition_id' | 'id'>): Promise<number> {
  const partition = await db.insertInto('partitions').defaultValues().returning('id').executeTakeFirstOrThrow()
  const id = await nextId(db, 'spaces')
  await db.insertInto('spaces').values({ ...space, id, partition_id: partition.id }).execute()
  return id
}

export async function updateSpaceSettings (
  db: Kysely<Database>,
  id: number,
  settings: Partial<Pick<Space, 'name' | 'subscription_active' | 'time_zone' | 'custom_field_labels' |
    'custom_event_labels' | 'rate_limits'>>
): Promise<void> {
  if (Object.keys(settings).length === 0) return
  await db.updateTable('spaces').set(settings).where('id', '=', id).execute()
}

export async function listSpaces (db: Kysely<Database>): Promise<Space[]> {
  return await db.selectFrom('spaces').selectAll().orderBy('id').execute()
}

export async function findApiKeyByHash (db: Kysely<Database>, keyHash: string): Promise<ApiKey | undefined> {
  return await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst()
}

/** Adds a key with an id never used before. Run it in a transaction. */
export async function insertApiKey (
  db: Kysely<Database>,
  key: { space_id: number, key_hash: string, key_hint: string, scopes: string | null, created_at: number }
): Promise<number> {
  const id = await nextId(db, 'api_keys')
  await db.insertInto('api_keys').values({ ...key, id }).execute()
  return id
}

/** Keys that can still authenticate. */
export async function listLiveApiKeys (db: Kysely<Database>): Promise<ApiKey[]> {
  return await db.selectFrom('api_keys').selectAll().where('revoked_at', 'is', null).execute()
}

export async function findSpaceById (db: Kysely<Database>, id: number): Promise<Space | undefined> {
  return await db.selectFrom('spaces').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Deletes a Space and its keys; its partition must be retired first (see retirePartition). */
export async function deleteSpace (db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('api_keys').where('space_id', '=', id).execute()
  await db.deleteFrom('spaces').where('id', '=', id).execute()
}

/** Every key of a Space, revoked ones included, oldest first. */
export async function listApiKeys (db: Kysely<Database>, spaceId: number): Promise<ApiKey[]> {
  return await db.selectFrom('api_keys').selectAll().where('space_id', '=', spaceId).orderBy('id').execute()
}

/** Revokes a live key of the Space; false when there is no such live key. */
export async function revokeApiKey (db: Kysely<Database>, spaceId: number, keyId: number,
  now: number): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: now })
    .where('id', '=', keyId).where('space_id', '=', spaceId).where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** How many contacts the partition holds now. */
export async function countContacts (db: Kysely<Database>, partitionId: number): Promise<number> {
  const { n } = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partition_id', '=', partitionId).executeTakeFirstOrThrow()
  return Number(n)
}

/** Whether a partition holds no contact and no company: what a start-up seed fills. */
export async function isPartitionEmpty (db: Kysely<Database>, partitionId: number): Promise<boolean> {
  const contact = await db.selectFrom('contacts').select('id').where('partition_id', '=', partitionId)
    .executeTakeFirst()
  const company = await db.selectFrom('companies').select('id').where('partition_id', '=', partitionId)
    .executeTakeFirst()
  return contact === undefined && company === undefined
}
