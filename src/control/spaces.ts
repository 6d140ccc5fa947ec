// Spaces on demand: create, list, read, change and delete Spaces, add and revoke their keys. Each change
// reloads the in-memory registry, which is what authenticates requests.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { findSlot } from '../wire/custom-fields.js'
import { validationError } from '../wire/validation.js'
import type { ApiKey } from '../db/database.js'
import { retirePartition } from '../db/partitions.js'
import { deleteSpace as deleteSpaceRow, findApiKeyByHash, findSpaceById, insertApiKey, insertSpace, listApiKeys, listSpaces, revokeApiKey, updateSpaceSettings } from '../db/spaces.js'
import { hashApiKey, keyHint } from '../wire/api-keys.js'
import { assertTimeZone } from '../core/spaces/bootstrap.js'
import { conflict, CONTROL_MESSAGES, notFound } from '../wire/control-errors.js'
import { ApiKeyViewSchema, CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema, SpaceSettingsSchema, SpaceViewSchema } from './schemas.js'

export type SpaceSettings = Static<typeof SpaceSettingsSchema>
export type SpaceView = Static<typeof SpaceViewSchema>
export type ApiKeyView = Static<typeof ApiKeyViewSchema>

export const NewKeySchema = Type.Object({
  key: Type.Optional(Type.String({ minLength: 8, maxLength: 255, description: 'The key to use; a random one when absent.' })),
  scopes: Type.Optional(Type.Array(Type.String(), { description: 'Resources the key may use (e.g. contacts); all when absent.' }))
}, { additionalProperties: false })
export type NewKey = Static<typeof NewKeySchema>

export const CreateSpaceBodySchema = Type.Object({
  ...SpaceSettingsSchema.properties,
  api_key: Type.Optional(Type.String({ minLength: 8, maxLength: 255, description: 'The Space\'s first key; a random one when absent.' }))
}, { additionalProperties: false })
export type CreateSpaceBody = Static<typeof CreateSpaceBodySchema>

const CreatedSpaceSchema = Type.Object({ ...SpaceViewSchema.properties, api_key: Type.String({ description: 'The full key; shown only here.' }) })
const CreatedKeySchema = Type.Object({ ...ApiKeyViewSchema.properties, key: Type.String({ description: 'The full key; shown only here.' }) })

const iso = (ms: number): string => new Date(ms).toISOString()

export function generateApiKey (): string {
  return `cem_${randomBytes(18).toString('base64url')}`
}

function keyView (row: ApiKey): ApiKeyView {
  return {
    id: row.id,
    key_hint: row.key_hint,
    scopes: row.scopes === null ? null : JSON.parse(row.scopes) as string[],
    created_at: iso(row.created_at),
    revoked_at: row.revoked_at === null ? null : iso(row.revoked_at)
  }
}

export async function spaceView (app: FastifyInstance, id: number): Promise<SpaceView> {
  const row = await findSpaceById(app.db, id)
  if (row === undefined) throw notFound(CONTROL_MESSAGES.spaceNotFound(id))
  const { n } = await app.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partition_id', '=', row.partition_id).executeTakeFirstOrThrow()
  return {
    id: row.id,
    name: row.name,
    time_zone: row.time_zone,
    subscription_active: row.subscription_active === 1,
    custom_field_labels: JSON.parse(row.custom_field_labels) as Record<string, string>,
    rate_limits: JSON.parse(row.rate_limits) as SpaceView['rate_limits'],
    contacts: Number(n),
    created_at: iso(row.created_at),
    api_keys: (await listApiKeys(app.db, id)).map(keyView)
  }
}

export async function listSpaceViews (app: FastifyInstance): Promise<SpaceView[]> {
  const views: SpaceView[] = []
  for (const row of await listSpaces(app.db)) views.push(await spaceView(app, row.id))
  return views
}

/** Checks what the schema cannot, and turns settings into columns. */
function settingsColumns (settings: SpaceSettings) {
  if (settings.time_zone !== undefined) {
    try {
      assertTimeZone(settings.time_zone)
    } catch {
      throw validationError('time_zone', (a) => `The ${a} field must be a valid timezone.`)
    }
  }
  for (const slot of Object.keys(settings.custom_field_labels ?? {})) {
    if (findSlot(slot) === undefined) throw validationError(`custom_field_labels.${slot}`, (a) => `The ${a} field is prohibited.`)
  }
  return {
    ...(settings.name !== undefined && { name: settings.name }),
    ...(settings.time_zone !== undefined && { time_zone: settings.time_zone }),
    ...(settings.subscription_active !== undefined && { subscription_active: settings.subscription_active ? 1 : 0 }),
    ...(settings.custom_field_labels !== undefined && { custom_field_labels: JSON.stringify(settings.custom_field_labels) }),
    ...(settings.rate_limits !== undefined && { rate_limits: JSON.stringify(settings.rate_limits) })
  }
}

async function assertNameFree (app: FastifyInstance, name: string, exceptId?: number): Promise<void> {
  const taken = await app.db.selectFrom('spaces').select('id').where('name', '=', name).executeTakeFirst()
  if (taken !== undefined && taken.id !== exceptId) throw conflict(CONTROL_MESSAGES.spaceNameTaken(name))
}

async function assertKeyFree (app: FastifyInstance, key: string): Promise<void> {
  if (await findApiKeyByHash(app.db, hashApiKey(key)) !== undefined) throw conflict(CONTROL_MESSAGES.keyTaken)
}

export async function createSpace (app: FastifyInstance, body: CreateSpaceBody = {}): Promise<SpaceView & { api_key: string }> {
  const { api_key: given, ...settings } = body
  const columns = settingsColumns(settings)
  const name = settings.name ?? `space-${randomBytes(6).toString('hex')}`
  await assertNameFree(app, name)
  const key = given ?? generateApiKey()
  await assertKeyFree(app, key)
  const now = app.clock.now()
  const id = await app.db.transaction().execute(async (trx) => {
    const id = await insertSpace(trx, { name, created_at: now })
    await updateSpaceSettings(trx, id, columns)
    await insertApiKey(trx, { space_id: id, key_hash: hashApiKey(key), key_hint: keyHint(key), scopes: null, created_at: now })
    return id
  })
  await app.spaces.reload()
  return { ...await spaceView(app, id), api_key: key }
}

export async function updateSpace (app: FastifyInstance, id: number, settings: SpaceSettings): Promise<SpaceView> {
  await spaceView(app, id)
  const columns = settingsColumns(settings)
  if (settings.name !== undefined) await assertNameFree(app, settings.name, id)
  await updateSpaceSettings(app.db, id, columns)
  await app.spaces.reload()
  return await spaceView(app, id)
}

/** Deletes a Space, its keys and (through the purger) its data; its journal, faults and clock go too. */
export async function deleteSpace (app: FastifyInstance, id: number): Promise<void> {
  const row = await findSpaceById(app.db, id)
  if (row === undefined) throw notFound(CONTROL_MESSAGES.spaceNotFound(id))
  const now = app.clock.now()
  await app.db.transaction().execute(async (trx) => {
    await retirePartition(trx, row.partition_id, now)
    await deleteSpaceRow(trx, id)
  })
  await app.spaces.reload()
  forgetSpace(app, id)
  app.emulator.purger.wake()
}

/** Drops what the emulator holds in memory for a Space. */
export function forgetSpace (app: FastifyInstance, id: number): void {
  const { journal, faults, windows, clock } = app.emulator
  journal.clear(id)
  faults.clear(id)
  windows.clear(id)
  clock.reset(id)
}

export async function addKey (app: FastifyInstance, spaceId: number, body: NewKey = {}): Promise<ApiKeyView & { key: string }> {
  await spaceView(app, spaceId)
  const key = body.key ?? generateApiKey()
  await assertKeyFree(app, key)
  const id = await insertApiKey(app.db, {
    space_id: spaceId,
    key_hash: hashApiKey(key),
    key_hint: keyHint(key),
    scopes: body.scopes === undefined ? null : JSON.stringify(body.scopes),
    created_at: app.clock.now()
  })
  await app.spaces.reload()
  const row = (await listApiKeys(app.db, spaceId)).find((k) => k.id === id) as ApiKey
  return { ...keyView(row), key }
}

export async function revokeKey (app: FastifyInstance, spaceId: number, keyId: number): Promise<void> {
  await spaceView(app, spaceId)
  if (!await revokeApiKey(app.db, spaceId, keyId, app.clock.now())) throw notFound(CONTROL_MESSAGES.keyNotFound(keyId))
  await app.spaces.reload()
}

const tags = ['Spaces']

export default async function spacesRoutes (app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post('/spaces', {
    schema: { summary: 'Create a Space (with a fresh API key)', tags, body: CreateSpaceBodySchema, response: { 201: CreatedSpaceSchema, 409: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request, reply) => await reply.code(201).send(await createSpace(app, request.body)))

  r.get('/spaces', {
    schema: { summary: 'List Spaces', tags, response: { 200: Type.Object({ data: Type.Array(SpaceViewSchema) }), ...CONTROL_ERRORS } }
  }, async () => ({ data: await listSpaceViews(app) }))

  r.get('/spaces/:spaceId', {
    schema: { summary: 'Read a Space', tags, params: SpaceIdParamsSchema, response: { 200: SpaceViewSchema, 404: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request) => await spaceView(app, request.params.spaceId))

  r.patch('/spaces/:spaceId', {
    schema: { summary: 'Change a Space\'s settings', tags, params: SpaceIdParamsSchema, body: SpaceSettingsSchema, response: { 200: SpaceViewSchema, 404: ErrorSchema, 409: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request) => await updateSpace(app, request.params.spaceId, request.body))

  r.delete('/spaces/:spaceId', {
    schema: { summary: 'Delete a Space, its keys and its data', tags, params: SpaceIdParamsSchema, response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request, reply) => {
    await deleteSpace(app, request.params.spaceId)
    return await reply.code(204).send(null)
  })

  r.post('/spaces/:spaceId/keys', {
    schema: { summary: 'Add an API key to a Space', tags, params: SpaceIdParamsSchema, body: NewKeySchema, response: { 201: CreatedKeySchema, 404: ErrorSchema, 409: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request, reply) => await reply.code(201).send(await addKey(app, request.params.spaceId, request.body)))

  r.delete('/spaces/:spaceId/keys/:keyId', {
    schema: {
      summary: 'Revoke an API key',
      tags,
      params: Type.Object({ spaceId: Type.Integer({ minimum: 1 }), keyId: Type.Integer({ minimum: 1 }) }),
      response: { 204: Type.Null(), 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    await revokeKey(app, request.params.spaceId, request.params.keyId)
    return await reply.code(204).send(null)
  })
}
