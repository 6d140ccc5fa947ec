// @ts-nocheck
// Named snapshots of the whole database, and their restore.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CONTROL_MESSAGES, notFound } from '../wire/control-errors.js'
import { CONTROL_ERRORS, ErrorSchema } from './schemas.js'
import { SNAPSHOT_NAME } from '../core/snapshots.js'
import type { ControlOptions } from './options.js'

const NameSchema = Type.String({
  pattern: SNAPSHOT_NAME,
  description: 'Letters, digits, dot, dash and underscore; at most 64.'
})
const SnapshotInfoSchema = Type.Object({ name: Type.String(), bytes: Type.Integer(), created_at: Type.String() })
const NameParamsSchema = Type.Object({ name: NameSchema })
const tags = ['Snapshots']

export default async function snapshotRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { snapshots } = emulator

  r.post('/snapshots', {
    schema: {
      summary: 'Snapshot the whole database under a name (SQLite\'s backup API); replaces one of that name',
      tags,
      body: Type.Object({ name: NameSchema }, { additionalProperties: false }),
      response: { 201: SnapshotInfoSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => await reply.code(201).send(await emulator.snapshot(request.body.name)))

  r.get('/snapshots', {
    schema: {
      summary: 'List snapshots',
      tags,
      response: { 200: Type.Object({ data: Type.Array(SnapshotInfoSchema) }), ...CONTROL_ERRORS }
    }
  }, async () => ({ data: snapshots.list() }))

  r.post('/snapshots/:name/restore', {
    schema: {
      summary: 'Restore a snapshot: every table at once, in one transaction',
      tags,
      params: NameParamsSchema,
      response: { 200: Type.Object({ restored: Type.String() }), 404: ErrorSchema, 409: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    await emulator.restore(request.params.name)
    return { restored: request.params.name }
  })

  r.delete('/snapshots/:name', {
    schema: {
      summary: 'Delete a snapshot',
      tags,
      params: NameParamsSchema,
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    if (!snapshots.delete(request.params.name)) throw notFound(CONTROL_MESSAGES.snapshotNotFound(request.params.name))
    return await reply.code(204).send(null)
  })
}
