// @ts-nocheck
import { type Kysely, sql } from 'kysely'

// Frozen once shipped. Export jobs and their download links. The file itself is a BLOB in the job's row, so
// a :memory: database works, a restart keeps it, and a snapshot or reset of the database includes it.
// Jobs carry their partition: purging a partition purges its exports and, through them, their links.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('exports')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('space_id', 'integer', (col) => col.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('resource', 'text', (col) => col.notNull())
    .addColumn('params', 'text', (col) => col.notNull())
    // The newest row of the resource when the export was asked for: later rows are not part of it.
    .addColumn('max_row_id', 'integer', (col) => col.notNull())
    // pending (the work is not done), done (the file is written) or failed; what a caller sees also
    // depends on the clock (see src/exports/status.ts).
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('message', 'text')
    .addColumn('file', 'blob')
    .addColumn('row_count', 'integer')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('finished_at', 'integer')
    .execute()
  await db.schema.createIndex('exports_partition_id_id').on('exports').columns(['partition_id', 'id']).execute()
  await db.schema.createIndex('exports_state').on('exports').column('state').where(sql.ref('state'), '=', 'pending').execute()

  await db.schema.createTable('export_links')
    .addColumn('token', 'text', (col) => col.primaryKey())
    .addColumn('export_id', 'integer', (col) => col.notNull().references('exports.id').onDelete('cascade'))
    .addColumn('expires_at', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .modifyEnd(sql`without rowid`)
    .execute()
  await db.schema.createIndex('export_links_export_id').on('export_links').column('export_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('export_links').execute()
  await db.schema.dropTable('exports').execute()
}
