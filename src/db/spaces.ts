import type { Kysely } from 'kysely'
import type { ApiKey, Database, NewSpace, Space } from './database.js'

export async function findSpaceByName (db: Kysely<Database>, name: string): Promise<Space | undefined> {
  return await db.selectFrom('spaces').selectAll().where('name', '=', name).executeTakeFirst()
}

/** Creates a Space with a new, empty partition. */
export async function insertSpace (db: Kysely<Database>, space: Omit<NewSpace, 'partition_id'>): Promise<number> {
  const partition = await db.insertInto('partitions').defaultValues().returning('id').executeTakeFirstOrThrow()
  const row = await db.insertInto('spaces').values({ ...space, partition_id: partition.id }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateSpaceSettings (
  db: Kysely<Database>,
  id: number,
  settings: Partial<Pick<Space, 'name' | 'subscription_active' | 'time_zone' | 'custom_field_labels'>>
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

export async function insertApiKey (
  db: Kysely<Database>,
  key: { space_id: number, key_hash: string, key_hint: string, scopes: string | null, created_at: number }
): Promise<number> {
  const row = await db.insertInto('api_keys').values(key).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Keys that can still authenticate. */
export async function listLiveApiKeys (db: Kysely<Database>): Promise<ApiKey[]> {
  return await db.selectFrom('api_keys').selectAll().where('revoked_at', 'is', null).execute()
}
