// @ts-nocheck
// Fault rules per Space: answer a status, add latency or drop the connection, for the next N matching
// requests, after K of them, or with a seeded probability. Rules are tried in the order they were added; the
// first one that fires decides the request.
import { LATENCY_MAX_MS, RETRY_AFTER_MAX_SECONDS } from '../wire/bounds.js'
import { type Random, seededRandom } from './seed/prng.js'

export interface FaultSpec {
  /** Only requests with this method (any when absent). */
  method?: string
  /** Only this path, or this route pattern (/public-api/v1/contacts/:id); a trailing * matches a prefix. */
  path?: string
  /** Answer with this status and Cometly's body for it. */
  status?: number
  /** Replaces Cometly's body for `status`. */
  body?: Record<string, unknown>
  /** Retry-After of a forced 429, in seconds. */
  retry_after?: number
  latency_ms?: number
  drop?: boolean
  /** Let this many matching requests through first. */
  after?: number
  /** Fire at most this many times, then stay inert. */
  times?: number
  /** Fire with this probability (0–1), drawn from `seed`. */
  probability?: number
  seed?: number
}

export interface FaultRule extends FaultSpec {
  id: number
  space_id: number
  /** Matching requests seen so far. */
  matched: number
  fired: number
}

/** What a fired rule (or the X-Emulator-Fault header) asks for. */
export interface FaultAction {
  status?: number
  body?: Record<string, unknown>
  retry_after?: number
  latency_ms?: number
  drop?: boolean
  /** For the journal: "rule 3" or "header". */
  source: string
}

function pathMatches (pattern: string, path: string, route: string | null): boolean {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1))
  return pattern === path || pattern === route
}

export class FaultBook {
  readonly #rules = new Map<number, FaultRule[]>()
  readonly #randoms = new Map<number, Random>()
  #nextId = 1

  add (spaceId: number, spec: FaultSpec): FaultRule {
    const rule: FaultRule = { ...spec, id: this.#nextId++, space_id: spaceId, matched: 0, fired: 0 }
    const rules = this.#rules.get(spaceId) ?? []
    rules.push(rule)
    this.#rules.set(spaceId, rules)
    if (spec.probability !== undefined) this.#randoms.set(rule.id, seededRandom(spec.seed ?? 0))
    return rule
  }

  list (spaceId?: number): FaultRule[] {
    if (spaceId === undefined) return [...this.#rules.values()].flat().sort((a, b) => a.id - b.id)
    return [...(this.#rules.get(spaceId) ?? [])]
  }

  remove (spaceId: number, id: number): boolean {
    const rules = this.#rules.get(spaceId) ?? []
    const index = rules.findIndex((rule) => rule.id === id)
    if (index === -1) return false
    rules.splice(index, 1)
    this.#randoms.delete(id)
    return true
  }

  clear (spaceId?: number): void {
    for (const rule of this.list(spaceId)) this.#randoms.delete(rule.id)
    if (spaceId === undefined) this.#rules.clear()
    else this.#rules.delete(spaceId)
  }

  /** Counts the request against every matching rule and returns the first that fires, if any. */
  evaluate (spaceId: number, method: string, path: string, route: string | null): FaultAction | null {
    let action: FaultAction | null = null
    for (const rule of this.#rules.get(spaceId) ?? []) {
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue
      if (rule.path !== undefined && !pathMatches(rule.path, path, route)) continue
      rule.matched += 1
      if (action !== null) continue
      if (rule.matched <= (rule.after ?? 0)) continue
      if (rule.times !== undefined && rule.fired >= rule.times) continue
      const random = this.#randoms.get(rule.id)
      if (random !== undefined && random() >= (rule.probability ?? 1)) continue
      rule.fired += 1
      action = {
        ...(rule.status !== undefined && { status: rule.status }),
        ...(rule.body !== undefined && { body: rule.body }),
        ...(rule.retry_after !== undefined && { retry_after: rule.retry_after }),
        ...(rule.latency_ms !== undefined && { latency_ms: rule.latency_ms }),
        ...(rule.drop === true && { drop: true }),
        source: `rule ${rule.id}`
      }
    }
    return action
  }
}

/**
 * Reads an X-Emulator-Fault header: comma- or semicolon-separated `status=503`, `latency=250` (ms),
 * `retry_after=5` and `drop`. Returns an error text for anything else.
 */
export function parseFaultHeader (header: string): FaultAction | string {
  const action: FaultAction = { source: 'header' }
  for (const part of header.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== '')) {
    const [name = '', value] = part.split('=', 2).map((p) => p.trim())
    if (name === 'drop' && value === undefined) {
      action.drop = true
      continue
    }
    const n = Number(value)
    if (value === undefined || !/^\d+$/.test(value)) return `X-Emulator-Fault: "${part}" is not name=integer`
    // The bounds of a fault rule's fields (src/wire/bounds.ts): a header asks for no more than a rule may.
    if (name === 'status' && n >= 400 && n <= 599) action.status = n
    else if ((name === 'latency' || name === 'latency_ms') && n <= LATENCY_MAX_MS) action.latency_ms = n
    else if (name === 'retry_after' && n >= 1 && n <= RETRY_AFTER_MAX_SECONDS) action.retry_after = n
    else return `X-Emulator-Fault: unknown or out-of-range "${part}"`
  }
  if (action.status === undefined && action.latency_ms === undefined && action.drop !== true) {
    return 'X-Emulator-Fault: names no fault (status=, latency= or drop)'
  }
  return action
}
