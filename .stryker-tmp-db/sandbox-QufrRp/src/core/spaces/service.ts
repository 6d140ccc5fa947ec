// @ts-nocheck
// Spaces on demand: create, list, read, change and delete Spaces, add and revoke their keys. Each change
// reloads the in-memory registry, which is what authenticates requests and what answers "does this Space
// exist?" everywhere else.
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { ApiKey, Database } from '../../db/database.js'
import { retirePartition, swapPartition } from '../../db/partitions.js'
import {
  countContacts, deleteSpace as deleteSpaceRow, findApiKeyByHash, findSpaceByName, insertApiKey, insertSpace,
  listApiKeys,
  listSpaces, revokeApiKey, updateSpaceSettings
} from '../../db/spaces.js'
import { hashApiKey, keyHint } from '../../wire/api-keys.js'
import { conflict, CONTROL_MESSAGES, notFound } from '../../wire/control-errors.js'
import { findSlot } from '../../wire/custom-fields.js'
import { validationError } from '../../wire/validation.js'
import type { Clock } from '../clock.js'
import { assertTimeZone } from './bootstrap.js'
import type { SpaceRegistry, SpaceState } from './registry.js'
import type {
  ApiKeyView,
  CreatedKey,
  CreatedSpace,
  CreateSpaceBody,
  NewKey,
  SpaceSettings,
  SpaceView
} from './schemas.js'

export interface SpaceServiceDeps {
  db: Kysely<Database>
  clock: Clock
  registry: SpaceRegistry
  /** Drops what the emulator holds in memory for a Space (journal, faults, windows, clock), or for all. */
  forget: (spaceId?: number) => void
  /** Wakes the purger of retired partitions. */
  purge: () => void
}

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
    if (findSlot(slot) === undefined) {
      throw validationError(`custom_field_labels.${slot}`,
        (a) => `The ${a} field is prohibited.`)
    }
  }
  return {
    ...(settings.name !== undefined && { name: settings.name }),
    ...(settings.time_zone !== undefined && { time_zone: settings.time_zone }),
    ...(settings.subscription_active !== undefined && { subscription_active: settings.subscription_active ? 1 : 0 }),
    ...(settings.custom_field_labels !== undefined &&
      { custom_field_labels: JSON.stringify(settings.custom_field_labels) }),
    ...(settings.rate_limits !== undefined && { rate_limits: JSON.stringify(settings.rate_limits) })
  }
}

/**
 * A name or key taken between the check and the write (two calls at once) is the same 409 as one taken
 * before: a unique index of the database is the last word, and never a 500.
 */
function asConflict (name?: string) {
  return (error: unknown): never => {
    const message = (error as { message?: unknown }).message
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string') {
      if (message.includes('spaces.name')) throw conflict(CONTROL_MESSAGES.spaceNameTaken(name ?? ''))
      if (message.includes('api_keys.key_hash')) throw conflict(CONTROL_MESSAGES.keyTaken)
    }
    throw error
  }
}

export class SpaceService {
  readonly #deps: SpaceServiceDeps

  constructor (deps: SpaceServiceDeps) {
    this.#deps = deps
  }

  /** The Space as the registry holds it, or a 404: no database round trip. */
  require (id: number): SpaceState {
    const space = this.#deps.registry.space(id)
    if (space === undefined) throw notFound(CONTROL_MESSAGES.spaceNotFound(id))
    return space
  }

  async view (id: number): Promise<SpaceView> {
    const space = this.require(id)
    const { db } = this.#deps
    return {
      id: space.id,
      name: space.name,
      time_zone: space.timeZone,
      subscription_active: space.subscriptionActive,
      custom_field_labels: space.customFieldLabels,
      rate_limits: space.rateLimits,
      contacts: await countContacts(db, space.partitionId),
      created_at: iso(space.createdAt),
      api_keys: (await listApiKeys(db, id)).map(keyView)
    }
  }

  async list (): Promise<SpaceView[]> {
    const views: SpaceView[] = []
    for (const row of await listSpaces(this.#deps.db)) views.push(await this.view(row.id))
    return views
  }

  async create (body: CreateSpaceBody = {}): Promise<CreatedSpace> {
    const { db, clock, registry } = this.#deps
    const { api_key: given, ...settings } = body
    const columns = settingsColumns(settings)
    const name = settings.name ?? `space-${randomBytes(6).toString('hex')}`
    await this.#assertNameFree(name)
    const key = given ?? generateApiKey()
    await this.#assertKeyFree(key)
    const now = clock.now()
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertSpace(trx, { name, created_at: now })
      await updateSpaceSettings(trx, id, columns)
      await insertApiKey(trx, {
        space_id: id,
        key_hash: hashApiKey(key),
        key_hint: keyHint(key),
        scopes: null,
        created_at: now
      })
      return id
    }).catch(asConflict(name))
    await registry.reload()
    return { ...await this.view(id), api_key: key }
  }

  async update (id: number, settings: SpaceSettings): Promise<SpaceView> {
    this.require(id)
    const columns = settingsColumns(settings)
    if (settings.name !== undefined) await this.#assertNameFree(settings.name, id)
    await updateSpaceSettings(this.#deps.db, id, columns).catch(asConflict(settings.name))
    await this.#deps.registry.reload()
    return await this.view(id)
  }

  /** Deletes a Space, its keys and (through the purger) its data; its journal, faults and clock go too. */
  async delete (id: number): Promise<void> {
    const space = this.require(id)
    const { db, clock, registry, forget, purge } = this.#deps
    const now = clock.now()
    await db.transaction().execute(async (trx) => {
      await retirePartition(trx, space.partitionId, now)
      await deleteSpaceRow(trx, id)
    })
    await registry.reload()
    forget(id)
    purge()
  }

  /**
   * Gives a Space new data and settings at once: `write` fills a new partition inside the transaction that
   * swaps it in and changes the settings, so a failure leaves the Space as it was. Then, as a reset does, the
   * Space's journal, faults, windows and clock start over.
   */
  async replaceData<T> (id: number, settings: Omit<SpaceSettings, 'name'>,
    write: (trx: Kysely<Database>, partitionId: number) => Promise<T>): Promise<T> {
    this.require(id)
    const columns = settingsColumns(settings)
    const { db, clock, registry, forget, purge } = this.#deps
    const now = clock.now()
    const result = await db.transaction().execute(async (trx) => {
      const partitionId = await swapPartition(trx, id, now)
      await updateSpaceSettings(trx, id, columns)
      return await write(trx, partitionId)
    })
    await registry.reload()
    forget(id)
    purge()
    return result
  }

  /** Empties one Space: a new, empty partition in one short transaction; the old one is purged later. */
  async reset (id: number): Promise<void> {
    this.require(id)
    const { db, clock, registry, forget, purge } = this.#deps
    const now = clock.now()
    await db.transaction().execute(async (trx) => { await swapPartition(trx, id, now) })
    await registry.reload()
    forget(id)
    purge()
  }

  /** Empties every Space (Spaces and keys stay), and clears journals, faults, rate-limit windows and the clock. */
  async resetAll (): Promise<number[]> {
    const { db, clock, registry, forget, purge } = this.#deps
    const now = clock.now()
    const ids = await db.transaction().execute(async (trx) => {
      const spaces = await listSpaces(trx)
      for (const space of spaces) await swapPartition(trx, space.id, now)
      return spaces.map((space) => space.id)
    })
    await registry.reload()
    forget()
    purge()
    return ids
  }

  async addKey (spaceId: number, body: NewKey = {}): Promise<CreatedKey> {
    this.require(spaceId)
    const { db, clock, registry } = this.#deps
    const key = body.key ?? generateApiKey()
    await this.#assertKeyFree(key)
    const id = await db.transaction().execute(async (trx) => await insertApiKey(trx, {
      space_id: spaceId,
      key_hash: hashApiKey(key),
      key_hint: keyHint(key),
      scopes: body.scopes === undefined ? null : JSON.stringify(body.scopes),
      created_at: clock.now()
    })).catch(asConflict())
    await registry.reload()
    const row = (await listApiKeys(db, spaceId)).find((k) => k.id === id) as ApiKey
    return { ...keyView(row), key }
  }

  async revokeKey (spaceId: number, keyId: number): Promise<void> {
    this.require(spaceId)
    const { db, clock, registry } = this.#deps
    if (!await revokeApiKey(db, spaceId, keyId, clock.now())) throw notFound(CONTROL_MESSAGES.keyNotFound(keyId))
    await registry.reload()
  }

  async #assertNameFree (name: string, exceptId?: number): Promise<void> {
    const taken = await findSpaceByName(this.#deps.db, name)
    if (taken !== undefined && taken.id !== exceptId) throw conflict(CONTROL_MESSAGES.spaceNameTaken(name))
  }

  async #assertKeyFree (key: string): Promise<void> {
    if (await findApiKeyByHash(this.#deps.db, hashApiKey(key)) !== undefined) throw conflict(CONTROL_MESSAGES.keyTaken)
  }
}
