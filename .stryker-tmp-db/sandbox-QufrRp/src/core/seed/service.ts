// @ts-nocheck
// Seeding: JSON contacts (with all their collections and activity) or N fake ones from a seed number, export
// and import of a whole Space, and the seed file or folder of the configuration, applied at start.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { type Static, Type } from 'typebox'
import type { Database } from '../../db/database.js'
import { findSpaceByName } from '../../db/spaces.js'
import { compileJsonSchema } from '../../wire/validation.js'
import type { Clock } from '../clock.js'
import type { Log } from '../log.js'
import { SpaceSettingsSchema } from '../spaces/schemas.js'
import type { SpaceService } from '../spaces/service.js'
import { fakeContacts } from './fake.js'
import {
  checkSeedTimes,
  insertSeedContacts,
  readSeedContacts,
  SeedContactSchema,
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

function seedFileValidator () {
  return compileJsonSchema(SeedFileSchema)
}

function readSeedFiles (path: string): Array<{ file: string, spaces: StartSpace[] }> {
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f))
    : [path]
  const validate = seedFileValidator()
  return files.map((file) => {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (!validate(parsed)) {
      const detail = validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ') ?? 'invalid'
      throw new Error(`seed ${file}: ${detail}`)
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
    checkSeedTimes(seed.contacts ?? [])
    const now = clock.now(spaceId)
    const generated = seed.generate === undefined ? [] : fakeContacts(seed.generate.count, seed.generate.seed ?? 1, now)
    const contacts = [...(seed.contacts ?? []), ...generated]
    return await db.transaction()
      .execute(async (trx) => await insertSeedContacts(trx, space.partitionId, contacts, now))
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

  /**
   * Replaces a Space's data (and settings, but not its name or keys) with an export, all at once: the contacts
   * go into a new partition in the same transaction that swaps it in, so a failed import changes nothing.
   */
  async importSpace (spaceId: number, data: SpaceExport): Promise<number> {
    const { spaces, clock } = this.#deps
    spaces.require(spaceId)
    checkSeedTimes(data.contacts)
    const { name: _name, ...settings } = data.space ?? {}
    const now = clock.now(spaceId)
    return await spaces.replaceData(spaceId, settings,
      async (trx, partitionId) => await insertSeedContacts(trx, partitionId, data.contacts, now))
  }

  /**
   * The configured seed, at start: each Space named in it is created if missing and seeded if its partition
   * is empty, so that restarting on a file database does not seed it twice.
   */
  async seedAtStart (path: string): Promise<void> {
    if (path === '') return
    const { db, spaces, log } = this.#deps
    for (const { file, spaces: declared } of readSeedFiles(path)) {
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
