// @ts-nocheck
// Spaces over HTTP: create, list, read, change and delete Spaces, add and revoke their keys.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CreatedKeySchema, CreatedSpaceSchema, CreateSpaceBodySchema, NewKeySchema, SpaceSettingsSchema, SpaceViewSchema
} from '../core/spaces/schemas.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS, ControlId, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'

const tags = ['Spaces']

export default async function spacesRoutes (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { spaces } = emulator

  r.post('/spaces', {
    schema: {
      summary: 'Create a Space (with a fresh API key)',
      tags,
      body: CreateSpaceBodySchema,
      response: { 201: CreatedSpaceSchema, 409: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => await reply.code(201).send(await spaces.create(request.body)))

  r.get('/spaces', {
    schema: {
      summary: 'List Spaces',
      tags,
      response: { 200: Type.Object({ data: Type.Array(SpaceViewSchema) }), ...CONTROL_ERRORS }
    }
  }, async () => ({ data: await spaces.list() }))

  r.get('/spaces/:spaceId', {
    schema: {
      summary: 'Read a Space',
      tags,
      params: SpaceIdParamsSchema,
      response: { 200: SpaceViewSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => await spaces.view(request.params.spaceId))

  r.patch('/spaces/:spaceId', {
    schema: {
      summary: 'Change a Space\'s settings',
      tags,
      params: SpaceIdParamsSchema,
      body: SpaceSettingsSchema,
      response: { 200: SpaceViewSchema, 404: ErrorSchema, 409: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => await spaces.update(request.params.spaceId, request.body))

  r.delete('/spaces/:spaceId', {
    schema: {
      summary: 'Delete a Space, its keys and its data',
      tags,
      params: SpaceIdParamsSchema,
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    await spaces.delete(request.params.spaceId)
    return await reply.code(204).send(null)
  })

  r.post('/spaces/:spaceId/keys', {
    schema: {
      summary: 'Add an API key to a Space',
      tags,
      params: SpaceIdParamsSchema,
      body: NewKeySchema,
      response: { 201: CreatedKeySchema, 404: ErrorSchema, 409: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => await reply.code(201).send(await spaces.addKey(request.params.spaceId, request.body)))

  r.delete('/spaces/:spaceId/keys/:keyId', {
    schema: {
      summary: 'Revoke an API key',
      tags,
      params: Type.Object({ spaceId: ControlId('Space'), keyId: ControlId('API key') }),
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    await spaces.revokeKey(request.params.spaceId, request.params.keyId)
    return await reply.code(204).send(null)
  })
}
