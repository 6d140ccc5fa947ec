import type { Kysely } from 'kysely'

// Frozen once shipped. Companies (Decision D32): one per email domain of a partition; `domain_key` is the
// lower-cased domain, unique in the partition, so look-ups and "already taken" ignore case while `domain`
// keeps what was sent. `created_at` is whole seconds (Decision D33 orders and pages on it). A contact's
// company is a plain column, not a foreign key: SQLite cannot drop a column that is one, and companies go
// only with their partition, contacts included.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('companies')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('domain', 'text', (col) => col.notNull())
    .addColumn('domain_key', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('companies_partition_domain').on('companies').columns(['partition_id', 'domain_key'])
    .unique().execute()
  await db.schema.createIndex('companies_partition_created').on('companies')
    .columns(['partition_id', 'created_at', 'id']).execute()

  await db.schema.alterTable('contacts').addColumn('company_id', 'integer').execute()
  await db.schema.createIndex('contacts_company_id').on('contacts').column('company_id')
    .where('company_id', 'is not', null).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_company_id').execute()
  await db.schema.alterTable('contacts').dropColumn('company_id').execute()
  await db.schema.dropTable('companies').execute()
}
