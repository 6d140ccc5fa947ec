// Partitions make a reset cost the same with 10 or 100,000 contacts: a Space gets a new, empty partition in
// one short transaction, and the retired one is deleted later, a chunk at a time (see migration 0001).
import { type Kysely, sql } from 'kysely'
import type { Database } from './database.js'

/** Retires the Space's partition and gives it a new, empty one; returns the new partition's id. */
export async function swapPartition (db: Kysely<Database>, spaceId: number, now: number): Promise<number> {
  const space = await db.selectFrom('spaces').select('partition_id').where('id', '=', spaceId).executeTakeFirstOrThrow()
  await retirePartition(db, space.partition_id, now)
  const partition = await db.insertInto('partitions').defaultValues().returning('id').executeTakeFirstOrThrow()
  await db.updateTable('spaces').set({ partition_id: partition.id }).where('id', '=', spaceId).execute()
  return partition.id
}

export async function retirePartition (db: Kysely<Database>, partitionId: number, now: number): Promise<void> {
  await db.updateTable('partitions').set({ retired_at: now }).where('id', '=', partitionId).execute()
}

export async function listRetiredPartitions (db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('partitions').select('id').where('retired_at', 'is not', null).orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

/**
 * Tables whose rows belong to a partition directly (contacts, and any later table with a partition_id
 * column, such as exports). Rows hanging off contacts go with them through ON DELETE CASCADE.
 */
export async function listPartitionedTables (db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select m.name from sqlite_master m
    where m.type = 'table' and m.name <> 'spaces'
      and exists (select 1 from pragma_table_info(m.name) c where c.name = 'partition_id')
    order by m.name = 'contacts', m.name`.execute(db)
  return rows.map((row) => row.name)
}

/**
 * Deletes up to `limit` rows of a retired partition from one table; returns how many went. The statement
 * itself checks that the partition is still retired: a snapshot restored meanwhile may have brought it back.
 */
export async function purgeChunk (db: Kysely<Database>, table: string, partitionId: number,
  limit: number): Promise<number> {
  const result = await sql`
    delete from ${sql.table(table)} where rowid in
      (select rowid from ${sql.table(table)} where partition_id = ${partitionId}
        and exists (select 1 from partitions where id = ${partitionId} and retired_at is not null)
        limit ${limit})`.execute(db)
  return Number(result.numAffectedRows ?? 0n)
}

/** Drops a retired partition once nothing refers to it any more. */
export async function deletePartition (db: Kysely<Database>, partitionId: number): Promise<void> {
  await db.deleteFrom('partitions').where('id', '=', partitionId).where('retired_at', 'is not', null).execute()
}
