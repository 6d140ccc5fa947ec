// @ts-nocheck
// The rate-limit windows of every Space and endpoint: Laravel's fixed window, which starts with the first
// request counted in it (Decision D10), on the emulator's clock. The API's limiter counts through here; resets
// and restores clear it.
import type { Clock } from './clock.js'

interface Window { start: number, count: number }

/** The windows of every Space and endpoint, keyed `spaceId:endpoint`. */
export class RateLimitWindows {
  readonly #windows = new Map<string, Window>()
  readonly #clock: Clock

  constructor (clock: Clock) {
    this.#clock = clock
  }

  #now (key: string): number {
    return this.#clock.now(Number.parseInt(key, 10))
  }

  /** Counts one request, unless the window is full: a rejected request does not count (Laravel). */
  hit (key: string, windowMs: number, max: number): { current: number, ttl: number } {
    const now = this.#now(key)
    let window = this.#windows.get(key)
    if (window === undefined || now >= window.start + windowMs || now < window.start) {
      window = { start: now, count: 0 }
      this.#windows.set(key, window)
    }
    const ttl = Math.max(1, window.start + windowMs - now)
    if (window.count >= max) return { current: max + 1, ttl }
    window.count += 1
    return { current: window.count, ttl }
  }

  /** Forgets the windows of one Space, or of all. */
  clear (spaceId?: number): void {
    if (spaceId === undefined) {
      this.#windows.clear()
      return
    }
    for (const key of this.#windows.keys()) if (key.startsWith(`${spaceId}:`)) this.#windows.delete(key)
  }
}
