// POST /public-api/v1/contacts/exports and GET /public-api/v1/contacts/exports/{id} on the one export machinery
// (../exports.ts): what a contacts export holds and each line of its file (docs: create-contact-export).
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { ExportSource } from '../../core/exports/runner.js'
import { listContactPage, maxContactId } from '../../db/contacts.js'
import type { Database } from '../../db/database.js'
import { readDateRange } from '../../wire/date-range.js'
import { wireTimestamp } from '../../wire/time-zone.js'
import { readBodyFlag } from '../../wire/validation.js'
import { exportRoutes } from '../exports.js'
import type { ApiOptions } from '../options.js'
import { contactRows } from './list-contacts.js'
import { CreateContactExportBodySchema } from './schemas.js'

const BATCH = 1000

interface ContactExportParams {
  from: number
  to: number
  include_comet_tokens: boolean
  include_all_emails: boolean
}

/**
 * Every matching contact that existed when the export was asked for, newest first (Decision D29). A line is
 * the list row with `created_at`, plus `comet_tokens` and (Decision D28) `emails` when asked.
 */
export const contactExportSource: ExportSource = async function * (db, job) {
  const params = JSON.parse(job.params) as ContactExportParams
  let before: number | undefined
  for (;;) {
    const { rows, hasMore } = await listContactPage(db,
      { partitionId: job.partition_id, from: params.from, to: params.to, conditions: [], maxId: job.max_row_id },
      { limit: BATCH, ...(before !== undefined && { before }) })
    const wire = await contactRows(db, rows, {
      includeCometTokens: params.include_comet_tokens,
      includeAllEmails: params.include_all_emails,
      includeCustomFields: false,
      labels: null,
      timeZone: 'UTC'
    })
    yield wire.map((row, i) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      phone: row.phone,
      location: row.location,
      created_at: wireTimestamp(rows[i]?.created_at ?? 0),
      ...(row.emails !== undefined && { emails: row.emails }),
      ...(row.comet_tokens !== undefined && { comet_tokens: row.comet_tokens })
    }))
    if (!hasMore) return
    before = rows[rows.length - 1]?.id
  }
}

export default async function contactExportRoutes (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  exportRoutes(app, emulator, {
    resource: 'contacts',
    tag: 'Contacts',
    createEndpoint: 'createContactExport',
    statusEndpoint: 'getContactExport',
    body: CreateContactExportBodySchema,
    plan: async (db: Kysely<Database>, space, body) => {
      const params: ContactExportParams = {
        ...readDateRange(body.start_date, body.end_date, space.timeZone),
        include_comet_tokens: readBodyFlag(body.include_comet_tokens),
        include_all_emails: readBodyFlag(body.include_all_emails)
      }
      return { params, maxRowId: await maxContactId(db, space.partitionId) }
    },
    source: contactExportSource
  })
}
