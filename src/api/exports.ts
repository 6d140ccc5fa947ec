// Exports of every resource (contacts, companies, events) on one machinery: the create route (202), the
// status route with its one shape (Decision D30), and the job the core's runner works off the request path.
// A resource only says how its body becomes the job's parameters and where its records come from.
import { randomBytes } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { type Static, type TSchema, Type } from 'typebox'
import type { EmulatorCore } from '../core/emulator.js'
import type { ExportSource } from '../core/exports/runner.js'
import { DOWNLOAD_LINK_TTL_MS, type ExportTiming, visibleStatus } from '../core/exports/status.js'
import type { SpaceState } from '../core/spaces/registry.js'
import type { Database } from '../db/database.js'
import { findExport, insertExport, insertExportLink } from '../db/exports.js'
import { MESSAGES, NotFoundError } from '../wire/errors.js'
import { readPathId } from '../wire/path-ids.js'
import type { Endpoint } from '../wire/rate-limits.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../wire/schemas.js'
import { wireTimestamp } from '../wire/time-zone.js'
import { DOWNLOADS_PREFIX } from './downloads.js'

export const ExportQueuedSchema = Type.Object({
  export_id: Type.Integer(),
  status: Type.Literal('queued')
})

export const ExportIdParamsSchema = Type.Object({ id: Type.String() })

/** Decision D30: `message` exactly while queued, processing or failed; the link's three keys when completed. */
export const ExportStatusSchema = Type.Object({
  export_id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('processing'), Type.Literal('completed'),
    Type.Literal('failed')]),
  created_at: Type.String(),
  message: Type.Optional(Type.String()),
  completed_at: Type.Optional(Type.String()),
  download_url: Type.Optional(Type.String()),
  expires_at: Type.Optional(Type.String())
})
export type ExportStatus = Static<typeof ExportStatusSchema>

/** What the export job of a request holds. */
export interface ExportPlan {
  params: object
  /** The highest row id the export may hold: it holds what existed when it was requested (Decision D29). */
  maxRowId: number
}

export interface ExportKind<Body extends TSchema> {
  /** The URL segment, the key scope, the job's resource and the file's name. */
  resource: 'contacts' | 'companies' | 'events'
  tag: string
  createEndpoint: Endpoint
  statusEndpoint: Endpoint
  body: Body
  plan: (db: Kysely<Database>, space: SpaceState, body: Static<Body>) => Promise<ExportPlan>
  source: ExportSource
}

/** A job's status; a completed one gets a fresh download link that expires 15 minutes from now (Decision D31). */
export async function exportStatus (db: Kysely<Database>, partitionId: number, resource: string, id: number | undefined,
  now: number, timing: ExportTiming, origin: string): Promise<ExportStatus> {
  const job = id === undefined ? undefined : await findExport(db, partitionId, resource, id)
  if (job === undefined) throw new NotFoundError(MESSAGES.exportNotFound)
  const seen = visibleStatus(job, now, timing)
  const base = { export_id: job.id, status: seen.status, created_at: wireTimestamp(job.created_at) }
  if (seen.status === 'failed') return { ...base, message: seen.message }
  if (seen.status !== 'completed') return { ...base, message: MESSAGES.exportInProgress }
  const token = randomBytes(24).toString('base64url')
  const expiresAt = now + DOWNLOAD_LINK_TTL_MS
  await insertExportLink(db, { token, export_id: job.id, expires_at: expiresAt, created_at: now })
  return {
    ...base,
    completed_at: wireTimestamp(seen.completedAt),
    download_url: `${origin}${DOWNLOADS_PREFIX}/${token}`,
    expires_at: wireTimestamp(expiresAt)
  }
}

/** Registers `POST /{resource}/exports` and `GET /{resource}/exports/{id}` for one kind of export. */
export function exportRoutes<Body extends TSchema> (app: FastifyInstance, emulator: EmulatorCore,
  kind: ExportKind<Body>): void {
  const { resource, tag } = kind
  emulator.exports.register(resource, kind.source)
  const typed = app.withTypeProvider<TypeBoxTypeProvider>()
  const timing: ExportTiming = {
    queuedMs: emulator.config.exportQueuedMs,
    processingMs: emulator.config.exportProcessingMs
  }

  typed.post(`/${resource}/exports`, {
    config: { endpoint: kind.createEndpoint, resource },
    schema: {
      summary: `Export ${resource}`,
      tags: [tag],
      body: kind.body,
      response: { 202: ExportQueuedSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request, reply) => {
    const { space } = request
    const { db } = emulator
    const now = emulator.clock.now(space.id)
    // The plan's reads and the job's insert in one transaction: the row bound is the one the job records.
    const id = await db.transaction().execute(async (trx) => {
      const { params, maxRowId } = await kind.plan(trx, space, request.body as Static<Body>)
      return await insertExport(trx, {
        space_id: space.id,
        partition_id: space.partitionId,
        resource,
        params: JSON.stringify(params),
        max_row_id: maxRowId,
        created_at: now
      })
    })
    emulator.exports.enqueue(id)
    return await reply.code(202).send({ export_id: id, status: 'queued' as const })
  })

  typed.get(`/${resource}/exports/:id`, {
    config: { endpoint: kind.statusEndpoint, resource },
    schema: {
      summary: `Get a ${resource} export`,
      tags: [tag],
      params: ExportIdParamsSchema,
      response: { 200: ExportStatusSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    const id = readPathId(request.params.id, MESSAGES.invalidExportId)
    return await exportStatus(emulator.db, request.space.partitionId, resource, id,
      emulator.clock.now(request.space.id), timing, `${request.protocol}://${request.host}`)
  })
}
