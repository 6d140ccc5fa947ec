// A contact's activity besides events: comet tokens and browsing-session hits. Tracking binds tokens
// (Decision D38); only the control plane (or a test) makes hits (Decision D21).
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { BrowsingSessionHitsTable, CometTokensTable, Database } from './database.js'

export type CometToken = Selectable<CometTokensTable>
export type BrowsingSessionHit = Selectable<BrowsingSessionHitsTable>
export type NewCometToken = Omit<Insertable<CometTokensTable>, 'contact_id' | 'id'>
export type NewBrowsingSessionHit = Omit<Insertable<BrowsingSessionHitsTable>, 'contact_id' | 'id'>

// SQLite allows 32,766 bound parameters per statement; rows are inserted in chunks well below that.
const CHUNK = 500

export function chunks<T> (rows: readonly T[]): T[][] {
  const result: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK))
  return result
}

export async function insertCometTokens (db: Kysely<Database>, contactId: number,
  tokens: readonly NewCometToken[]): Promise<void> {
  for (const chunk of chunks(tokens)) {
    await db.insertInto('comet_tokens').values(chunk.map((t) => ({ ...t, contact_id: contactId }))).execute()
  }
}

export async function insertBrowsingSessionHits (db: Kysely<Database>, contactId: number,
  hits: readonly NewBrowsingSessionHit[]): Promise<void> {
  for (const chunk of chunks(hits)) {
    await db.insertInto('browsing_session_hits').values(chunk.map((h) => ({ ...h, contact_id: contactId }))).execute()
  }
}

/** The newest `perContact` comet tokens of each contact, newest first, by contact id. */
export async function listCometTokens (db: Kysely<Database>, contactIds: readonly number[],
  perContact: number): Promise<Map<number, CometToken[]>> {
  const result = new Map<number, CometToken[]>(contactIds.map((id) => [id, []]))
  if (contactIds.length === 0) return result
  // One indexed range per contact (a correlated LIMIT), so a contact with many tokens costs no more.
  for (const chunk of chunks(contactIds)) {
    const rows = await db.selectFrom('comet_tokens as t')
      .selectAll('t')
      .where('t.contact_id', 'in', chunk)
      .where((eb) => eb('t.id', 'in', eb.selectFrom('comet_tokens as n')
        .select('n.id')
        .whereRef('n.contact_id', '=', 't.contact_id')
        .orderBy('n.created_at', 'desc').orderBy('n.id', 'desc')
        .limit(perContact)))
      .orderBy('t.contact_id').orderBy('t.created_at', 'desc').orderBy('t.id', 'desc')
      .execute()
    for (const row of rows) result.get(row.contact_id)?.push(row)
  }
  return result
}

/** A contact's browsing-session hits, newest first. */
export async function listBrowsingSessionHits (db: Kysely<Database>, contactId: number,
  limit: number): Promise<BrowsingSessionHit[]> {
  return await db.selectFrom('browsing_session_hits').selectAll().where('contact_id', '=', contactId)
    .orderBy('event_time', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
