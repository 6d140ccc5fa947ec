// Companies (migration 0005, Decision D32): one per email domain of a partition, and the contacts linked to
// them. Their times are whole seconds, the unit of their order and cursor (Decision D33).
import type { Insertable, Kysely } from 'kysely'
import { domainKey } from '../wire/company-domains.js'
import type { RawConnection } from './connection.js'
import type { CompaniesTable, Company, Database } from './database.js'
import { type BrowsePage, containsText, keysetPage } from './browse.js'

export type NewCompany = Insertable<CompaniesTable>

/** Companies order and page on whole seconds. */
export function wholeSeconds (ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

export async function insertCompany (db: Kysely<Database>, company: NewCompany): Promise<number> {
  const row = await db.insertInto('companies').values(company).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function findCompany (db: Kysely<Database>, partitionId: number,
  id: number): Promise<Company | undefined> {
  return await db.selectFrom('companies').selectAll().where('partition_id', '=', partitionId).where('id', '=', id)
    .executeTakeFirst()
}

/** The partition's company of a domain, compared without regard to case. */
export async function findCompanyByDomain (db: Kysely<Database>, partitionId: number,
  domain: string): Promise<Company | undefined> {
  return await db.selectFrom('companies').selectAll().where('partition_id', '=', partitionId)
    .where('domain_key', '=', domainKey(domain)).executeTakeFirst()
}

/** The id of the partition's company of `domain`, made (domain and name both the domain) when there is none. */
export async function ensureCompany (db: Kysely<Database>, partitionId: number, domain: string,
  createdAt: number): Promise<number> {
  const found = await findCompanyByDomain(db, partitionId, domain)
  if (found !== undefined) return found.id
  const at = wholeSeconds(createdAt)
  return await insertCompany(db, {
    partition_id: partitionId, domain, domain_key: domainKey(domain), name: domain, created_at: at, updated_at: at
  })
}

let ensureTexts: { find: string, insert: string } | undefined

/**
 * ensureCompany on the raw connection, for the synchronous create path: the same SQL, which Kysely compiles once.
 * Run it inside the raw connection's transaction.
 */
export function ensureCompanyNow (db: Kysely<Database>, raw: RawConnection, partitionId: number, domain: string,
  createdAt: number): number {
  ensureTexts ??= {
    find: db.selectFrom('companies').select('id').where('partition_id', '=', 0).where('domain_key', '=', '')
      .compile().sql,
    insert: db.insertInto('companies').values({
      partition_id: 0, domain: '', domain_key: '', name: '', created_at: 0, updated_at: 0
    }).compile().sql
  }
  const key = domainKey(domain)
  const found = raw.prepare(ensureTexts.find).get([partitionId, key]) as { id: number } | undefined
  if (found !== undefined) return found.id
  const at = wholeSeconds(createdAt)
  return Number(raw.prepare(ensureTexts.insert).run([partitionId, domain, key, domain, at, at]).lastInsertRowid)
}

/** Changes a company's domain and/or name; false when the partition holds no such company. */
export async function updateCompanyColumns (db: Kysely<Database>, partitionId: number, id: number,
  columns: { domain?: string, name?: string, updated_at: number }): Promise<boolean> {
  const result = await db.updateTable('companies')
    .set({ ...columns, ...(columns.domain !== undefined && { domain_key: domainKey(columns.domain) }) })
    .where('partition_id', '=', partitionId).where('id', '=', id).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Links a contact to a company, or to none. */
export async function setContactCompany (db: Kysely<Database>, contactId: number,
  companyId: number | null): Promise<void> {
  await db.updateTable('contacts').set({ company_id: companyId }).where('id', '=', contactId).execute()
}

/** A position in the companies' order: creation second, then id (Decision D33). */
export interface CompanyKey {
  createdAt: number
  id: number
}

export interface CompanyQuery {
  partitionId: number
  /** Creation time bounds, Unix milliseconds, both included; either may be absent. */
  from?: number
  to?: number
  /** Rows with ids above this are not considered (an export's snapshot). */
  maxId?: number
}

/**
 * One keyset page of companies, newest first (creation second, then id, both descending), and whether more lie
 * beyond it in the direction read. `before` reads the rows after that position in the order (older ones),
 * `after` the rows before it (newer ones), still returned newest first. The seek is on the
 * (partition_id, created_at, id) index.
 */
export async function listCompanyPage (db: Kysely<Database>, query: CompanyQuery,
  page: { limit: number, before?: CompanyKey, after?: CompanyKey }): Promise<{ rows: Company[], hasMore: boolean }> {
  let q = db.selectFrom('companies').selectAll().where('partition_id', '=', query.partitionId)
  if (query.from !== undefined) q = q.where('created_at', '>=', query.from)
  if (query.to !== undefined) q = q.where('created_at', '<=', query.to)
  if (query.maxId !== undefined) q = q.where('id', '<=', query.maxId)
  const { before, after } = page
  if (before !== undefined) {
    q = q.where((eb) => eb.or([
      eb('created_at', '<', before.createdAt),
      eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])
    ]))
  }
  if (after !== undefined) {
    q = q.where((eb) => eb.or([
      eb('created_at', '>', after.createdAt),
      eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])
    ]))
  }
  const direction = after !== undefined ? 'asc' : 'desc'
  const rows = await q.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute()
  const hasMore = rows.length > page.limit
  if (hasMore) rows.pop()
  if (after !== undefined) rows.reverse()
  return { rows, hasMore }
}

/** The highest company id of a partition (0 when empty). */
export async function maxCompanyId (db: Kysely<Database>, partitionId: number): Promise<number> {
  const row = await db.selectFrom('companies').select((eb) => eb.fn.max('id').as('max'))
    .where('partition_id', '=', partitionId).executeTakeFirst()
  return Number(row?.max ?? 0)
}

/** A partition's companies, oldest first: what a Space export holds. */
export async function listCompaniesOf (db: Kysely<Database>, partitionId: number): Promise<Company[]> {
  return await db.selectFrom('companies').selectAll().where('partition_id', '=', partitionId).orderBy('id').execute()
}

/** A company as the inspector lists it: its columns and how many contacts link to it. */
export type CompanyBrowseRow = Pick<Company, 'id' | 'domain' | 'name' | 'created_at' | 'updated_at'> & {
  contacts: number
}

/**
 * A page of a partition's companies for the inspector, newest first (highest id first, as the contacts' browse).
 * There is no (partition_id, id) index: SQLite sorts the partition's companies from (partition_id, created_at,
 * id), which a Space's few thousand companies make cheap. The contact counts are read for the page's rows only,
 * one look-up each in the partial contacts(company_id) index.
 */
export async function browseCompanies (db: Kysely<Database>, partitionId: number,
  { search, before, limit }: BrowsePage): Promise<{ rows: CompanyBrowseRow[], hasMore: boolean }> {
  let q = db.selectFrom('companies')
    .select(['companies.id', 'companies.domain', 'companies.name', 'companies.created_at', 'companies.updated_at'])
    .where('companies.partition_id', '=', partitionId)
  if (before !== undefined) q = q.where('companies.id', '<', before)
  if (search !== undefined && search !== '') {
    q = q.where((eb) => eb.or([containsText('companies.domain', search), containsText('companies.name', search)]))
  }
  const { rows, hasMore } = keysetPage(await q.orderBy('companies.id', 'desc').limit(limit + 1).execute(), limit)
  const counts = new Map<number, number>()
  if (rows.length > 0) {
    const found = await db.selectFrom('contacts').select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('company_id', 'in', rows.map((row) => row.id)).groupBy('company_id').execute()
    for (const { company_id: id, n } of found) if (id !== null) counts.set(id, Number(n))
  }
  return { rows: rows.map((row) => ({ ...row, contacts: counts.get(row.id) ?? 0 })), hasMore }
}
