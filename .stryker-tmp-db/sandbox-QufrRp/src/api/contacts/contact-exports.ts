// @ts-nocheck
// POST /public-api/v1/contacts/exports and GET /public-api/v1/contacts/exports/{id}
// (Decisions D28 to D31), and the work of a contacts export: gzipped NDJSON, one contact a line.
import { randomBytes } from 'node:crypto'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { createGzip } from 'node:zlib'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { listContactPage, maxContactId } from '../../db/contacts.js'
import type { Database } from '../../db/database.js'
import { type ExportJob, findExport, insertExport, insertExportLink } from '../../db/exports.js'
import type { ExportOutput } from '../../core/exports/runner.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import { DOWNLOAD_LINK_TTL_MS, type ExportTiming, visibleStatus } from '../../core/exports/status.js'
import { DOWNLOADS_PREFIX } from '../downloads.js'
import { MESSAGES, NotFoundError } from '../../wire/errors.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import { laravelTimestamp } from '../../wire/time-zone.js'
import { readDateRange } from '../../wire/date-range.js'
import { contactRows } from './list-contacts.js'
import type { ApiOptions } from '../options.js'
import {
  type CreateContactExportBody, CreateContactExportBodySchema, ExportIdParamsSchema, ExportQueuedSchema,
  type ExportStatus,
  ExportStatusSchema
} from './schemas.js'

const RESOURCE = 'contacts'
const BATCH = 1000

interface ContactExportParams {
  from: number
  to: number
  include_comet_tokens: boolean
  include_all_emails: boolean
}

function bodyFlag (value: boolean | number | string | undefined): boolean {
  return value === true || value === 1 || value === '1' || value === 'true'
}

/** Writes every matching contact that existed when the export was asked for, newest first, one per line. */
export async function exportContacts (db: Kysely<Database>, job: ExportJob,
  signal: AbortSignal): Promise<ExportOutput> {
  const params = JSON.parse(job.params) as ContactExportParams
  const gzip = createGzip()
  const chunks: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => { gzip.on('end', resolve).on('error', reject) })
  let rowCount = 0
  let before: number | undefined
  for (;;) {
    signal.throwIfAborted()
    const { rows, hasMore } = await listContactPage(db,
      { partitionId: job.partition_id, from: params.from, to: params.to, conditions: [], maxId: job.max_row_id },
      { limit: BATCH, ...(before !== undefined && { before }) })
    const wire = await contactRows(db, rows, {
      includeCometTokens: params.include_comet_tokens,
      includeAllEmails: params.include_all_emails,
      includeCustomFields: false,
      labels: null
    })
    const lines = wire.map((row, i) => JSON.stringify({
      id: row.id,
      email: row.email,
      name: row.name,
      phone: row.phone,
      location: row.location,
      created_at: laravelTimestamp(rows[i]?.created_at ?? 0),
      ...(row.emails !== undefined && { emails: row.emails }),
      ...(row.comet_tokens !== undefined && { comet_tokens: row.comet_tokens })
    }) + '\n')
    if (lines.length > 0) gzip.write(lines.join(''))
    rowCount += rows.length
    if (!hasMore) break
    before = rows[rows.length - 1]?.id
    // One batch at a time, so that requests are served while a large export runs.
    await yieldToEventLoop()
  }
  gzip.end()
  await ended
  return { file: Buffer.concat(chunks), rowCount }
}

export async function createContactExport (db: Kysely<Database>,
  space: Pick<SpaceState, 'id' | 'partitionId' | 'timeZone'>, now: number,
  body: CreateContactExportBody): Promise<number> {
  const range = readDateRange(body.start_date, body.end_date, space.timeZone)
  const params: ContactExportParams = {
    ...range,
    include_comet_tokens: bodyFlag(body.include_comet_tokens),
    include_all_emails: bodyFlag(body.include_all_emails)
  }
  return await db.transaction().execute(async (trx) => await insertExport(trx, {
    space_id: space.id,
    partition_id: space.partitionId,
    resource: RESOURCE,
    params: JSON.stringify(params),
    max_row_id: await maxContactId(trx, space.partitionId),
    created_at: now
  }))
}

/** The status of a job; a completed one gets a fresh download link that expires 15 minutes from now. */
export async function getContactExport (db: Kysely<Database>, partitionId: number, id: number, now: number,
  timing: ExportTiming, origin: string): Promise<ExportStatus> {
  const job = await findExport(db, partitionId, RESOURCE, id)
  if (job === undefined) throw new NotFoundError(MESSAGES.exportNotFound)
  const seen = visibleStatus(job, now, timing)
  const base = { export_id: job.id, status: seen.status, created_at: laravelTimestamp(job.created_at) }
  if (seen.status === 'failed') return { ...base, message: seen.message }
  if (seen.status !== 'completed') return base
  const token = randomBytes(24).toString('base64url')
  const expiresAt = now + DOWNLOAD_LINK_TTL_MS
  await insertExportLink(db, { token, export_id: job.id, expires_at: expiresAt, created_at: now })
  return {
    ...base,
    download_url: `${origin}${DOWNLOADS_PREFIX}/${token}`,
    completed_at: laravelTimestamp(seen.completedAt),
    expires_at: laravelTimestamp(expiresAt)
  }
}

export default async function contactExportRoutes (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  emulator.exports.register(RESOURCE, exportContacts)
  const typed = app.withTypeProvider<TypeBoxTypeProvider>()
  const timing: ExportTiming = {
    queuedMs: emulator.config.exportQueuedMs,
    processingMs: emulator.config.exportProcessingMs
  }

  typed.post('/contacts/exports', {
    config: { endpoint: 'createContactExport', resource: 'contacts' },
    schema: {
      summary: 'Export contacts',
      tags: ['Contacts'],
      body: CreateContactExportBodySchema,
      response: { 202: ExportQueuedSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request, reply) => {
    const id = await createContactExport(emulator.db, request.space, emulator.clock.now(request.space.id), request.body)
    emulator.exports.enqueue(id)
    return await reply.code(202).send({ export_id: id, status: 'queued' as const })
  })

  typed.get('/contacts/exports/:id', {
    config: { endpoint: 'getContactExport', resource: 'contacts' },
    schema: {
      summary: 'Get a contacts export',
      tags: ['Contacts'],
      params: ExportIdParamsSchema,
      response: { 200: ExportStatusSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => await getContactExport(emulator.db, request.space.partitionId, request.params.id,
    emulator.clock.now(request.space.id), timing, `${request.protocol}://${request.host}`))
}
