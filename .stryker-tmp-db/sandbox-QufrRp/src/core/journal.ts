// @ts-nocheck
// The request journal: what each Space's clients sent and what they got back, in a bounded ring buffer per
// Space (plus one for requests that no Space could be found for), so one busy Space never evicts another's.

export interface JournalEntry {
  /** Increases over the emulator's life, across Spaces; `since_id` pages with it. */
  id: number
  /** null for a request that authenticated as no Space (401). */
  space_id: number | null
  /** ISO 8601, on the Space's (virtual) clock. */
  time: string
  method: string
  path: string
  /** The route pattern that matched (e.g. /public-api/v1/contacts/:id), or null. */
  route: string | null
  query: Record<string, unknown>
  /** Request headers; Authorization keeps only the key's last four characters. */
  headers: Record<string, string>
  body: unknown
  /** 0 when the connection was dropped by a fault. */
  status: number
  response_body: unknown
  duration_ms: number
  rate_limit: { limit: number, remaining: number } | null
  /** The fault that shaped the answer, if any. */
  fault: string | null
}

export interface JournalFilter {
  method?: string
  path?: string
  route?: string
  status?: number
  since_id?: number
  limit?: number
}

export interface JournalMatch {
  method?: string
  path?: string
  route?: string
  status?: number
  query?: Record<string, unknown>
  body?: unknown
}

class Ring<T> {
  readonly #items: T[] = []
  #start = 0
  readonly #capacity: number

  constructor (capacity: number) {
    this.#capacity = capacity
  }

  push (item: T): void {
    if (this.#items.length < this.#capacity) {
      this.#items.push(item)
      return
    }
    this.#items[this.#start] = item
    this.#start = (this.#start + 1) % this.#capacity
  }

  /** Oldest first. */
  toArray (): T[] {
    return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)]
  }
}

/** Whether `actual` contains `pattern`: objects key by key, arrays item by item (same length), else equal. */
export function matchesSubset (actual: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return Array.isArray(actual) && actual.length === pattern.length &&
      pattern.every((item, i) => matchesSubset(actual[i], item))
  }
  if (typeof pattern === 'object' && pattern !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false
    return Object.entries(pattern)
      .every(([key, value]) => matchesSubset((actual as Record<string, unknown>)[key], value))
  }
  return Object.is(actual, pattern) ||
    (typeof actual === 'string' && typeof pattern === 'number' && actual === String(pattern))
}

const UNAUTHENTICATED = 0

export class Journal {
  readonly #rings = new Map<number, Ring<JournalEntry>>()
  readonly capacity: number
  #nextId = 1

  /** @param capacity entries kept per Space; 0 switches the journal off. */
  constructor (capacity: number) {
    this.capacity = capacity
  }

  get enabled (): boolean {
    return this.capacity > 0
  }

  nextId (): number {
    return this.#nextId++
  }

  record (entry: JournalEntry): void {
    if (!this.enabled) return
    const key = entry.space_id ?? UNAUTHENTICATED
    let ring = this.#rings.get(key)
    if (ring === undefined) {
      ring = new Ring(this.capacity)
      this.#rings.set(key, ring)
    }
    ring.push(entry)
  }

  /** A Space's entries (null: the unauthenticated ones; undefined: every Space's), oldest first. */
  entries (spaceId?: number | null): JournalEntry[] {
    if (spaceId === undefined) {
      return [...this.#rings.values()].flatMap((ring) => ring.toArray())
        .sort((a, b) => a.id - b.id)
    }
    return this.#rings.get(spaceId ?? UNAUTHENTICATED)?.toArray() ?? []
  }

  query (spaceId: number | null | undefined, filter: JournalFilter): JournalEntry[] {
    const found = this.entries(spaceId).filter((entry) =>
      (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
      (filter.path === undefined || entry.path === filter.path) &&
      (filter.route === undefined || entry.route === filter.route) &&
      (filter.status === undefined || entry.status === filter.status) &&
      (filter.since_id === undefined || entry.id > filter.since_id))
    // The newest `limit`, still oldest first.
    return filter.limit === undefined ? found : found.slice(Math.max(0, found.length - filter.limit))
  }

  count (spaceId: number | null | undefined, match: JournalMatch): number {
    return this.entries(spaceId).filter((entry) =>
      (match.method === undefined || entry.method === match.method.toUpperCase()) &&
      (match.path === undefined || entry.path === match.path) &&
      (match.route === undefined || entry.route === match.route) &&
      (match.status === undefined || entry.status === match.status) &&
      (match.query === undefined || matchesSubset(entry.query, match.query)) &&
      (match.body === undefined || matchesSubset(entry.body, match.body))).length
  }

  clear (spaceId?: number | null): void {
    if (spaceId === undefined) this.#rings.clear()
    else this.#rings.delete(spaceId ?? UNAUTHENTICATED)
  }
}
