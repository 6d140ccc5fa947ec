// Events (migration 0010): conversions and touchpoints, the queue of accepted track requests (Decision D37),
// idempotency keys (Decision D40) and the identities tracking binds to contacts (Decision D38).
import { type Insertable, type Kysely, sql } from 'kysely'
import { chunks } from './activity.js'
import type { Database, Event, EventQueueTable, EventsTable } from './database.js'

export type NewEvent = Insertable<EventsTable>
export type QueuedEvent = {
  id: number,
  space_id: number,
  partition_id: number,
  payload: string,
  accepted_at: number,
  due_at: number
}

const EMPTY_EVENT = {
  event_name: null,
  amount: null,
  is_upsell: 0,
  order_id: null,
  order_name: null,
  source: null,
  referrer_host: null,
  ad_id: null,
  ad_name: null,
  adset_id: null,
  adset_name: null,
  campaign_id: null,
  campaign_name: null,
  account_id: null,
  account_name: null,
  event_url: null,
  extra: null
} as const

/**
 * Inserts events, in order (ids ascending); every column is written, so rows of a chunk need not match. Event
 * times are kept to the whole second, the precision every answer shows (Decision D4): events of one second are
 * equal in time, and then ordered by id (Decision D20).
 */
export async function insertEvents (db: Kysely<Database>, events: readonly NewEvent[]): Promise<number[]> {
  const ids: number[] = []
  for (const chunk of chunks(events)) {
    const rows = await db.insertInto('events')
      .values(chunk.map((event) => ({
        ...EMPTY_EVENT,
        ...event,
        event_time: Math.floor(event.event_time / 1000) * 1000
      })))
      .returning('id').execute()
    ids.push(...rows.map((row) => row.id))
  }
  return ids
}

/** The journeys of some contacts: every conversion and touchpoint, newest first (equal times: higher id first). */
export async function listJourney (db: Kysely<Database>, contactIds: readonly number[],
  { hideDirectTouchpoints }: { hideDirectTouchpoints: boolean }): Promise<Event[]> {
  if (contactIds.length === 0) return []
  let query = db.selectFrom('events').selectAll().where('contact_id', 'in', [...contactIds])
  if (hideDirectTouchpoints) {
    query = query.where((eb) => eb.or([eb('kind', '=', 'conversion'), eb('source', 'is', null),
      eb('source', '!=', 'direct')]))
  }
  return await query.orderBy('event_time', 'desc').orderBy('id', 'desc').execute()
}

/** A conversion of the partition; touchpoints are not events here (Decision D49). */
export async function findConversion (db: Kysely<Database>, partitionId: number,
  id: number): Promise<Event | undefined> {
  return await db.selectFrom('events').selectAll().where('partition_id', '=', partitionId).where('id', '=', id)
    .where('kind', '=', 'conversion').executeTakeFirst()
}

/** Whether the partition holds a conversion of this name and order (Decision D41). */
export async function hasOrder (db: Kysely<Database>, partitionId: number, eventName: string,
  orderId: string): Promise<boolean> {
  const row = await db.selectFrom('events').select('id').where('partition_id', '=', partitionId)
    .where('order_id', '=', orderId).where('event_name', '=', eventName).where('kind', '=', 'conversion')
    .executeTakeFirst()
  return row !== undefined
}

export async function enqueueEvent (db: Kysely<Database>, event: Insertable<EventQueueTable>): Promise<number> {
  const row = await db.insertInto('event_queue').values(event).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** A partition's queued events, oldest first (arrival order, Decision D37). */
export async function listQueuedEvents (db: Kysely<Database>, partitionId: number,
  limit: number): Promise<QueuedEvent[]> {
  return await db.selectFrom('event_queue').selectAll().where('partition_id', '=', partitionId).orderBy('id')
    .limit(limit).execute()
}

/** Each partition with queued events: its Space and its oldest event's due time. */
export async function listQueuedPartitions (db: Kysely<Database>): Promise<Array<{
  space_id: number, partition_id: number, due_at: number
}>> {
  return await db.selectFrom('event_queue').select(['space_id', 'partition_id'])
    .select((eb) => eb.fn.min('due_at').as('due_at')).groupBy(['space_id', 'partition_id']).execute()
}

export async function deleteQueuedEvent (db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('event_queue').where('id', '=', id).execute()
}

/** How many accepted events of a partition wait to be applied, and when the first of them is due (ms). */
export async function queuedOf (db: Kysely<Database>, partitionId: number): Promise<{
  count: number, nextDueAt: number | null
}> {
  const row = await db.selectFrom('event_queue')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('due_at').as('due')])
    .where('partition_id', '=', partitionId).executeTakeFirst()
  return { count: Number(row?.n ?? 0), nextDueAt: row?.due === null || row?.due === undefined ? null : Number(row.due) }
}

export async function queueDepth (db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('event_queue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * Records an idempotency key as accepted now, unless the partition accepted it less than `ttlMs` ago; in one
 * statement, so that concurrent retries cannot both pass. True when the key was new (or old enough).
 */
export async function acceptIdempotencyKey (db: Kysely<Database>, partitionId: number, key: string, now: number,
  ttlMs: number): Promise<boolean> {
  const result = await sql`
    insert into idempotency_keys (partition_id, key, accepted_at) values (${partitionId}, ${key}, ${now})
    on conflict (partition_id, key) do update set accepted_at = excluded.accepted_at
    where idempotency_keys.accepted_at <= ${now - ttlMs}`.execute(db)
  return Number(result.numAffectedRows ?? 0n) > 0
}

/** The contact an identity of the partition is bound to. */
export async function findIdentity (db: Kysely<Database>, partitionId: number, kind: 'tracking_id' | 'fingerprint_ip',
  value: string): Promise<number | undefined> {
  const row = await db.selectFrom('contact_identities').select('contact_id').where('partition_id', '=', partitionId)
    .where('kind', '=', kind).where('value', '=', value).executeTakeFirst()
  return row?.contact_id
}

/** Binds an identity to a contact, unless it is bound already (the first binding wins, Decision D38). */
export async function bindIdentity (db: Kysely<Database>, partitionId: number, kind: 'tracking_id' | 'fingerprint_ip',
  value: string, contactId: number): Promise<void> {
  await db.insertInto('contact_identities').values({ partition_id: partitionId, kind, value, contact_id: contactId })
    .onConflict((oc) => oc.columns(['partition_id', 'kind', 'value']).doNothing()).execute()
}

/** A contact's identities: what a Space export carries. */
export async function listIdentities (db: Kysely<Database>, partitionId: number): Promise<Array<{
  kind: 'tracking_id' | 'fingerprint_ip', value: string, contact_id: number
}>> {
  return await db.selectFrom('contact_identities').select(['kind', 'value', 'contact_id'])
    .where('partition_id', '=', partitionId).execute()
}

/** The partition's contact holding a comet token. */
export async function findContactByCometToken (db: Kysely<Database>, partitionId: number,
  token: string): Promise<number | undefined> {
  const row = await db.selectFrom('comet_tokens as t').innerJoin('contacts as c', 'c.id', 't.contact_id')
    .select('c.id').where('t.token', '=', token).where('c.partition_id', '=', partitionId).executeTakeFirst()
  return row?.id
}

/** The partition's oldest contact holding an email among any of its emails, ignoring case. */
export async function findContactByEmail (db: Kysely<Database>, partitionId: number,
  email: string): Promise<number | undefined> {
  const row = await db.selectFrom('emails as e').innerJoin('contacts as c', 'c.id', 'e.contact_id').select('c.id')
    .where(sql<boolean>`e.value = ${email} collate nocase`).where('c.partition_id', '=', partitionId)
    .orderBy('c.created_at').orderBy('c.id').limit(1).executeTakeFirst()
  return row?.id
}
