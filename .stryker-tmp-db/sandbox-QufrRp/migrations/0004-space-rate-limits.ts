// @ts-nocheck
import type { Kysely } from 'kysely'

// A Space's own rate-limit overrides, as JSON ({"enabled": ..., "scale": ..., "per_minute": {...}}).
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('spaces')
    .addColumn('rate_limits', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('spaces').dropColumn('rate_limits').execute()
}
