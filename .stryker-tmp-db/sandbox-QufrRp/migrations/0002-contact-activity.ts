// @ts-nocheck
import type { Kysely } from 'kysely'

// Frozen once shipped. A contact's activity: comet tokens, journey events and browsing-session hits. Every
// row hangs off its contact (ON DELETE CASCADE), so purging a partition's contacts purges these too. Each
// table is read as "one contact's rows, newest first", which the (contact_id, at, id) index serves.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('comet_tokens')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('comet_tokens_contact_id_created_at').on('comet_tokens').columns(['contact_id', 'created_at', 'id']).execute()

  await db.schema.createTable('contact_events')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('event_name', 'text', (col) => col.notNull())
    .addColumn('event_time', 'integer', (col) => col.notNull())
    .addColumn('source', 'text')
    .addColumn('touchpoint', 'text')
    .addColumn('amount', 'real')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('contact_events_contact_id_event_time').on('contact_events').columns(['contact_id', 'event_time', 'id']).execute()

  await db.schema.createTable('browsing_hits')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('referrer', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('visited_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('browsing_hits_contact_id_visited_at').on('browsing_hits').columns(['contact_id', 'visited_at', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const table of ['browsing_hits', 'contact_events', 'comet_tokens']) await db.schema.dropTable(table).execute()
}
