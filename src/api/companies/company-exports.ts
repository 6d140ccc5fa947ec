// POST /public-api/v1/companies/exports and GET /public-api/v1/companies/exports/{id} on the one export
// machinery (../exports.ts): the companies created in the range, newest first, one line each
// (docs: create-company-export).
import type { FastifyInstance } from 'fastify'
import type { ExportSource } from '../../core/exports/runner.js'
import { type CompanyKey, listCompanyPage, maxCompanyId } from '../../db/companies.js'
import { readDateRange } from '../../wire/date-range.js'
import { wireTimestamp } from '../../wire/time-zone.js'
import { exportRoutes } from '../exports.js'
import type { ApiOptions } from '../options.js'
import { CreateCompanyExportBodySchema } from './schemas.js'

const BATCH = 1000

interface CompanyExportParams {
  from: number
  to: number
}

/** Every company of the range that existed when the export was asked for (Decision D29), in list order. */
export const companyExportSource: ExportSource = async function * (db, job) {
  const params = JSON.parse(job.params) as CompanyExportParams
  let before: CompanyKey | undefined
  for (;;) {
    const { rows, hasMore } = await listCompanyPage(db,
      { partitionId: job.partition_id, from: params.from, to: params.to, maxId: job.max_row_id },
      { limit: BATCH, ...(before !== undefined && { before }) })
    yield rows.map((company) => ({
      id: company.id,
      domain: company.domain,
      created_at: wireTimestamp(company.created_at)
    }))
    const last = rows[rows.length - 1]
    if (!hasMore || last === undefined) return
    before = { createdAt: last.created_at, id: last.id }
  }
}

export default async function companyExportRoutes (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  exportRoutes(app, emulator, {
    resource: 'companies',
    tag: 'Companies',
    createEndpoint: 'createCompanyExport',
    statusEndpoint: 'getCompanyExport',
    body: CreateCompanyExportBodySchema,
    plan: async (db, space, body) => ({
      params: readDateRange(body.start_date, body.end_date, space.timeZone) satisfies CompanyExportParams,
      maxRowId: await maxCompanyId(db, space.partitionId)
    }),
    source: companyExportSource
  })
}
