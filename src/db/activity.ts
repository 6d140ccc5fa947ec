// A contact's activity: comet tokens, journey events and browsing-session hits. The emulated API only reads
// them; the control plane (or a test) seeds them with the insert functions below.
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { BrowsingHitsTable, CometTokensTable, ContactEventsTable, Database } from './database.js'

export type CometToken = Selectable<CometTokensTable>
export type ContactEvent = Selectable<ContactEventsTable>
export type BrowsingHit = Selectable<BrowsingHitsTable>
export type NewCometToken = Omit<Insertable<CometTokensTable>, 'contact_id' | 'id'>
export type NewContactEvent = Omit<Insertable<ContactEventsTable>, 'contact_id' | 'id'>
export type NewBrowsingHit = Omit<Insertable<BrowsingHitsTable>, 'contact_id' | 'id'>

// SQLite allows 32,766 bound parameters per statement; rows are inserted in chunks well below that.
const CHUNK = 500

function chunks<T> (rows: readonly T[]): T[][] {
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

export async function insertContactEvents (db: Kysely<Database>, contactId: number,
  events: readonly NewContactEvent[]): Promise<void> {
  for (const chunk of chunks(events)) {
    await db.insertInto('contact_events').values(chunk.map((e) => ({ ...e, contact_id: contactId }))).execute()
  }
}

export async function insertBrowsingHits (db: Kysely<Database>, contactId: number,
  hits: readonly NewBrowsingHit[]): Promise<void> {
  for (const chunk of chunks(hits)) {
    await db.insertInto('browsing_hits').values(chunk.map((h) => ({ ...h, contact_id: contactId }))).execute()
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

/** A contact's journey events, newest first; direct touchpoints left out when asked. */
export async function listContactEvents (db: Kysely<Database>, contactId: number,
  { hideDirectTouchpoints, limit }: { hideDirectTouchpoints: boolean, limit: number }): Promise<ContactEvent[]> {
  let query = db.selectFrom('contact_events').selectAll().where('contact_id', '=', contactId)
  if (hideDirectTouchpoints) {
    query = query.where((eb) => eb.or([eb('touchpoint', 'is', null),
      eb('touchpoint', '!=', 'direct')]))
  }
  return await query.orderBy('event_time', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

/** A contact's browsing-session hits, newest first. */
export async function listBrowsingHits (db: Kysely<Database>, contactId: number,
  limit: number): Promise<BrowsingHit[]> {
  return await db.selectFrom('browsing_hits').selectAll().where('contact_id', '=', contactId)
    .orderBy('visited_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
