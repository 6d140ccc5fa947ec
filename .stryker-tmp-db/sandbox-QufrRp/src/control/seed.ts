// @ts-nocheck
// Seeding over HTTP: contacts from JSON or a seed number, and a whole Space's export and import.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SpaceSeedSchema } from '../core/seed/seed.js'
import { SpaceExportSchema } from '../core/seed/service.js'
import { SpaceSettingsSchema } from '../core/spaces/schemas.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

// The response's contacts are not re-described: the serializer needs no custom formats, the request schema
// (SeedContactSchema) documents the shape.
const SpaceExportResponseSchema = Type.Object({
  space: Type.Optional(SpaceSettingsSchema),
  contacts: Type.Array(Type.Record(Type.String(), Type.Unknown()),
    { description: 'Contacts in the seed format (see the seed route).' })
})
const SeededSchema = Type.Object({ contacts: Type.Integer({ description: 'Contacts written.' }) })
const tags = ['State']

export default async function seedRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { seeds } = emulator

  r.post('/spaces/:spaceId/seed', {
    schema: {
      summary: 'Add contacts to a Space: given ones (with comet tokens, events, browsing hits) ' +
        'and/or N fake ones from a seed',
      tags,
      params: SpaceIdParamsSchema,
      body: SpaceSeedSchema,
      response: { 201: SeededSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request,
    reply) => await reply.code(201).send({ contacts: await seeds.seed(request.params.spaceId, request.body) }))

  r.get('/spaces/:spaceId/export', {
    schema: {
      summary: 'Export a Space (settings and every contact) as seed JSON',
      tags,
      params: SpaceIdParamsSchema,
      response: { 200: SpaceExportResponseSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => await seeds.exportSpace(request.params.spaceId))

  r.post('/spaces/:spaceId/import', {
    schema: {
      summary: 'Replace a Space\'s data and settings with an export (its name and keys stay)',
      tags,
      params: SpaceIdParamsSchema,
      body: SpaceExportSchema,
      response: { 200: SeededSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => ({ contacts: await seeds.importSpace(request.params.spaceId, request.body) }))
}
