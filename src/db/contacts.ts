import { setImmediate } from 'node:timers'
import { CompiledQuery, type Kysely, type RawBuilder, sql, type Updateable } from 'kysely'
import { findSlot, toStoredSlotValue } from '../wire/custom-fields.js'
import { ensureCompany, ensureCompanyNow } from './companies.js'
import { type RawConnection, rawConnectionOf } from './connection.js'
import { type BrowsePage, escapeLike, keysetPage } from './browse.js'
import { nextId, nextIdQuery } from './spaces.js'
import {
  type Contact, type ContactsTable, type Database, ITEM_TABLES, type ItemTable, type NewContact, PRIMARY_COLUMN,
  type SlotColumns
} from './database.js'

export type ContactItems = Partial<Record<ItemTable, readonly string[]>>

export interface ContactCollections {
  emails: readonly string[]
  phones: readonly string[]
  names: readonly string[]
  locations: readonly string[]
}

/** The slot columns of a validated `custom_fields` object, in their stored form (dates: in `timeZone`). */
export function slotColumns (customFields: Record<string, unknown>, timeZone: string): Partial<NewContact> {
  const columns: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(customFields)) {
    const slot = findSlot(name)
    if (slot !== undefined) columns[name] = toStoredSlotValue(slot, value, timeZone)
  }
  return columns as Partial<NewContact>
}

/** A new contact row: the first item of each collection is its primary value. */
export function newContactRow (partitionId: number, { emails, phones, names, locations }: ContactCollections,
  customFields: Record<string, unknown> | undefined, createdAt: number, timeZone: string): NewContact {
  return {
    partition_id: partitionId,
    email: emails[0] ?? null,
    phone: phones[0] ?? null,
    name: names[0] ?? null,
    location: locations[0] ?? null,
    ...(customFields !== undefined && slotColumns(customFields, timeZone)),
    created_at: createdAt,
    updated_at: createdAt
  }
}

// The write path is the emulator's hottest: Kysely builds and compiles a query object on every call, which
// costs more than SQLite's insert itself. Writes compile once per shape (which columns, how many rows) and
// then run Kysely's own SQL text with new parameters. Bounded: odd shapes past the limit just compile anew.
const COMPILED_LIMIT = 1024
const compiled = new Map<string, string>()

function compiledText (shape: string, compile: () => string): string {
  let text = compiled.get(shape)
  if (text === undefined) {
    text = compile()
    if (compiled.size < COMPILED_LIMIT) compiled.set(shape, text)
  }
  return text
}

interface Write { text: string, parameters: unknown[] }

/** The contact's insert, as Kysely compiles it (once per shape), with this contact's parameters. */
function contactWrite (db: Kysely<Database>, contact: NewContact): Write {
  const record = contact as unknown as Record<string, unknown>
  // Kysely leaves out undefined values and keeps the others' order, so the parameters follow the same rule.
  const columns = Object.keys(record).filter((column) => record[column] !== undefined)
  const text = compiledText(`contacts:${columns.join(',')}`,
    () => db.insertInto('contacts').values(contact).compile().sql)
  return { text, parameters: columns.map((column) => record[column]) }
}

/** Each collection as one multi-row insert, position 0 first. */
function itemWrites (db: Kysely<Database>, contactId: number, items: ContactItems, createdAt: number): Write[] {
  const writes: Write[] = []
  for (const [table, values] of Object.entries(items) as Array<[ItemTable, readonly string[] | undefined]>) {
    if (values === undefined || values.length === 0) continue
    const rows = values.map((value, position) => ({ contact_id: contactId, position, value, created_at: createdAt }))
    const text = compiledText(`${table}:${rows.length}`, () => db.insertInto(table).values(rows).compile().sql)
    writes.push({ text, parameters: rows.flatMap((row) => [row.contact_id, row.position, row.value, row.created_at]) })
  }
  return writes
}

/**
 * Inserts a contact and its items. Run it inside a transaction: it writes several tables and a failure half
 * way must leave none of them changed.
 */
export async function insertContact (db: Kysely<Database>, contact: NewContact, items: ContactItems): Promise<number> {
  // Contact ids are never handed out twice, not after a purge or a restore took the newest away (migration 0011).
  const id = await nextId(db, 'contacts')
  const write = contactWrite(db, { id, ...contact })
  await db.executeQuery(CompiledQuery.raw(write.text, write.parameters))
  await insertItems(db, id, items, contact.created_at)
  return id
}

/** Writes each collection as one multi-row insert, position 0 first. */
export async function insertItems (db: Kysely<Database>, contactId: number, items: ContactItems,
  createdAt: number): Promise<void> {
  for (const write of itemWrites(db, contactId, items, createdAt)) {
    await db.executeQuery(CompiledQuery.raw(write.text, write.parameters))
  }
}

// nextIdQuery's text for contacts, compiled once.
let nextContactIdText: { sql: string, parameters: readonly unknown[] } | undefined

/**
 * insertContact, synchronously on the raw connection, in the caller's transaction (or a savepoint of it). The
 * SQL is still Kysely's (compiled once per shape, above); only its execution skips Kysely's asynchronous driver,
 * whose round trips (begin, inserts, commit) cost more CPU than SQLite's work.
 */
function insertContactNow (db: Kysely<Database>, raw: RawConnection, create: PendingCreate): number {
  const { contact, items, companyDomain } = create
  const companyId = companyDomain === null
    ? null
    : ensureCompanyNow(db, raw, contact.partition_id, companyDomain, contact.created_at)
  // Never an id handed out before, even by a purged or restored-away partition (migration 0011).
  nextContactIdText ??= nextIdQuery(db, 'contacts').compile()
  const { value: id } = raw.prepare(nextContactIdText.sql).get(nextContactIdText.parameters) as { value: number }
  const write = contactWrite(db, { id, ...contact, company_id: companyId })
  raw.prepare(write.text).run(write.parameters)
  for (const item of itemWrites(db, id, items, contact.created_at)) raw.prepare(item.text).run(item.parameters)
  return id
}

interface PendingCreate {
  contact: NewContact
  items: ContactItems
  /** The domain of the company to link (made when missing; Decision D32), or null. */
  companyDomain: string | null
  resolve: (id: number) => void
  reject: (error: unknown) => void
}

type Outcome = { id: number } | { error: unknown }

/** Each create in a transaction of its own (a savepoint when inside commitBatch's): all of it or none. */
function commitEach (db: Kysely<Database>, raw: RawConnection, batch: readonly PendingCreate[]): Outcome[] {
  return batch.map((create) => {
    try {
      return { id: raw.transaction(() => insertContactNow(db, raw, create)) }
    } catch (error) {
      return { error }
    }
  })
}

/** insertContactNow on Kysely's asynchronous driver, inside the caller's transaction. */
async function insertContactLater (trx: Kysely<Database>, { contact, items, companyDomain }: PendingCreate):
Promise<number> {
  const companyId = companyDomain === null
    ? null
    : await ensureCompany(trx, contact.partition_id, companyDomain, contact.created_at)
  return await insertContact(trx, { ...contact, company_id: companyId }, items)
}

/**
 * Group commit: the creates that arrived in one turn of the event loop, in one transaction. A commit writes
 * every page it changed to the WAL, and consecutive contacts share their pages, so one commit for ten creates
 * writes far less than ten. Each create runs in a savepoint of its own, so one that fails is rolled back alone
 * and the others still commit; if the commit itself fails, nothing of the batch was written and each is tried
 * again in a transaction of its own. Every promise settles only after its own commit.
 */
function commitBatch (db: Kysely<Database>, raw: RawConnection, batch: readonly PendingCreate[]): void {
  if (raw.sqlite.inTransaction) {
    // A Kysely transaction holds the connection (its statements would take ours in): each create waits its turn.
    for (const create of batch) {
      db.transaction().execute(async (trx) => await insertContactLater(trx, create)).then(create.resolve, create.reject)
    }
    return
  }
  let outcomes: Outcome[]
  if (batch.length === 1) {
    outcomes = commitEach(db, raw, batch)
  } else {
    try {
      outcomes = raw.transaction(() => commitEach(db, raw, batch))
    } catch {
      outcomes = commitEach(db, raw, batch)
    }
  }
  outcomes.forEach((outcome, i) => {
    const create = batch[i]!
    if ('id' in outcome) create.resolve(outcome.id)
    else create.reject(outcome.error)
  })
}

/** A contact row with its four collections: each the newest `limit` writes first, in written order within a write. */
export interface ContactWithItems {
  contact: Contact
  items: Record<ItemTable, string[]>
}

// One statement for the row and its collections: each collection is a correlated subquery over its clustered
// range (contact_id, position), folded into a JSON array in the order it is shown.
function contactWithItemsText (db: Kysely<Database>, limit: number): string {
  return compiledText(`contact-with-items:${limit}`, () => db.selectFrom('contacts').selectAll('contacts')
    .select(ITEM_TABLES.map((table) => sql<string>`(select json_group_array(value order by created_at desc, position)
      from (select value, created_at, position from ${sql.table(table)} where contact_id = contacts.id
      order by created_at desc, position limit ${sql.lit(limit)}))`.as(`${table}_json`)))
    // The zeros only shape the text (two parameters); each call runs it with its own partition and id.
    .where('partition_id', '=', 0).where('id', '=', 0).compile().sql)
}

type ContactWithItemsRow = Contact & Record<`${ItemTable}_json`, string>

/** The contact and its collections in one query; undefined when the partition holds no such contact. */
export async function findContactWithItems (db: Kysely<Database>, partitionId: number, id: number,
  limit: number): Promise<ContactWithItems | undefined> {
  const text = contactWithItemsText(db, limit)
  const raw = rawConnectionOf(db)
  // Synchronously on the raw connection when no Kysely transaction holds it (whose uncommitted rows this
  // would read); else through Kysely, which waits its turn.
  const row = raw !== undefined && !raw.sqlite.inTransaction
    ? raw.prepare(text).get(partitionId, id) as ContactWithItemsRow | undefined
    : (await db.executeQuery<ContactWithItemsRow>(CompiledQuery.raw(text, [partitionId, id]))).rows[0]
  if (row === undefined) return undefined
  const items = {} as Record<ItemTable, string[]>
  for (const table of ITEM_TABLES) items[table] = JSON.parse(row[`${table}_json`]) as string[]
  return { contact: row, items }
}

export async function findContact (db: Kysely<Database>, partitionId: number,
  id: number): Promise<Contact | undefined> {
  return await db.selectFrom('contacts').selectAll().where('partition_id', '=', partitionId).where('id', '=', id)
    .executeTakeFirst()
}

/** The values of one contact's collection: the newest `limit` writes first, in written order within a write. */
export async function listItemValues (db: Kysely<Database>, table: ItemTable, contactId: number,
  limit: number): Promise<string[]> {
  const rows = await db.selectFrom(table).select('value').where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc').orderBy('position').limit(limit).execute()
  return rows.map((row) => row.value)
}

/** Every value of a collection for several contacts, in position order, by contact id. */
export async function listItemValuesOf (db: Kysely<Database>, table: ItemTable,
  contactIds: readonly number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>(contactIds.map((id) => [id, []]))
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await db.selectFrom(table).select(['contact_id', 'value'])
      .where('contact_id', 'in', contactIds.slice(i, i + 500)).orderBy('contact_id').orderBy('position').execute()
    for (const row of rows) result.get(row.contact_id)?.push(row.value)
  }
  return result
}

/** Replaces a contact's collection. Run it inside a transaction with the contact's update. */
export async function replaceItems (db: Kysely<Database>, contactId: number, table: ItemTable,
  values: readonly string[], createdAt: number): Promise<void> {
  await db.deleteFrom(table).where('contact_id', '=', contactId).execute()
  await insertItems(db, contactId, { [table]: values }, createdAt)
}

/** Changes a contact's columns; false when the partition holds no such contact. */
export async function updateContactColumns (db: Kysely<Database>, partitionId: number, id: number,
  columns: ContactUpdate): Promise<boolean> {
  const result = await db.updateTable('contacts').set(columns).where('partition_id', '=', partitionId)
    .where('id', '=', id).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export type ContactUpdate = Updateable<ContactsTable>
export type SlotColumn = keyof SlotColumns

/** One custom-field condition, in SQL terms (values already in their stored form). */
export type SlotCondition =
  | { column: SlotColumn, test: '=' | '!=' | '>' | '>=' | '<' | '<=', value: string | number, ignoreCase?: boolean }
  | { column: SlotColumn, test: 'between', from: string | number, to: string | number }
  | {
    column: SlotColumn,
    test: 'contains' | 'not_contains' | 'starts_with' | 'ends_with' | 'contains_word',
    value: string
  }
  | { column: SlotColumn, test: 'is_set' | 'is_null' }

export interface ContactQuery {
  partitionId: number
  /** Creation time range, Unix milliseconds, both ends included. */
  from: number
  to: number
  conditions: readonly SlotCondition[]
  /** Rows with ids above this are not considered (an export's snapshot). */
  maxId?: number
}

export interface ContactPage {
  /** Keyset position: the page starts after (`before`: ids below) or before (`after`: ids above) this id. */
  before?: number
  after?: number
  limit: number
  /** false: only the columns of a list row (id, email, name, phone, location), without the 30 slots. */
  withSlots?: boolean
}

const ROW_COLUMNS = ['contacts.id', 'contacts.email', 'contacts.name', 'contacts.phone', 'contacts.location'] as const

// Word boundaries for contains_word: white space and common punctuation, folded to spaces.
const WORD_SEPARATORS = [',', '.', ';', ':', '!', '?', '(', ')', '"', '\'', '/', '-', '\t', '\n']

export function conditionSql (condition: SlotCondition): RawBuilder<unknown> {
  const col = sql.ref(`contacts.${condition.column}`)
  switch (condition.test) {
    case 'is_set': return sql`${col} is not null and ${col} != ''`
    case 'is_null': return sql`(${col} is null or ${col} = '')`
    case 'between': return sql`${col} between ${condition.from} and ${condition.to}`
    case 'contains': return sql`${col} like ${`%${escapeLike(condition.value)}%`} escape '\\'`
    case 'not_contains': return sql`${col} not like ${`%${escapeLike(condition.value)}%`} escape '\\'`
    case 'starts_with': return sql`${col} like ${`${escapeLike(condition.value)}%`} escape '\\'`
    case 'ends_with': return sql`${col} like ${`%${escapeLike(condition.value)}`} escape '\\'`
    case 'contains_word': {
      let folded: RawBuilder<unknown> = sql`${col}`
      for (const separator of WORD_SEPARATORS) folded = sql`replace(${folded}, ${separator}, ' ')`
      return sql`(' ' || ${folded} || ' ') like ${`% ${escapeLike(condition.value)} %`} escape '\\'`
    }
    default:
      return condition.ignoreCase === true
        ? sql`${col} ${sql.raw(condition.test)} ${condition.value} collate nocase`
        : sql`${col} ${sql.raw(condition.test)} ${condition.value}`
  }
}

function filtered (db: Kysely<Database>, query: ContactQuery) {
  let q = db.selectFrom('contacts')
    .where('contacts.partition_id', '=', query.partitionId)
    .where('contacts.created_at', '>=', query.from)
    .where('contacts.created_at', '<=', query.to)
  if (query.maxId !== undefined) q = q.where('contacts.id', '<=', query.maxId)
  for (const condition of query.conditions) q = q.where(conditionSql(condition) as RawBuilder<boolean>)
  return q
}

/**
 * One keyset page of contacts, newest id first, and whether more rows lie beyond it in the direction read.
 * The seek is on the (partition_id, id) index, so page 500 costs what page 1 costs. `after` reads the rows
 * just above that id (towards newer ones), still returned newest first.
 */
export async function listContactPage (db: Kysely<Database>, query: ContactQuery,
  page: ContactPage): Promise<{ rows: Contact[], hasMore: boolean }> {
  const all = filtered(db, query).selectAll('contacts')
  // A page without custom fields needs five of the ~40 columns: reading and converting the rest was most of
  // a page's cost. Those rows then lack the slot columns (which Contact marks optional).
  const q = page.withSlots === false ? filtered(db, query).select(ROW_COLUMNS) as unknown as typeof all : all
  const rows = page.after !== undefined
    ? await q.where('contacts.id', '>', page.after).orderBy('contacts.id', 'asc').limit(page.limit + 1).execute()
    : await (page.before !== undefined ? q.where('contacts.id', '<', page.before) : q).orderBy('contacts.id', 'desc')
      .limit(page.limit + 1).execute()
  const hasMore = rows.length > page.limit
  if (hasMore) rows.pop()
  if (page.after !== undefined) rows.reverse()
  return { rows, hasMore }
}

/** The highest contact id of a partition (0 when empty). */
export async function maxContactId (db: Kysely<Database>, partitionId: number): Promise<number> {
  const row = await db.selectFrom('contacts').select((eb) => eb.fn.max('id').as('max'))
    .where('partition_id', '=', partitionId).executeTakeFirst()
  return Number(row?.max ?? 0)
}

// The creates waiting for the current turn's commit, per connection.
const pendingCreates = new WeakMap<RawConnection, PendingCreate[]>()

/**
/**
 * A new contact and its items, linked to the company of `companyDomain` (made when missing; Decision D32),
 * committed, all of it or none. On a connection of openDatabase(), creates arriving in the same turn of the event
 * loop share one transaction (commitBatch) unless `groupCommit` is false; the promise resolves once the
 * transaction that holds this contact has committed.
 */
export async function createContactRow (db: Kysely<Database>, contact: NewContact, items: ContactItems,
  { companyDomain = null, groupCommit = true }: { companyDomain?: string | null, groupCommit?: boolean } = {}):
  Promise<number> {
  const raw = rawConnectionOf(db)
  if (raw === undefined) {
    return await db.transaction().execute(async (trx) =>
      await insertContactLater(trx, { contact, items, companyDomain, resolve: () => {}, reject: () => {} }))
  }
  return await new Promise<number>((resolve, reject) => {
    const create = { contact, items, companyDomain, resolve, reject }
    if (!groupCommit) {
      commitBatch(db, raw, [create])
      return
    }
    let batch = pendingCreates.get(raw)
    if (batch === undefined) {
      const created: PendingCreate[] = batch = []
      pendingCreates.set(raw, created)
      // Node's own setImmediate (imported, not the global): a caller's fake timers must not hold creates back.
      setImmediate(() => {
        pendingCreates.delete(raw)
        commitBatch(db, raw, created)
      })
    }
    batch.push(create)
  })
}

/**
 * Adds a value to the end of a contact's collection as a write of its own (`createdAt`), and makes it the
 * primary value when the collection was empty. Run it inside a transaction.
 */
export async function appendItem (db: Kysely<Database>, contactId: number, table: ItemTable, value: string,
  createdAt: number): Promise<void> {
  const row = await db.selectFrom(table)
    .select((eb) => [eb.fn.max('position').as('last'), eb.fn.max('created_at').as('newest')])
    .where('contact_id', '=', contactId).executeTakeFirst()
  const position = row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1
  // Decision D17: an item gained is a later write, so it comes first in GET, even when the clock has not moved
  // since the last write (or was moved back): its time is at least a millisecond after the newest item's.
  const newest = row?.newest === null || row?.newest === undefined ? -Infinity : Number(row.newest)
  await db.insertInto(table)
    .values({ contact_id: contactId, position, value, created_at: Math.max(createdAt, newest + 1) }).execute()
  if (position === 0) {
    await db.updateTable('contacts').set({ [PRIMARY_COLUMN[table]]: value, updated_at: createdAt })
      .where('id', '=', contactId).execute()
  }
}

export type ContactRow = Pick<Contact, 'id' | 'email' | 'name' | 'phone' | 'location' | 'created_at'>

/**
 * A page of a partition's contacts for the inspector, newest first, walking the (partition_id, id) index
 * that the API's list walks. A search tests each contact's emails and names (their own clustered tables), so
 * it costs two index look-ups per contact passed over, never a scan of another table.
 */
export async function browseContacts (db: Kysely<Database>, partitionId: number,
  { search, before, limit }: BrowsePage): Promise<{ rows: ContactRow[], hasMore: boolean }> {
  let q = db.selectFrom('contacts')
    .select(['contacts.id', 'contacts.email', 'contacts.name', 'contacts.phone', 'contacts.location',
      'contacts.created_at'])
    .where('contacts.partition_id', '=', partitionId)
  if (before !== undefined) q = q.where('contacts.id', '<', before)
  if (search !== undefined && search !== '') {
    const pattern = `%${escapeLike(search)}%`
    q = q.where((eb) => eb.or((['emails', 'names'] as const).map((table) => eb.exists(
      eb.selectFrom(table).select(sql.lit(1).as('one')).whereRef(`${table}.contact_id`, '=', 'contacts.id')
        .where(sql<boolean>`${sql.ref(`${table}.value`)} like ${pattern} escape '\\'`)))))
  }
  return keysetPage(await q.orderBy('contacts.id', 'desc').limit(limit + 1).execute(), limit)
}
