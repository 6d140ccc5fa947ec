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
  /** The answer's headers as sent (X-Emulator-Warning, rate-limit headers...); empty for a dropped connection. */
  response_headers: Record<string, string>
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
  /** 2 for 2xx, 4 for 4xx...; 0 for dropped connections. */
  status_class?: number
  since_id?: number
  /** Only entries older than this id: the inspector pages back with it. */
  before_id?: number
  limit?: number
}

/** What the inspector's request list shows of an entry: no headers, no bodies. */
export interface JournalSummary {
  id: number
  space_id: number | null
  time: string
  method: string
  path: string
  route: string | null
  status: number
  duration_ms: number
  rate_limit: { limit: number, remaining: number } | null
  fault: string | null
  /** The answer's X-Emulator-Warning, if any. */
  warning: string | null
}

/** An entry's fields, in the order they are shown; typed so that a field added to JournalEntry must be added here. */
const ENTRY_FIELDS = Object.keys({
  id: true,
  space_id: true,
  time: true,
  method: true,
  path: true,
  route: true,
  query: true,
  headers: true,
  body: true,
  status: true,
  response_headers: true,
  response_body: true,
  duration_ms: true,
  rate_limit: true,
  fault: true
} satisfies Record<keyof JournalEntry, true>) as Array<keyof JournalEntry>

/** An entry as a plain object with every field a value (entries compute some fields when first read). */
export function plainEntry (entry: JournalEntry): JournalEntry {
  const plain = Object.fromEntries(ENTRY_FIELDS.map((field) => [field, entry[field]])) as unknown as JournalEntry
  plain.query = { ...entry.query }
  return plain
}

export function summarize (entry: JournalEntry): JournalSummary {
  return {
    id: entry.id,
    space_id: entry.space_id,
    time: entry.time,
    method: entry.method,
    path: entry.path,
    route: entry.route,
    status: entry.status,
    duration_ms: entry.duration_ms,
    rate_limit: entry.rate_limit,
    fault: entry.fault,
    warning: entry.response_headers['x-emulator-warning'] ?? null
  }
}

export type JournalListener = (entry: JournalEntry) => void

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

  /** The item whose key is `key`, by binary search: items are pushed in increasing key order. */
  find (key: number, keyOf: (item: T) => number): T | undefined {
    const n = this.#items.length
    let low = 0
    let high = n - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const item = this.#items[(this.#start + mid) % n] as T
      const at = keyOf(item)
      if (at === key) return item
      if (at < key) low = mid + 1
      else high = mid - 1
    }
    return undefined
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
  readonly #listeners = new Set<JournalListener>()
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
    if (this.#listeners.size === 0) return
    // Listeners (the inspector's live streams) never block: each bounds its own buffer. A failing one must not
    // fail the request that is being journaled.
    for (const listener of this.#listeners) {
      try {
        listener(entry)
      } catch {}
    }
  }

  /** Calls `listener` with every entry recorded from now on; returns the function that stops it. */
  subscribe (listener: JournalListener): () => void {
    this.#listeners.add(listener)
    return () => { this.#listeners.delete(listener) }
  }

  get listeners (): number {
    return this.#listeners.size
  }

  /** One entry by id, in any Space's ring. */
  get (id: number): JournalEntry | undefined {
    for (const ring of this.#rings.values()) {
      const entry = ring.find(id, (e) => e.id)
      if (entry !== undefined) return entry
    }
    return undefined
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
      (filter.status_class === undefined || Math.floor(entry.status / 100) === filter.status_class) &&
      (filter.since_id === undefined || entry.id > filter.since_id) &&
      (filter.before_id === undefined || entry.id < filter.before_id))
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
