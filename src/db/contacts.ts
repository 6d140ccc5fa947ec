import type { Kysely } from 'kysely'
import type { Database, ItemTable, NewContact } from './database.js'

export type ContactItems = Partial<Record<ItemTable, readonly string[]>>

/**
 * Inserts a contact and its items. Run it inside a transaction: it writes several tables and a failure half
 * way must leave none of them changed.
 */
export async function insertContact (db: Kysely<Database>, contact: NewContact, items: ContactItems): Promise<number> {
  const { id } = await db.insertInto('contacts').values(contact).returning('id').executeTakeFirstOrThrow()
  await insertItems(db, id, items, contact.created_at)
  return id
}

/** Writes each collection as one multi-row insert, position 0 first. */
export async function insertItems (db: Kysely<Database>, contactId: number, items: ContactItems, createdAt: number): Promise<void> {
  for (const [table, values] of Object.entries(items) as Array<[ItemTable, readonly string[] | undefined]>) {
    if (values === undefined || values.length === 0) continue
    await db.insertInto(table)
      .values(values.map((value, position) => ({ contact_id: contactId, position, value, created_at: createdAt })))
      .execute()
  }
}
