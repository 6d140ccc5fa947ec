// @ts-nocheck
import { type Kysely, sql } from 'kysely'

// Frozen once shipped. The highest id ever handed out to a Space and to an API key. Spaces and keys have plain
// rowid keys, and SQLite hands the highest rowid out again after that row is deleted; a snapshot restore also
// brings back older tables. This table is never deleted from, and a restore leaves it alone, so an id that
// ever named a Space (or a key) never names another one.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('id_high_water')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'integer', (col) => col.notNull())
    .execute()
  await sql`insert into id_high_water (name, value)
    select 'spaces', coalesce(max(id), 0) from spaces
    union all select 'api_keys', coalesce(max(id), 0) from api_keys`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('id_high_water').execute()
}
