import { type Kysely, sql } from 'kysely'

// Frozen once shipped. Events as Cometly documents them (Decisions D20, D21, D35 to D52):
// - `events`: conversions and touchpoints of a partition, one id sequence for both (AUTOINCREMENT: an id is
//   never handed out twice). Conversions are what the events routes list; both make a contact's journey.
// - `event_queue`: accepted /events/track requests not yet applied (Decision D37), durable across restarts.
// - `idempotency_keys`: the keys a partition accepted, with when (Decision D40).
// - `contact_identities`: tracking ids and fingerprint + ip pairs bound to contacts (Decision D38).
// - `browsing_session_hits`: the nine documented fields of a hit (Decision D21), replacing `browsing_hits`.
// - `spaces.custom_event_labels`: the configured names of custom events (Decision D48).
// Existing rows move: a `contact_events` row with a touchpoint becomes a touchpoint (its source, or `direct`
// for a direct one), any other row a conversion; a `browsing_hits` row keeps its URL and time, and its
// referrer's host.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('events')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('event_name', 'text')
    .addColumn('amount', 'real')
    .addColumn('is_upsell', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('order_id', 'text')
    .addColumn('order_name', 'text')
    .addColumn('source', 'text')
    .addColumn('referrer_host', 'text')
    .addColumn('ad_id', 'text')
    .addColumn('ad_name', 'text')
    .addColumn('adset_id', 'text')
    .addColumn('adset_name', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('campaign_name', 'text')
    .addColumn('account_id', 'text')
    .addColumn('account_name', 'text')
    .addColumn('event_url', 'text')
    .addColumn('event_time', 'integer', (col) => col.notNull())
    // Stored, never shown (Decision D39): JSON of checkout_token, upsell_common_id, user_agent, do_not_capi,
    // comet_network, comet_keyword, comet_type.
    .addColumn('extra', 'text')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('events_partition_kind_id').on('events').columns(['partition_id', 'kind', 'id']).execute()
  await db.schema.createIndex('events_contact_time').on('events').columns(['contact_id', 'event_time', 'id']).execute()
  await db.schema.createIndex('events_partition_order').on('events').columns(['partition_id', 'order_id', 'event_name'])
    .where('order_id', 'is not', null).execute()

  await db.schema.createTable('event_queue')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('space_id', 'integer', (col) => col.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('accepted_at', 'integer', (col) => col.notNull())
    .addColumn('due_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('event_queue_partition_id').on('event_queue').columns(['partition_id', 'id']).execute()

  // Rowid tables with unique indexes (not WITHOUT ROWID): the purger deletes a retired partition by rowid.
  await db.schema.createTable('idempotency_keys')
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('accepted_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('idempotency_keys_partition_key').on('idempotency_keys').columns(['partition_id', 'key'])
    .unique().execute()

  await db.schema.createTable('contact_identities')
    .addColumn('partition_id', 'integer', (col) => col.notNull().references('partitions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .execute()
  await db.schema.createIndex('contact_identities_partition_value').on('contact_identities')
    .columns(['partition_id', 'kind', 'value']).unique().execute()
  await db.schema.createIndex('contact_identities_contact_id').on('contact_identities').column('contact_id').execute()
  await db.schema.createIndex('comet_tokens_token').on('comet_tokens').column('token').execute()
  // Tracking matches a contact by any of its emails, ignoring case (ASCII, as NOCASE folds it).
  await sql`create index emails_value_nocase on emails (value collate nocase)`.execute(db)

  await db.schema.createTable('browsing_session_hits')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('event_url', 'text', (col) => col.notNull())
    .addColumn('referrer_host', 'text')
    .addColumn('source', 'text')
    .addColumn('country', 'text')
    .addColumn('device_type', 'text')
    .addColumn('browser', 'text')
    .addColumn('os', 'text')
    .addColumn('event_name', 'text')
    .addColumn('event_time', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('browsing_session_hits_contact_time').on('browsing_session_hits')
    .columns(['contact_id', 'event_time', 'id']).execute()

  await db.schema.alterTable('spaces').addColumn('custom_event_labels', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute()

  await sql`
    insert into events (partition_id, contact_id, kind, event_name, amount, source, event_time, created_at)
    select c.partition_id, e.contact_id,
      case when e.touchpoint is not null then 'touchpoint' else 'conversion' end,
      case when e.touchpoint is not null then null else e.event_name end,
      case when e.touchpoint is not null then null else e.amount end,
      case when e.touchpoint = 'direct' then 'direct' when e.touchpoint is not null then e.source else null end,
      e.event_time, e.created_at
    from contact_events e join contacts c on c.id = e.contact_id order by e.id`.execute(db)
  const hits = await sql<{ contact_id: number, url: string, referrer: string | null, visited_at: number }>`
    select contact_id, url, referrer, visited_at from browsing_hits order by id`.execute(db)
  for (const hit of hits.rows) {
    await db.insertInto('browsing_session_hits').values({
      contact_id: hit.contact_id,
      event_url: hit.url,
      referrer_host: hostOf(hit.referrer),
      event_name: 'page_view',
      event_time: hit.visited_at
    }).execute()
  }
  await db.schema.dropTable('contact_events').execute()
  await db.schema.dropTable('browsing_hits').execute()
}

function hostOf (url: string | null): string | null {
  if (url === null) return null
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

export async function down (db: Kysely<any>): Promise<void> {
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
  await db.schema.createIndex('contact_events_contact_id_event_time').on('contact_events')
    .columns(['contact_id', 'event_time', 'id']).execute()
  await sql`
    insert into contact_events (contact_id, event_name, event_time, source, touchpoint, amount, created_at)
    select contact_id, coalesce(event_name, 'touchpoint'), event_time,
      case when kind = 'touchpoint' and source <> 'direct' then source else null end,
      case when kind = 'touchpoint' then (case when source = 'direct' then 'direct' else 'paid' end) else null end,
      amount, created_at
    from events order by id`.execute(db)
  await db.schema.createTable('browsing_hits')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('referrer', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('visited_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('browsing_hits_contact_id_visited_at').on('browsing_hits')
    .columns(['contact_id', 'visited_at', 'id']).execute()
  await sql`
    insert into browsing_hits (contact_id, url, referrer, visited_at)
    select contact_id, event_url, case when referrer_host is null then null else 'https://' || referrer_host end, event_time
    from browsing_session_hits order by id`.execute(db)
  await db.schema.alterTable('spaces').dropColumn('custom_event_labels').execute()
  for (const table of ['browsing_session_hits', 'contact_identities', 'idempotency_keys', 'event_queue', 'events']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('comet_tokens_token').execute()
  await db.schema.dropIndex('emails_value_nocase').execute()
}
