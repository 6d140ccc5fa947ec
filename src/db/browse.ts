// What the inspector's browse queries share (contacts, companies, events): the page a caller asks for, the
// keyset page it gets, and LIKE patterns built from user text, whose own `%`, `_` and `\` are plain characters
// (with `escape '\'`).
import { type RawBuilder, sql } from 'kysely'

/** A browse request: newest first, below a keyset position. */
export interface BrowsePage {
  /** Text to look for, in any case (ASCII); what it is matched against is each resource's. */
  search?: string
  /** Keyset position: only ids below this one. */
  before?: number
  limit: number
}

/** The first `limit` of rows read with `limit + 1`, and whether there were more. */
export function keysetPage<Row> (rows: Row[], limit: number): { rows: Row[], hasMore: boolean } {
  const hasMore = rows.length > limit
  return { rows: hasMore ? rows.slice(0, limit) : rows, hasMore }
}

export function escapeLike (value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `column like '%text%' escape '\'`: the column holds the text anywhere, in any case (ASCII, as SQLite folds). */
export function containsText (column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`
}
