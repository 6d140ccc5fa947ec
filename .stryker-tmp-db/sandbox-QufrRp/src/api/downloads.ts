// @ts-nocheck
// GET /downloads/{token}: the files of finished exports. Outside /public-api/v1 and /_emulator: like a
// presigned link it needs no API key (the unguessable token is the credential), and it keeps working when
// the control plane is switched off or protected. The gzip bytes are served as they are (application/gzip,
// no Content-Encoding), as a presigned object store link would.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, MESSAGES, NotFoundError } from '../wire/errors.js'
import { ErrorBodySchema } from '../wire/schemas.js'
import { findExportDownload } from '../db/exports.js'
import type { ApiOptions } from './options.js'

export const DOWNLOADS_PREFIX = '/downloads'

export default async function downloads (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/:token', {
    schema: {
      summary: 'Download an export file',
      tags: ['Exports'],
      params: Type.Object({ token: Type.String() }),
      response: {
        200: Type.Unsafe({
          type: 'string',
          format: 'binary',
          contentMediaType: 'application/gzip',
          description: 'Gzipped NDJSON.'
        }),
        404: ErrorBodySchema,
        410: ErrorBodySchema
      }
    }
  }, async (request, reply) => {
    const found = await findExportDownload(emulator.db, request.params.token)
    if (found?.file === undefined || found.file === null) throw new NotFoundError(MESSAGES.downloadNotFound)
    if (emulator.clock.now(found.spaceId) >= found.link.expires_at) throw new ApiError(410, MESSAGES.downloadExpired)
    return await reply
      .header('content-type', 'application/gzip')
      .header('content-disposition',
        `attachment; filename="${found.resource}-export-${found.link.export_id}.ndjson.gz"`)
      .header('cache-control', 'private, no-store')
      .send(found.file)
  })
}
