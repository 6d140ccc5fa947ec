// Seeding: JSON contacts (with all their collections and activity) or N fake ones from a seed number,
// export and import of a whole Space, and the seed file or folder of the configuration, applied at start.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { isNumericString, parseSlotDate } from '../wire/custom-fields.js'
import { FORMATS, validationError } from '../wire/validation.js'
import { findSpaceByName } from '../db/spaces.js'
import { fakeContacts } from '../core/seed/fake.js'
import { insertSeedContacts, readSeedContacts, SeedContactSchema, SeedTimeError, type SpaceSeed, SpaceSeedSchema } from '../core/seed/seed.js'
import { addKey, createSpace, spaceView, updateSpace } from './spaces.js'
import { resetSpace } from './reset.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema, SpaceSettingsSchema } from './schemas.js'

export const SpaceExportSchema = Type.Object({
  space: Type.Optional(SpaceSettingsSchema),
  contacts: Type.Array(SeedContactSchema)
}, { additionalProperties: false })
export type SpaceExport = Static<typeof SpaceExportSchema>
// The response's contacts are not re-described: the serializer needs no custom formats, the request schema
// (SeedContactSchema) documents the shape.
const SpaceExportResponseSchema = Type.Object({
  space: Type.Optional(SpaceSettingsSchema),
  contacts: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Contacts in the seed format (see the seed route).' })
})

/** A Space of a start-up seed file: its settings and keys, and what to put in it. */
const StartSpaceSchema = Type.Object({
  ...SpaceSettingsSchema.properties,
  name: Type.String({ minLength: 1, maxLength: 255 }),
  api_keys: Type.Optional(Type.Array(Type.String({ minLength: 8 }))),
  ...SpaceSeedSchema.properties
}, { additionalProperties: false })
const SeedFileSchema = Type.Union([Type.Object({ spaces: Type.Array(StartSpaceSchema) }, { additionalProperties: false }), Type.Array(StartSpaceSchema), StartSpaceSchema])
type StartSpace = Static<typeof StartSpaceSchema>

const SeededSchema = Type.Object({ contacts: Type.Integer({ description: 'Contacts written.' }) })

/** Writes the seed's contacts (then its generated ones) into the Space's partition, in one transaction. */
export async function seedSpace (app: FastifyInstance, spaceId: number, seed: SpaceSeed): Promise<number> {
  await spaceView(app, spaceId)
  const space = app.spaces.space(spaceId)
  if (space === undefined) return 0
  const now = app.clock.now(spaceId)
  const contacts = [...(seed.contacts ?? []), ...(seed.generate === undefined ? [] : fakeContacts(seed.generate.count, seed.generate.seed ?? 1, now))]
  try {
    return await app.db.transaction().execute(async (trx) => await insertSeedContacts(trx, space.partitionId, contacts, now))
  } catch (error) {
    if (error instanceof SeedTimeError) throw validationError('contacts', (a) => `The ${a} field has a bad date: ${error.message}.`)
    throw error
  }
}

export async function exportSpace (app: FastifyInstance, spaceId: number): Promise<SpaceExport> {
  const view = await spaceView(app, spaceId)
  const space = app.spaces.space(spaceId)
  return {
    space: {
      name: view.name,
      time_zone: view.time_zone,
      subscription_active: view.subscription_active,
      custom_field_labels: view.custom_field_labels,
      rate_limits: view.rate_limits
    },
    contacts: space === undefined ? [] : await readSeedContacts(app.db, space.partitionId)
  }
}

/** Replaces a Space's data (and settings, but not its name or keys) with an export. */
export async function importSpace (app: FastifyInstance, spaceId: number, data: SpaceExport): Promise<number> {
  await resetSpace(app, spaceId)
  if (data.space !== undefined) {
    const { name: _name, ...settings } = data.space
    await updateSpace(app, spaceId, settings)
  }
  return await seedSpace(app, spaceId, { contacts: data.contacts })
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
function seedFileValidator () {
  const ajv = new Ajv({ allErrors: false, strict: false })
  addFormats(ajv, ['email'])
  ajv.addFormat(FORMATS.numeric, { type: 'string', validate: isNumericString })
  ajv.addFormat(FORMATS.date, { type: 'string', validate: (s: string) => parseSlotDate(s) !== null })
  return ajv.compile(SeedFileSchema)
}

function readSeedFiles (path: string): Array<{ file: string, spaces: StartSpace[] }> {
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f))
    : [path]
  const validate = seedFileValidator()
  return files.map((file) => {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (!validate(parsed)) throw new Error(`seed ${file}: ${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ') ?? 'invalid'}`)
    const content = parsed as Static<typeof SeedFileSchema>
    return { file, spaces: Array.isArray(content) ? content : 'spaces' in content ? content.spaces : [content] }
  })
}

/**
 * The configured seed, at start: each Space named in it is created if missing and seeded if its partition
 * is empty, so that restarting on a file database does not seed it twice.
 */
export async function seedAtStart (app: FastifyInstance): Promise<void> {
  if (app.config.seed === '') return
  for (const { file, spaces } of readSeedFiles(app.config.seed)) {
    for (const declared of spaces) {
      const { contacts, generate, api_keys: keys = [], ...settings } = declared
      let id = (await findSpaceByName(app.db, declared.name))?.id
      if (id === undefined) {
        id = (await createSpace(app, { ...settings, ...(keys[0] !== undefined && { api_key: keys[0] }) })).id
        for (const key of keys.slice(1)) await addKey(app, id, { key })
      }
      if ((await spaceView(app, id)).contacts > 0) continue
      const written = await seedSpace(app, id, { ...(contacts !== undefined && { contacts }), ...(generate !== undefined && { generate }) })
      app.log.info({ file, space: declared.name, contacts: written }, 'seeded')
    }
  }
}

const tags = ['State']

export default async function seedRoutes (app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.post('/spaces/:spaceId/seed', {
    schema: { summary: 'Add contacts to a Space: given ones (with comet tokens, events, browsing hits) and/or N fake ones from a seed', tags, params: SpaceIdParamsSchema, body: SpaceSeedSchema, response: { 201: SeededSchema, 404: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request, reply) => await reply.code(201).send({ contacts: await seedSpace(app, request.params.spaceId, request.body) }))

  r.get('/spaces/:spaceId/export', {
    schema: { summary: 'Export a Space (settings and every contact) as seed JSON', tags, params: SpaceIdParamsSchema, response: { 200: SpaceExportResponseSchema, 404: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request) => await exportSpace(app, request.params.spaceId))

  r.post('/spaces/:spaceId/import', {
    schema: { summary: 'Replace a Space\'s data and settings with an export (its name and keys stay)', tags, params: SpaceIdParamsSchema, body: SpaceExportSchema, response: { 200: SeededSchema, 404: ErrorSchema, ...CONTROL_ERRORS } }
  }, async (request) => ({ contacts: await importSpace(app, request.params.spaceId, request.body) }))
}
