// @ts-nocheck
// The cursor codec of Laravel's cursor paginator (Illuminate\Pagination\Cursor): base64url of a JSON object
// holding the keyset columns of an edge row and the direction, {"id":123,"_pointsToNextItems":true}.
// Decision D26: Cometly's cursors are opaque; this is Laravel's own form.

export interface Cursor {
  /** The keyset column values of the row the page starts after (or before). */
  parameters: Record<string, string | number>
  /** true: the items after the row; false: the items before it. */
  pointsToNextItems: boolean
}

export function encodeCursor ({ parameters, pointsToNextItems }: Cursor): string {
  return Buffer.from(JSON.stringify({ ...parameters, _pointsToNextItems: pointsToNextItems }), 'utf8')
    .toString('base64url')
}

/**
 * Reads a cursor; null when it is not one. Laravel's Cursor::fromEncoded() also answers null for garbage,
 * and the paginator then shows the first page.
 */
export function decodeCursor (encoded: string, columns: readonly string[]): Cursor | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(encoded.replaceAll('=', ''), 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const record = parsed as Record<string, unknown>
  if (typeof record._pointsToNextItems !== 'boolean') return null
  const parameters: Record<string, string | number> = {}
  for (const column of columns) {
    const value = record[column]
    if (typeof value !== 'number' && typeof value !== 'string') return null
    parameters[column] = value
  }
  return { parameters, pointsToNextItems: record._pointsToNextItems }
}
