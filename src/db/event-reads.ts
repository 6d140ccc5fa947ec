// The reading side of events (Decisions D42 to D51): keyset batches of a partition's conversions with the list
// filters, the touchpoints attribution reads, and what a single event shows.
import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely'
import { conditionSql, type SlotCondition } from './contacts.js'
import type { Database, Event } from './database.js'
import { type BrowsePage, containsText, keysetPage } from './browse.js'

/** Decision D42: `purchase` and `upsell_purchase` split purchases by is_upsell; the other names match as they are. */
export interface EventNameFilter {
  names: readonly string[]
  purchase: boolean
  upsellPurchase: boolean
}

/** Only conversions that can be attributed to one of `sources`: some touchpoint of theirs in the window has one. */
export interface SourceFilter {
  sources: readonly string[]
  /** Days; 0 is the lifetime. */
  windowDays: number
}

export interface ConversionQuery {
  partitionId: number
  /** The event's time, Unix milliseconds, both ends included (Decision D47). */
  from: number
  to: number
  /** undefined: every event name. */
  names?: EventNameFilter
  /** Custom-field conditions on the owning contact (Decisions D23, D24). */
  conditions: readonly SlotCondition[]
  /** Decision D45: only conversions of contacts that belong to a company; touchpoints are the company's. */
  companyMode: boolean
  sources?: SourceFilter
  /** Events with ids above this are not considered, touchpoints included (an export's snapshot, Decision D29). */
  maxId?: number
}

/** A conversion with its contact's current company. */
export type ConversionRow = Event & { company_id: number | null }

/** A touchpoint as attribution and rows read it; `group_id` is its contact's id, or in company mode its company's. */
export type TouchpointRow = Pick<Event, 'id' | 'source' | 'event_time' | 'ad_id' | 'ad_name' | 'adset_id' |
  'adset_name' | 'campaign_id' | 'campaign_name' | 'account_id' | 'account_name'> & { group_id: number }

const DAY_MS = 86_400_000
const CHUNK = 500

function nameCondition (eb: ExpressionBuilder<Database & { e: Database['events'] }, 'e'>, filter: EventNameFilter) {
  const any = []
  if (filter.names.length > 0) any.push(eb('e.event_name', 'in', [...filter.names]))
  for (const [asked, upsell] of [[filter.purchase, 0], [filter.upsellPurchase, 1]] as const) {
    if (asked) any.push(eb.and([eb('e.event_name', '=', 'purchase'), eb('e.is_upsell', '=', upsell)]))
  }
  return eb.or(any)
}

/**
 * Whether a touchpoint of the conversion's contact (company mode: of any contact of its company) at or before
 * the conversion and inside the window has one of the sources. Every model credits only such touchpoints, so
 * this is a necessary condition: it keeps the rows attribution has to look at few. The seek runs on
 * (contact_id, event_time, id).
 */
function sourceCondition (query: ConversionQuery, filter: SourceFilter): RawBuilder<boolean> {
  const window = filter.windowDays === 0
    ? sql``
    : sql`and t.event_time >= e.event_time - ${filter.windowDays * DAY_MS}`
  const snapshot = query.maxId === undefined ? sql`` : sql`and t.id <= ${query.maxId}`
  const sources = sql.join(filter.sources.map((s) => sql`${s}`))
  const touchpoint = sql`t.kind = 'touchpoint' and t.source in (${sources}) and t.event_time <= e.event_time
    ${window} ${snapshot}`
  return query.companyMode
    ? sql<boolean>`exists (select 1 from contacts k join events t on t.contact_id = k.id
        where k.company_id = contacts.company_id and ${touchpoint})`
    : sql<boolean>`exists (select 1 from events t where t.contact_id = e.contact_id and ${touchpoint})`
}

/**
 * One keyset batch of conversions in the read direction: below `before` (or from the newest), newest first; or
 * above `after`, oldest first. The seek is on (partition_id, kind, id), so a batch far down the list costs
 * what the first one does.
 */
export async function listConversionBatch (db: Kysely<Database>, query: ConversionQuery,
  page: { before?: number, after?: number, limit: number }): Promise<ConversionRow[]> {
  let q = db.selectFrom('events as e').innerJoin('contacts', 'contacts.id', 'e.contact_id')
    .selectAll('e').select('contacts.company_id')
    .where('e.partition_id', '=', query.partitionId)
    .where('e.kind', '=', 'conversion')
    .where('e.event_time', '>=', query.from)
    .where('e.event_time', '<=', query.to)
  if (query.maxId !== undefined) q = q.where('e.id', '<=', query.maxId)
  const names = query.names
  if (names !== undefined) q = q.where((eb) => nameCondition(eb, names))
  if (query.companyMode) q = q.where('contacts.company_id', 'is not', null)
  for (const condition of query.conditions) q = q.where(conditionSql(condition) as RawBuilder<boolean>)
  if (query.sources !== undefined) q = q.where(sourceCondition(query, query.sources))
  if (page.after !== undefined) {
    return await q.where('e.id', '>', page.after).orderBy('e.id', 'asc').limit(page.limit).execute()
  }
  if (page.before !== undefined) q = q.where('e.id', '<', page.before)
  return await q.orderBy('e.id', 'desc').limit(page.limit).execute()
}

/**
 * The touchpoints attribution reads for some contacts (or, with `byCompany`, every contact of some companies),
 * from `from` (when given) up to `to`, in journey order within each group (time, then id).
 */
export async function listTouchpointsOf (db: Kysely<Database>, groups: { ids: readonly number[], byCompany: boolean },
  range: { from?: number, to: number, maxId?: number }): Promise<TouchpointRow[]> {
  const result: TouchpointRow[] = []
  for (let i = 0; i < groups.ids.length; i += CHUNK) {
    const ids = groups.ids.slice(i, i + CHUNK)
    const group = groups.byCompany ? 'k.company_id' as const : 't.contact_id' as const
    let q = db.selectFrom('events as t').innerJoin('contacts as k', 'k.id', 't.contact_id')
      .select(['t.id', 't.source', 't.event_time', 't.ad_id', 't.ad_name', 't.adset_id', 't.adset_name',
        't.campaign_id', 't.campaign_name', 't.account_id', 't.account_name', `${group} as group_id`])
      .where(group, 'in', ids)
      .where('t.kind', '=', 'touchpoint')
      .where('t.event_time', '<=', range.to)
    if (range.from !== undefined) q = q.where('t.event_time', '>=', range.from)
    if (range.maxId !== undefined) q = q.where('t.id', '<=', range.maxId)
    const rows = await q.orderBy('group_id').orderBy('t.event_time').orderBy('t.id').execute()
    result.push(...rows as TouchpointRow[])
  }
  return result
}

/** A conversion of the partition with its contact's current company; touchpoints are not events (Decision D49). */
export async function findConversionRow (db: Kysely<Database>, partitionId: number,
  id: number): Promise<ConversionRow | undefined> {
  return await db.selectFrom('events as e').innerJoin('contacts', 'contacts.id', 'e.contact_id')
    .selectAll('e').select('contacts.company_id')
    .where('e.partition_id', '=', partitionId).where('e.id', '=', id).where('e.kind', '=', 'conversion')
    .executeTakeFirst()
}

/** Decision D50: a contact's touchpoints from `from` to `to` whose source is not `direct`, oldest first. */
export async function listNonDirectTouchpoints (db: Kysely<Database>, contactId: number, from: number,
  to: number): Promise<Event[]> {
  return await db.selectFrom('events').selectAll().where('contact_id', '=', contactId)
    .where('event_time', '>=', from).where('event_time', '<=', to).where('kind', '=', 'touchpoint')
    .where((eb) => eb.or([eb('source', 'is', null), eb('source', '!=', 'direct')]))
    .orderBy('event_time').orderBy('id').execute()
}

/** The highest event id of a partition, conversions and touchpoints alike (0 when empty). */
export async function maxEventId (db: Kysely<Database>, partitionId: number): Promise<number> {
  // One max per kind: each is a single seek on (partition_id, kind, id), where one max over both would scan.
  const { rows } = await sql<{ max: number | null }>`select max(m) as max from (
    select max(id) as m from events where partition_id = ${partitionId} and kind = 'conversion'
    union all
    select max(id) as m from events where partition_id = ${partitionId} and kind = 'touchpoint')`.execute(db)
  return Number(rows[0]?.max ?? 0)
}

/** An event as the inspector lists it, with its contact's primary email. */
export type EventBrowseRow = Pick<Event, 'id' | 'kind' | 'contact_id' | 'event_name' | 'amount' | 'source' |
  'order_id' | 'event_time' | 'created_at'> & { contact_email: string | null }

export interface EventBrowse extends BrowsePage {
  /** One kind only; undefined: both. */
  kind?: Event['kind']
}

/**
 * A page of a partition's applied events for the inspector, conversions and touchpoints, newest stored first
 * (highest id first; ids follow the order events were applied, not their event_time). Each kind is one seek
 * down (partition_id, kind, id), and the two pages merge, so a page far down costs what the first does.
 */
export async function browseEvents (db: Kysely<Database>, partitionId: number,
  { search, kind, before, limit }: EventBrowse): Promise<{ rows: EventBrowseRow[], hasMore: boolean }> {
  const rows: EventBrowseRow[] = []
  for (const k of kind === undefined ? ['conversion', 'touchpoint'] as const : [kind]) {
    let q = db.selectFrom('events as e').innerJoin('contacts', 'contacts.id', 'e.contact_id')
      .select(['e.id', 'e.kind', 'e.contact_id', 'e.event_name', 'e.amount', 'e.source', 'e.order_id',
        'e.event_time', 'e.created_at', 'contacts.email as contact_email'])
      .where('e.partition_id', '=', partitionId)
      .where('e.kind', '=', k)
    if (before !== undefined) q = q.where('e.id', '<', before)
    if (search !== undefined && search !== '') {
      q = q.where((eb) => eb.or([
        containsText('e.event_name', search),
        containsText('e.source', search),
        eb.exists(eb.selectFrom('emails').select(sql.lit(1).as('one'))
          .whereRef('emails.contact_id', '=', 'e.contact_id').where(containsText('emails.value', search)))
      ]))
    }
    rows.push(...await q.orderBy('e.id', 'desc').limit(limit + 1).execute())
  }
  return keysetPage(rows.sort((a, b) => b.id - a.id), limit)
}
