// Seeding: JSON contacts (with all their collections and activity) or N fake ones from a seed number, export
// and import of a whole Space, and the seed file or folder of the configuration, applied at start.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { type Static, Type } from 'typebox'
import type { Database } from '../../db/database.js'
import { findSpaceByName, isPartitionEmpty } from '../../db/spaces.js'
import { compileJsonSchema, validationError } from '../../wire/validation.js'
import type { Clock } from '../clock.js'
import { ConfigError } from '../config.js'
import type { Log } from '../log.js'
import { SpaceSettingsSchema } from '../spaces/schemas.js'
import type { SpaceService } from '../spaces/service.js'
import { fakeContacts } from './fake.js'
import {
  checkSeedTimes,
  insertSeedCompanies,
  insertSeedContacts,
  readSeedCompanies,
  readSeedContacts,
  SeedCompanySchema,
  SeedConflictError,
  SeedContactSchema,
  type SpaceSeed,
  SpaceSeedSchema
} from './seed.js'

export const SpaceExportSchema = Type.Object({
  space: Type.Optional(SpaceSettingsSchema),
  companies: Type.Optional(Type.Array(SeedCompanySchema)),
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

function seedFileValidator () {
  return compileJsonSchema(SeedFileSchema)
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

  /**
   * Writes the seed's companies, then its contacts, then its generated ones into the Space's partition, in one
   * transaction. Answers the number of contacts written.
   */
  async seed (spaceId: number, seed: SpaceSeed): Promise<number> {
    const { db, clock, spaces } = this.#deps
    const space = spaces.require(spaceId)
    checkSeedTimes(seed.contacts ?? [], seed.companies ?? [])
    const now = clock.now(spaceId)
    const generated = seed.generate === undefined ? [] : fakeContacts(seed.generate.count, seed.generate.seed ?? 1, now)
    const contacts = [...(seed.contacts ?? []), ...generated]
    try {
      return await db.transaction().execute(async (trx) => {
        await insertSeedCompanies(trx, space.partitionId, seed.companies ?? [], now)
        return await insertSeedContacts(trx, space, contacts, now)
      })
    } catch (error) {
      if (error instanceof SeedConflictError) {
        throw validationError('companies', (a) => `The ${a} field is invalid: ${error.message}.`)
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
        custom_event_labels: view.custom_event_labels,
        rate_limits: view.rate_limits
      },
      companies: await readSeedCompanies(this.#deps.db, space.partitionId),
      contacts: await readSeedContacts(this.#deps.db, space.partitionId)
    }
  }

  /**
   * Replaces a Space's data (and settings, but not its name or keys) with an export, all at once: the contacts
   * go into a new partition in the same transaction that swaps it in, so a failed import changes nothing.
   */
  async importSpace (spaceId: number, data: SpaceExport): Promise<number> {
    const { spaces, clock } = this.#deps
    const space = spaces.require(spaceId)
    const { companies = [], contacts } = data
    checkSeedTimes(contacts, companies)
    const { name: _name, ...settings } = data.space ?? {}
    const now = clock.now(spaceId)
    const timeZone = settings.time_zone ?? space.timeZone
    try {
      return await spaces.replaceData(spaceId, settings, async (trx, partitionId) => {
        await insertSeedCompanies(trx, partitionId, companies, now)
        return await insertSeedContacts(trx, { partitionId, timeZone }, contacts, now)
      })
    } catch (error) {
      if (error instanceof SeedConflictError) {
        throw validationError('companies', (a) => `The ${a} field is invalid: ${error.message}.`)
      }
      throw error
    }
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
        const { companies, contacts, generate, api_keys: keys = [], ...settings } = space
        let id = (await findSpaceByName(db, space.name))?.id
        if (id === undefined) {
          id = (await spaces.create({ ...settings, ...(keys[0] !== undefined && { api_key: keys[0] }) })).id
          for (const key of keys.slice(1)) await spaces.addKey(id, { key })
        }
        // Seeded only while empty: a restart on a file database does not seed it twice.
        if (!await isPartitionEmpty(db, spaces.require(id).partitionId)) continue
        const written = await this.seed(id, {
          ...(companies !== undefined && { companies }),
          ...(contacts !== undefined && { contacts }),
          ...(generate !== undefined && { generate })
        })
        log.info({ file, space: space.name, contacts: written }, 'seeded')
      }
    }
  }
}
