// Seeding: JSON contacts (with all their collections and activity) or N fake ones from a seed number, export
// and import of a whole Space, and the seed file or folder of the configuration, applied at start.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { Kysely } from 'kysely'
import { type Static, Type } from 'typebox'
import type { Database } from '../../db/database.js'
import { findSpaceByName } from '../../db/spaces.js'
import { isNumericString, parseSlotDate } from '../../wire/custom-fields.js'
import { FORMATS, validationError } from '../../wire/validation.js'
import type { Clock } from '../clock.js'
import { ConfigError } from '../config.js'
import type { Log } from '../log.js'
import { SpaceSettingsSchema } from '../spaces/schemas.js'
import type { SpaceService } from '../spaces/service.js'
import { fakeContacts } from './fake.js'
import {
  insertSeedContacts,
  readSeedContacts,
  SeedContactSchema,
  SeedTimeError,
  type SpaceSeed,
  SpaceSeedSchema
} from './seed.js'

export const SpaceExportSchema = Type.Object({
  space: Type.Optional(SpaceSettingsSchema),
  contacts: Type.Array(SeedContactSchema)
}, { additionalProperties: false })
export type SpaceExport = Static<typeof SpaceExportSchema>

/** A Space of a start-up seed file: its settings and keys, and what to put in it. */
const StartSpaceSchema = Type.Object({
  ...SpaceSettingsSchema.properties,
  name: Type.String({ minLength: 1, maxLength: 255 }),
  api_keys: Type.Optional(Type.Array(Type.String({ minLength: 8 }))),
  ...SpaceSeedSchema.properties
}, { additionalProperties: false })
const SeedFileSchema = Type.Union([
  Type.Object({ spaces: Type.Array(StartSpaceSchema) }, { additionalProperties: false }),
  Type.Array(StartSpaceSchema),
  StartSpaceSchema
])
type StartSpace = Static<typeof StartSpaceSchema>

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
function seedFileValidator () {
  const ajv = new Ajv({ allErrors: false, strict: false })
  addFormats(ajv, ['email'])
  ajv.addFormat(FORMATS.numeric, { type: 'string', validate: isNumericString })
  ajv.addFormat(FORMATS.date, { type: 'string', validate: (s: string) => parseSlotDate(s) !== null })
  return ajv.compile(SeedFileSchema)
}

/** The configured seed: inline JSON (starting with `[` or `{`, as COMETLY_EMULATOR_SPACES takes it), a JSON
 * file, or a folder of them. Anything unreadable or invalid is a ConfigError: one line that names the source. */
function readSeeds (value: string): Array<{ file: string, spaces: StartSpace[] }> {
  const trimmed = value.trim()
  const inline = trimmed.startsWith('[') || trimmed.startsWith('{')
  let sources: Array<{ file: string, text: () => string }>
  if (inline) {
    sources = [{ file: 'inline JSON', text: () => trimmed }]
  } else {
    const read = (file: string) => () => {
      try {
        return readFileSync(file, 'utf8')
      } catch (error) {
        throw new ConfigError(`seed ${file}: cannot read it: ${(error as Error).message}`)
      }
    }
    let files: string[]
    try {
      files = statSync(trimmed).isDirectory()
        ? readdirSync(trimmed).filter((f) => f.endsWith('.json')).sort().map((f) => join(trimmed, f))
        : [trimmed]
    } catch (error) {
      throw new ConfigError(`seed ${trimmed}: cannot read it: ${(error as Error).message}`)
    }
    sources = files.map((file) => ({ file, text: read(file) }))
  }
  const validate = seedFileValidator()
  return sources.map(({ file, text }) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text())
    } catch (error) {
      if (error instanceof ConfigError) throw error
      throw new ConfigError(`seed ${file}: not valid JSON: ${(error as Error).message}`)
    }
    if (!validate(parsed)) {
      const detail = validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ') ?? 'invalid'
      throw new ConfigError(`seed ${file}: ${detail}`)
    }
    const content = parsed as Static<typeof SeedFileSchema>
    return { file, spaces: Array.isArray(content) ? content : 'spaces' in content ? content.spaces : [content] }
  })
}

export interface SeedServiceDeps {
  db: Kysely<Database>
  clock: Clock
  spaces: SpaceService
  log: Log
}

export class SeedService {
  readonly #deps: SeedServiceDeps

  constructor (deps: SeedServiceDeps) {
    this.#deps = deps
  }

  /** Writes the seed's contacts (then its generated ones) into the Space's partition, in one transaction. */
  async seed (spaceId: number, seed: SpaceSeed): Promise<number> {
    const { db, clock, spaces } = this.#deps
    const space = spaces.require(spaceId)
    const now = clock.now(spaceId)
    const generated = seed.generate === undefined ? [] : fakeContacts(seed.generate.count, seed.generate.seed ?? 1, now)
    const contacts = [...(seed.contacts ?? []), ...generated]
    try {
      return await db.transaction()
        .execute(async (trx) => await insertSeedContacts(trx, space.partitionId, contacts, now))
    } catch (error) {
      if (error instanceof SeedTimeError) {
        throw validationError('contacts',
          (a) => `The ${a} field has a bad date: ${error.message}.`)
      }
      throw error
    }
  }

  async exportSpace (spaceId: number): Promise<SpaceExport> {
    const view = await this.#deps.spaces.view(spaceId)
    const space = this.#deps.spaces.require(spaceId)
    return {
      space: {
        name: view.name,
        time_zone: view.time_zone,
        subscription_active: view.subscription_active,
        custom_field_labels: view.custom_field_labels,
        rate_limits: view.rate_limits
      },
      contacts: await readSeedContacts(this.#deps.db, space.partitionId)
    }
  }

  /** Replaces a Space's data (and settings, but not its name or keys) with an export. */
  async importSpace (spaceId: number, data: SpaceExport): Promise<number> {
    const { spaces } = this.#deps
    await spaces.reset(spaceId)
    if (data.space !== undefined) {
      const { name: _name, ...settings } = data.space
      await spaces.update(spaceId, settings)
    }
    return await this.seed(spaceId, { contacts: data.contacts })
  }

  /**
   * The configured seed (inline JSON, a file or a folder), at start: each Space named in it is created if missing
   * and seeded if its partition is empty, so that restarting on a file database does not seed it twice.
   */
  async seedAtStart (seed: string): Promise<void> {
    if (seed.trim() === '') return
    const { db, spaces, log } = this.#deps
    for (const { file, spaces: declared } of readSeeds(seed)) {
      for (const space of declared) {
        const { contacts, generate, api_keys: keys = [], ...settings } = space
        let id = (await findSpaceByName(db, space.name))?.id
        if (id === undefined) {
          id = (await spaces.create({ ...settings, ...(keys[0] !== undefined && { api_key: keys[0] }) })).id
          for (const key of keys.slice(1)) await spaces.addKey(id, { key })
        }
        if ((await spaces.view(id)).contacts > 0) continue
        const written = await this.seed(id, {
          ...(contacts !== undefined && { contacts }),
          ...(generate !== undefined && { generate })
        })
        log.info({ file, space: space.name, contacts: written }, 'seeded')
      }
    }
  }
}
