// @ts-nocheck
// The request journal over HTTP: list a Space's requests with filters, count those matching a subset of
// method, path, query and body (what a test asserts its code sent), and clear.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import type { JournalEntry } from '../core/journal.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ID_MAX, JOURNAL_LIMIT_MAX, STATUS_MAX } from '../wire/bounds.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

const StatusSchema = Type.Integer({ minimum: 0, maximum: STATUS_MAX, description: '0 for a dropped connection.' })

export const JournalEntrySchema = Type.Object({
  id: Type.Integer(),
  space_id: Type.Union([Type.Integer(), Type.Null()]),
  time: Type.String(),
  method: Type.String(),
  path: Type.String(),
  route: Type.Union([Type.String(), Type.Null()]),
  query: Type.Record(Type.String(), Type.Unknown()),
  headers: Type.Record(Type.String(), Type.String()),
  body: Type.Unknown(),
  status: Type.Integer({ description: '0 when a fault dropped the connection.' }),
  response_body: Type.Unknown(),
  duration_ms: Type.Number(),
  rate_limit: Type.Union([Type.Object({ limit: Type.Integer(), remaining: Type.Integer() }), Type.Null()]),
  fault: Type.Union([Type.String(), Type.Null()])
})

export const JournalQuerySchema = Type.Object({
  method: Type.Optional(Type.String()),
  path: Type.Optional(Type.String()),
  route: Type.Optional(Type.String()),
  status: Type.Optional(StatusSchema),
  since_id: Type.Optional(Type.Integer({ minimum: 0, maximum: CONTROL_ID_MAX })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: JOURNAL_LIMIT_MAX, description: 'The newest N.' }))
}, { additionalProperties: false })

export const JournalMatchSchema = Type.Object({
  method: Type.Optional(Type.String()),
  path: Type.Optional(Type.String()),
  route: Type.Optional(Type.String()),
  status: Type.Optional(StatusSchema),
  query: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Every key given must match.' })),
  body: Type.Optional(Type.Unknown({ description: 'A subset of the body: objects key by key, arrays item by item.' }))
}, { additionalProperties: false })
export type JournalMatchBody = Static<typeof JournalMatchSchema>

const EntriesSchema = Type.Object({
  data: Type.Array(JournalEntrySchema),
  enabled: Type.Boolean(),
  capacity: Type.Integer()
})
const tags = ['Journal']

export default async function journalRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { journal, spaces } = emulator
  const list = (entries: JournalEntry[]) => ({ data: entries, enabled: journal.enabled, capacity: journal.capacity })

  r.get('/requests', {
    schema: {
      summary: 'Journal of every Space (and of unauthenticated requests), oldest first',
      tags,
      querystring: JournalQuerySchema,
      response: { 200: EntriesSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => list(journal.query(undefined, request.query)))

  r.delete('/requests', {
    schema: { summary: 'Clear every journal', tags, response: { 204: Type.Null(), ...CONTROL_ERRORS } }
  }, async (request, reply) => {
    journal.clear()
    return await reply.code(204).send(null)
  })

  r.get('/spaces/:spaceId/requests', {
    schema: {
      summary: 'A Space\'s journal, oldest first',
      tags,
      params: SpaceIdParamsSchema,
      querystring: JournalQuerySchema,
      response: { 200: EntriesSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    spaces.require(request.params.spaceId)
    return list(journal.query(request.params.spaceId, request.query))
  })

  r.post('/spaces/:spaceId/requests/count', {
    schema: {
      summary: 'How many of a Space\'s journaled requests match a method/path/query/body subset',
      tags,
      params: SpaceIdParamsSchema,
      body: JournalMatchSchema,
      response: { 200: Type.Object({ count: Type.Integer() }), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    spaces.require(request.params.spaceId)
    return { count: journal.count(request.params.spaceId, request.body) }
  })

  r.delete('/spaces/:spaceId/requests', {
    schema: {
      summary: 'Clear a Space\'s journal',
      tags,
      params: SpaceIdParamsSchema,
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    spaces.require(request.params.spaceId)
    journal.clear(request.params.spaceId)
    return await reply.code(204).send(null)
  })
}
