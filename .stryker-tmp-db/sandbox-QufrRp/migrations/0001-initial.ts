// @ts-nocheck
import { type Kysely, sql } from 'kysely'

// Frozen once shipped: change the schema with a new migration, never by editing this one.

const TEXT_SLOTS = range(1, 15)
const NUMBER_SLOTS = range(16, 25)
const DATE_SLOTS = range(26, 30)
const ITEM_TABLES = ['emails', 'phones', 'names', 'locations']

function range (from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

export async function up (db: Kysely<any>): Promise<void> {
  // A Space's data lives in a partition. Resetting a Space gives it a fresh, empty partition at once and
  // leaves the old one to be purged off the request path, so a reset costs the same with 10 or 100,000
  // contacts. AUTOINCREMENT: a retired partition's id is never handed out again.
  await db.schema.createTable('partitions')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('retired_at', 'integer')
    .execute()

  await db.schema.createTable('spaces')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('partition_id', 'integer', (col) => col.notNull().unique().references('partitions.id'))
    .addColumn('subscription_active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('UTC'))
    .addColumn('custom_field_labels', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .execute()

  await db.schema.createTable('api_keys')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('space_id', 'integer', (col) => col.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    .addColumn('key_hint', 'text', (col) => col.notNull())
    .addColumn('scopes', 'text')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('revoked_at', 'integer')
    .execute()
  await db.schema.createIndex('api_keys_space_id').on('api_keys').column('space_id').execute()

  let contacts = db.schema.createTable('contacts')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('name', 'text')
    .addColumn('location', 'text')
  // Each slot's column type follows its kind: numbers are REAL so they compare numerically in filters,
  // dates are TEXT in one normalised 'YYYY-MM-DD HH:MM:SS' (UTC) form so they compare as strings.
  for (const i of TEXT_SLOTS) contacts = contacts.addColumn(`profile_field_${i}`, 'text')
  for (const i of NUMBER_SLOTS) contacts = contacts.addColumn(`profile_field_${i}`, 'real')
  for (const i of DATE_SLOTS) contacts = contacts.addColumn(`profile_field_${i}`, 'text')
  await contacts
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('contacts_partition_id_id').on('contacts').columns(['partition_id', 'id']).execute()

  // WITHOUT ROWID with the primary key (contact_id, position): the rows are clustered by contact, so one
  // contact's items are one b-tree range and no second index is written per insert.
  for (const table of ITEM_TABLES) {
    await db.schema.createTable(table)
      .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['contact_id', 'position'])
      .modifyEnd(sql`without rowid`)
      .execute()
  }
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const table of [...ITEM_TABLES, 'contacts', 'api_keys', 'spaces', 'partitions']) {
    await db.schema.dropTable(table).execute()
  }
}
