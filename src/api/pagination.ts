// Laravel's cursor paginator as every list answers it (Decision D26): reading the cursor a request sent, which
// cursors a page gets, and the envelope with its page URLs. Contacts, companies and events share it.
import type { FastifyRequest } from 'fastify'
import { type TSchema, Type } from 'typebox'
import { warn } from '../http/request-context.js'
import { type Cursor, decodeCursor, encodeCursor } from '../wire/cursor.js'
import { pairName, pathOf, rawQueryPairs } from '../wire/laravel-query.js'
import { Nullable } from '../wire/schemas.js'

/** Laravel's CursorPaginator::toArray(), in its key order. */
export function PageSchema<Row extends TSchema> (row: Row) {
  return Type.Object({
    data: Type.Array(row),
    path: Type.String(),
    per_page: Type.Integer(),
    next_cursor: Nullable(Type.String()),
    next_page_url: Nullable(Type.String()),
    prev_cursor: Nullable(Type.String()),
    prev_page_url: Nullable(Type.String())
  })
}

/**
 * The cursor a request sent, or null for the first page. An unreadable one, or one `valid` refuses, gives the
 * first page (Laravel's Cursor::fromEncoded()), with a warning.
 */
export function readCursor (request: FastifyRequest, encoded: string | undefined, columns: readonly string[],
  valid: (cursor: Cursor) => boolean): Cursor | null {
  if (encoded === undefined || encoded === '') return null
  const cursor = decodeCursor(encoded, columns)
  if (cursor !== null && valid(cursor)) return cursor
  warn(request, 'cursor is not a cursor of this endpoint; showing the first page')
  return null
}

/** A page's keyset read: up to `limit` rows after (or before) the cursor's row, and whether more lie beyond. */
export interface PageRows<Row> {
  rows: Row[]
  hasMore: boolean
}

/** Laravel's rule for which cursors a page gets, from the cursor it was asked with and "has more". */
export function pageCursors<Row> (cursor: Cursor | null, { rows, hasMore }: PageRows<Row>,
  parameters: (row: Row) => Cursor['parameters']): { next: string | null, prev: string | null } {
  const backwards = cursor !== null && !cursor.pointsToNextItems
  const first = rows[0]
  const last = rows[rows.length - 1]
  const hasNext = cursor === null ? hasMore : (backwards || hasMore)
  const hasPrev = cursor !== null && (!backwards || hasMore)
  const edge = (row: Row | undefined, pointsToNextItems: boolean): string | null =>
    row === undefined ? null : encodeCursor({ parameters: parameters(row), pointsToNextItems })
  return { next: hasNext ? edge(last, true) : null, prev: hasPrev ? edge(first, false) : null }
}

/** The endpoint's full URL without a query (Laravel's `path`), from the request's protocol and Host. */
function endpointUrl (request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${pathOf(request.raw.url ?? '/')}`
}

/**
 * The envelope of a page. Page URLs keep the request's other parameters as sent, only `cursor` replaced, so
 * they can be followed as they are; Laravel drops them unless the app asks, so the answer says so (Decision D26).
 */
export function pageEnvelope<Data> (request: FastifyRequest, data: Data[], perPage: number,
  cursors: { next: string | null, prev: string | null }) {
  const path = endpointUrl(request)
  const kept = rawQueryPairs(request.raw.url ?? '').filter((pair) => pairName(pair) !== 'cursor')
  const url = (cursor: string | null): string | null =>
    cursor === null ? null : `${path}?${[...kept, `cursor=${cursor}`].join('&')}`
  if (kept.length > 0 && (cursors.next !== null || cursors.prev !== null)) {
    warn(request, 'page URLs keep the request\'s other query parameters; Cometly\'s may not (Laravel drops them ' +
      'unless the app calls withQueryString())')
  }
  return {
    data,
    path,
    per_page: perPage,
    next_cursor: cursors.next,
    next_page_url: url(cursors.next),
    prev_cursor: cursors.prev,
    prev_page_url: url(cursors.prev)
  }
}
