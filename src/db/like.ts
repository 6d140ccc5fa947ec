// LIKE patterns built from user text: its own `%`, `_` and `\` are plain characters (with `escape '\'`).
import { type RawBuilder, sql } from 'kysely'

export function escapeLike (value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `column like '%text%' escape '\'`: the column holds the text anywhere, in any case (ASCII, as SQLite folds). */
export function containsText (column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`
}
