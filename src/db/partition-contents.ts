// Everything a partition holds, read in a few queries: what a Space export is made from.
import type { Kysely } from 'kysely'
import { listItemValuesOf } from './contacts.js'
import {
  type BrowsingSessionHit, type CometToken, type Contact, type Database, type Event, type ItemTable, ITEM_TABLES
} from './database.js'

export interface PartitionContents {
  /** Oldest first. */
  contacts: Contact[]
  items: Record<ItemTable, Map<number, string[]>>
  /** By contact id, each list oldest first. */
  cometTokens: Map<number, CometToken[]>
  events: Map<number, Event[]>
  hits: Map<number, BrowsingSessionHit[]>
  identities: Map<number, Array<{ kind: 'tracking_id' | 'fingerprint_ip', value: string }>>
}

function byContact<T extends { contact_id: number }> (list: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of list) {
    const rows = map.get(row.contact_id)
    if (rows === undefined) map.set(row.contact_id, [row])
    else rows.push(row)
  }
  return map
}

export async function readPartitionContents (db: Kysely<Database>, partitionId: number): Promise<PartitionContents> {
  const contacts = await db.selectFrom('contacts').selectAll().where('partition_id', '=', partitionId).orderBy('id')
    .execute()
  const ids = contacts.map((row) => row.id)
  const items = Object.fromEntries(await Promise.all(ITEM_TABLES.map(async (table) =>
    [table, await listItemValuesOf(db, table, ids)] as const))) as Record<ItemTable, Map<number, string[]>>
  const cometTokens = byContact(await db.selectFrom('comet_tokens').innerJoin('contacts', 'contacts.id',
    'comet_tokens.contact_id')
    .where('contacts.partition_id', '=', partitionId).selectAll('comet_tokens').orderBy('comet_tokens.id').execute())
  const events = byContact(await db.selectFrom('events').selectAll().where('partition_id', '=', partitionId)
    .orderBy('id').execute())
  const hits = byContact(await db.selectFrom('browsing_session_hits')
    .innerJoin('contacts', 'contacts.id', 'browsing_session_hits.contact_id')
    .where('contacts.partition_id', '=', partitionId).selectAll('browsing_session_hits')
    .orderBy('browsing_session_hits.id').execute())
  const identities = byContact(await db.selectFrom('contact_identities').select(['contact_id', 'kind', 'value'])
    .where('partition_id', '=', partitionId).orderBy('kind').orderBy('value').execute())
  return { contacts, items, cometTokens, events, hits, identities }
}
