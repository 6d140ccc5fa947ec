// @ts-nocheck
// What "nothing half-written" means for the contact tables, checked on the raw SQLite connection.
import type BetterSqlite3 from 'better-sqlite3'

export const ITEM_TABLES = ['emails', 'phones', 'names', 'locations'] as const
type ItemTable = typeof ITEM_TABLES[number]
const PRIMARY_COLUMN: Record<ItemTable, string> = {
  emails: 'email',
  phones: 'phone',
  names: 'name',
  locations: 'location'
}

export interface IntegrityReport {
  /** Each a description of one kind of damage, with how many rows show it; empty when all is well. */
  problems: string[]
  contacts: number
  items: number
  /** Contacts with no email at all (a create never makes one; an update may empty the list). */
  contactsWithoutEmail: number
}

function count (sqlite: BetterSqlite3.Database, query: string): number {
  return (sqlite.prepare(query).get() as { n: number }).n
}

export function checkIntegrity (sqlite: BetterSqlite3.Database): IntegrityReport {
  const problems: string[] = []
  const integrity = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
    problems.push(`integrity_check: ${JSON.stringify(integrity)}`)
  }
  const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[]
  if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${foreignKeys.length} rows`)
  let items = 0
  for (const table of ITEM_TABLES) {
    items += count(sqlite, `select count(*) as n from ${table}`)
    const orphans = count(sqlite, `select count(*) as n from ${table} i ` +
      'where not exists (select 1 from contacts c where c.id = i.contact_id)')
    if (orphans > 0) problems.push(`${table}: ${orphans} rows without their contact`)
    const gaps = count(sqlite, `select count(*) as n from (select contact_id from ${table} group by contact_id ` +
      'having min(position) != 0 or max(position) != count(*) - 1)')
    if (gaps > 0) problems.push(`${table}: ${gaps} contacts whose positions are not 0..n-1`)
    const column = PRIMARY_COLUMN[table]
    const primary = count(sqlite, `select count(*) as n from contacts c where c.${column} is not ` +
      `(select value from ${table} i where i.contact_id = c.id and i.position = 0)`)
    if (primary > 0) problems.push(`${table}: ${primary} contacts whose ${column} is not their first item`)
  }
  return {
    problems,
    contacts: count(sqlite, 'select count(*) as n from contacts'),
    items,
    contactsWithoutEmail: count(sqlite,
      'select count(*) as n from contacts c where not exists (select 1 from emails e where e.contact_id = c.id)')
  }
}

export interface StoredContact {
  id: number
  partition_id: number
  emails: string[]
  phones: string[]
  names: string[]
  locations: string[]
}

export function readContact (sqlite: BetterSqlite3.Database, id: number): StoredContact | undefined {
  const row = sqlite.prepare('select id, partition_id from contacts where id = ?')
    .get(id) as { id: number, partition_id: number } | undefined
  if (row === undefined) return undefined
  const itemsOf = (table: ItemTable): string[] =>
    (sqlite.prepare(`select value from ${table} where contact_id = ? order by position`)
      .all(id) as Array<{ value: string }>).map((r) => r.value)
  return {
    ...row,
    emails: itemsOf('emails'),
    phones: itemsOf('phones'),
    names: itemsOf('names'),
    locations: itemsOf('locations')
  }
}

/** Every stored contact, by its first email (the load generators make each first email unique). */
export function contactsByFirstEmail (sqlite: BetterSqlite3.Database): Map<string, StoredContact> {
  const byEmail = new Map<string, StoredContact>()
  const ids = sqlite.prepare('select id from contacts order by id').all() as Array<{ id: number }>
  for (const { id } of ids) {
    const contact = readContact(sqlite, id) as StoredContact
    byEmail.set(contact.emails[0] ?? `(none: ${id})`, contact)
  }
  return byEmail
}
