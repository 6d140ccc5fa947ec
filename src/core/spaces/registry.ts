// The Spaces and live API keys, held in memory so that authenticating a request costs a hash and a map
// look-up, not a database round trip. The database stays the source of truth: whatever changes a Space or a
// key calls reload().
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { RateLimitOverrides } from '../../wire/rate-limits.js'
import type { Database } from '../../db/database.js'
import { listLiveApiKeys, listSpaces } from '../../db/spaces.js'

export interface SpaceState {
  id: number
  /** Where the Space's contacts live now; every data query filters on this, never on `id`. */
  partitionId: number
  name: string
  subscriptionActive: boolean
  timeZone: string
  customFieldLabels: Record<string, string>
  /** custom_event_N → its configured name (Decision D48). */
  customEventLabels: Record<string, string>
  rateLimits: RateLimitOverrides
  createdAt: number
}

export interface Credential {
  keyId: number
  space: SpaceState
  /** Resources this key may use; null for all. */
  scopes: readonly string[] | null
  digest: Buffer
}

/** Keys whose digest is remembered; past this many the memo starts again (a flood of made-up keys). */
const DIGEST_MEMO_SIZE = 1024

interface KeyDigest { hex: string, digest: Buffer }

export class SpaceRegistry {
  #spaces = new Map<number, SpaceState>()
  #keys = new Map<string, Credential>()
  /** Key → its SHA-256: a client sends the same key on every request, and hashing it was a few µs of each. It
   * holds digests, never credentials, so a key revoked by reload() stops working at once. */
  readonly #digests = new Map<string, KeyDigest>()
  readonly #db: Kysely<Database>

  constructor (db: Kysely<Database>) {
    this.#db = db
  }

  async reload (): Promise<void> {
    const spaces = new Map<number, SpaceState>()
    for (const row of await listSpaces(this.#db)) {
      spaces.set(row.id, {
        id: row.id,
        partitionId: row.partition_id,
        name: row.name,
        subscriptionActive: row.subscription_active === 1,
        timeZone: row.time_zone,
        customFieldLabels: JSON.parse(row.custom_field_labels) as Record<string, string>,
        customEventLabels: JSON.parse(row.custom_event_labels) as Record<string, string>,
        rateLimits: JSON.parse(row.rate_limits) as RateLimitOverrides,
        createdAt: row.created_at
      })
    }
    const keys = new Map<string, Credential>()
    for (const row of await listLiveApiKeys(this.#db)) {
      const space = spaces.get(row.space_id)
      if (space === undefined) continue
      keys.set(row.key_hash, {
        keyId: row.id,
        space,
        scopes: row.scopes === null ? null : JSON.parse(row.scopes) as string[],
        digest: Buffer.from(row.key_hash, 'hex')
      })
    }
    this.#spaces = spaces
    this.#keys = keys
  }

  space (id: number): SpaceState | undefined {
    return this.#spaces.get(id)
  }

  spaces (): SpaceState[] {
    return [...this.#spaces.values()]
  }

  /** The credential a raw key stands for, or undefined. */
  authenticate (key: string): Credential | undefined {
    const { hex, digest } = this.#digestOf(key)
    const credential = this.#keys.get(hex)
    // The map finds the candidate by digest; the final comparison is constant-time all the same.
    if (credential === undefined || !timingSafeEqual(credential.digest, digest)) return undefined
    return credential
  }

  #digestOf (key: string): KeyDigest {
    let known = this.#digests.get(key)
    if (known === undefined) {
      const digest = createHash('sha256').update(key, 'utf8').digest()
      known = { hex: digest.toString('hex'), digest }
      if (this.#digests.size >= DIGEST_MEMO_SIZE) this.#digests.clear()
      this.#digests.set(key, known)
    }
    return known
  }
}
