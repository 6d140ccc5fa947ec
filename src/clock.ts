// Time is injected so that tests (and later the emulator's virtual clock) decide what "now" is. Every
// timestamp the emulator writes, every rate-limit window and every expiry reads it through a Clock.
export interface Clock {
  /** Milliseconds since the Unix epoch, as seen by the given Space (or globally). */
  now (spaceId?: number): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to; for tests. */
export class ManualClock implements Clock {
  #now: number

  constructor (start: number | string | Date = Date.UTC(2024, 0, 1)) {
    this.#now = new Date(start).getTime()
  }

  now (): number {
    return this.#now
  }

  set (to: number | string | Date): void {
    this.#now = new Date(to).getTime()
  }

  advance (ms: number): void {
    this.#now += ms
  }
}
