import { type Kysely, sql } from 'kysely'

// Frozen once shipped. Contacts and exports have plain rowid keys too: after a purge or a restore took their
// newest rows away, SQLite handed those ids out again, to a contact or an export of any Space. Their high-water
// marks join those of Spaces and keys (migration 0006), so that no id ever names two of them.
export async function up (db: Kysely<any>): Promise<void> {
  await sql`insert into id_high_water (name, value)
    select 'contacts', coalesce(max(id), 0) from contacts
    union all select 'exports', coalesce(max(id), 0) from exports`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await sql`delete from id_high_water where name in ('contacts', 'exports')`.execute(db)
}
