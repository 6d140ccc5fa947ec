// GET /public-api/v1/companies (docs: list-companies; Decision D33): a keyset page of a Space's companies,
// newest first by creation second, then id, in the cursor envelope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { SpaceState } from '../../core/spaces/registry.js'
import { type CompanyKey, listCompanyPage } from '../../db/companies.js'
import type { Database } from '../../db/database.js'
import type { Cursor } from '../../wire/cursor.js'
import { readOptionalDateRange } from '../../wire/date-range.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import { zonedWallTime, zonedWallTimeToUtc } from '../../wire/time-zone.js'
import { useLaravelQuery } from '../query.js'
import type { ApiOptions } from '../options.js'
import { pageCursors, pageEnvelope, readCursor } from '../pagination.js'
import { type CompanyRow, CompanyPageSchema, type ListCompaniesQuery, ListCompaniesQuerySchema } from './schemas.js'

/** Decision D33: the cursor holds the row's creation second (`YYYY-MM-DD HH:MM:SS`, UTC) and its id. */
const CURSOR_COLUMNS = ['created_at', 'id'] as const
const WALL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

function keyOf (cursor: Cursor): CompanyKey {
  return {
    createdAt: zonedWallTimeToUtc(String(cursor.parameters.created_at), 'UTC'),
    id: Number(cursor.parameters.id)
  }
}

function readable (cursor: Cursor): boolean {
  const { created_at: createdAt, id } = cursor.parameters
  return typeof createdAt === 'string' && WALL_TIME.test(createdAt) && Number.isFinite(Date.parse(`${createdAt}Z`)) &&
    Number.isSafeInteger(id)
}

export async function listCompanies (db: Kysely<Database>, space: SpaceState, query: ListCompaniesQuery,
  cursor: Cursor | null): Promise<{ rows: CompanyRow[], cursors: { next: string | null, prev: string | null } }> {
  const range = readOptionalDateRange(query.start_date, query.end_date, space.timeZone)
  const at = cursor === null ? undefined : keyOf(cursor)
  const backwards = cursor !== null && !cursor.pointsToNextItems
  const page = await listCompanyPage(db, { partitionId: space.partitionId, ...range }, {
    limit: query.per_page,
    ...(at !== undefined && (backwards ? { after: at } : { before: at }))
  })
  return {
    rows: page.rows.map((company) => ({ id: company.id, domain: company.domain })),
    cursors: pageCursors(cursor, page, (row) => ({ created_at: zonedWallTime(row.created_at), id: row.id }))
  }
}

export default async function listCompaniesRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/companies', {
    config: { endpoint: 'listCompanies', resource: 'companies' },
    onRequest: useLaravelQuery,
    schema: {
      summary: 'List companies',
      tags: ['Companies'],
      querystring: ListCompaniesQuerySchema,
      response: { 200: CompanyPageSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    const { query } = request
    const cursor = readCursor(request, query.cursor, CURSOR_COLUMNS, readable)
    const page = await listCompanies(emulator.db, request.space, query, cursor)
    return pageEnvelope(request, page.rows, query.per_page, page.cursors)
  })
}
