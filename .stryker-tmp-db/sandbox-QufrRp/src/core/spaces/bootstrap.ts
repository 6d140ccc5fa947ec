// @ts-nocheck
// Start-up: make sure the Default Space and every declared Space exist with their keys. Declarations are
// authoritative for the settings they name; keys are only ever added here, never revoked.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import { type ApiKeyDeclaration, DEFAULT_SPACE_NAME, type EmulatorConfig, type SpaceDeclaration } from '../config.js'
import type { Database } from '../../db/database.js'
import { findApiKeyByHash, findSpaceByName, insertApiKey, insertSpace, updateSpaceSettings } from '../../db/spaces.js'
import { hashApiKey, keyHint } from '../../wire/api-keys.js'

export class BootstrapError extends Error {
  override name = 'BootstrapError'
}

export function assertTimeZone (timeZone: string): void {
  try {
    Intl.DateTimeFormat('en-US', { timeZone })
  } catch {
    throw new BootstrapError(`unknown time zone "${timeZone}"`)
  }
}

async function ensureKey (db: Kysely<Database>, spaceId: number, declaration: ApiKeyDeclaration,
  now: number): Promise<void> {
  const key = typeof declaration === 'string' ? declaration : declaration.key
  const scopes = typeof declaration === 'string' || declaration.scopes === undefined
    ? null
    : JSON.stringify(declaration.scopes)
  const keyHash = hashApiKey(key)
  const existing = await findApiKeyByHash(db, keyHash)
  if (existing === undefined) {
    await insertApiKey(db, { space_id: spaceId, key_hash: keyHash, key_hint: keyHint(key), scopes, created_at: now })
  } else if (existing.space_id !== spaceId) {
    throw new BootstrapError(`API key ${keyHint(key)} is declared for two Spaces`)
  }
}

async function ensureSpace (db: Kysely<Database>, declaration: SpaceDeclaration, now: number): Promise<void> {
  if (declaration.time_zone !== undefined) assertTimeZone(declaration.time_zone)
  const { subscription_active: active, time_zone: timeZone, custom_field_labels: labels } = declaration
  const settings = {
    ...(active !== undefined && { subscription_active: active ? 1 : 0 }),
    ...(timeZone !== undefined && { time_zone: timeZone }),
    ...(labels !== undefined && { custom_field_labels: JSON.stringify(labels) })
  }
  const existing = await findSpaceByName(db, declaration.name)
  const id = existing?.id ?? await insertSpace(db, { name: declaration.name, created_at: now })
  await updateSpaceSettings(db, id, settings)
  for (const key of declaration.api_keys ?? []) await ensureKey(db, id, key, now)
}

export async function bootstrapSpaces (db: Kysely<Database>, config: EmulatorConfig, clock: Clock): Promise<void> {
  const now = clock.now()
  const declared = config.spaces.find((space) => space.name === DEFAULT_SPACE_NAME)
  const defaultSpace: SpaceDeclaration = {
    ...declared,
    name: DEFAULT_SPACE_NAME,
    api_keys: [config.apiKey, ...(declared?.api_keys ?? [])]
  }
  await db.transaction().execute(async (trx) => {
    await ensureSpace(trx, defaultSpace, now)
    for (const space of config.spaces) {
      if (space.name !== DEFAULT_SPACE_NAME) await ensureSpace(trx, space, now)
    }
  })
}
