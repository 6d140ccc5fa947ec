// @ts-nocheck
// Time is injected so that tests and the emulator's virtual clock decide what "now" is. Every timestamp the
// emulator writes, every rate-limit window and every expiry reads it through a Clock.
import { TIME_MAX_MS, TIME_MIN_MS } from '../wire/bounds.js'
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

/** How one layer of the virtual clock differs from the layer below it. */
interface Layer {
  /** Set while frozen: the time this layer shows. */
  frozenAt: number | null
  /** While running: added to the layer below. */
  offsetMs: number
}

export interface ClockState {
  now: number
  frozen: boolean
  offset_ms: number
}

/**
 * The emulator's controllable clock: a global layer over a base clock (real time, or a ManualClock in tests),
 * and an optional layer per Space over the global one. A layer runs (base + offset) or is frozen; set and
 * advance work in both states, so a test can move time without ever sleeping.
 */
export class VirtualClock implements Clock {
  readonly #base: Clock
  #global: Layer = { frozenAt: null, offsetMs: 0 }
  readonly #spaces = new Map<number, Layer>()

  constructor (base: Clock = systemClock) {
    this.#base = base
  }

  /** Never outside the time range (src/wire/bounds.ts): a Space running ahead of a global clock set near the
   * end of 9999 stops there, so every time the emulator writes can be rendered and read back. */
  now (spaceId?: number): number {
    const global = this.#read(this.#global, this.#base.now())
    const layer = spaceId === undefined ? undefined : this.#spaces.get(spaceId)
    const now = layer === undefined ? global : this.#read(layer, global)
    return Math.min(TIME_MAX_MS, Math.max(TIME_MIN_MS, now))
  }

  #read (layer: Layer, below: number): number {
    return Math.min(TIME_MAX_MS, Math.max(TIME_MIN_MS, layer.frozenAt ?? below + layer.offsetMs))
  }

  /** The time the layer of `spaceId` (or the global layer) is applied on top of. */
  #below (spaceId?: number): number {
    return spaceId === undefined ? this.#base.now() : this.now()
  }

  #layer (spaceId?: number): Layer {
    if (spaceId === undefined) return this.#global
    let layer = this.#spaces.get(spaceId)
    if (layer === undefined) {
      layer = { frozenAt: null, offsetMs: 0 }
      this.#spaces.set(spaceId, layer)
    }
    return layer
  }

  freeze (spaceId?: number, at?: number): void {
    const now = at ?? this.now(spaceId)
    this.#layer(spaceId).frozenAt = now
  }

  /** Lets time run again from where it stands. */
  unfreeze (spaceId?: number): void {
    const layer = this.#layer(spaceId)
    if (layer.frozenAt === null) return
    layer.offsetMs = layer.frozenAt - this.#below(spaceId)
    layer.frozenAt = null
  }

  set (to: number, spaceId?: number): void {
    const layer = this.#layer(spaceId)
    if (layer.frozenAt !== null) layer.frozenAt = to
    else layer.offsetMs = to - this.#below(spaceId)
  }

  advance (ms: number, spaceId?: number): void {
    const layer = this.#layer(spaceId)
    if (layer.frozenAt !== null) layer.frozenAt += ms
    else layer.offsetMs += ms
  }

  /** Back to the base clock: globally (and every Space) without an id, or one Space's own layer. */
  reset (spaceId?: number): void {
    if (spaceId === undefined) {
      this.#global = { frozenAt: null, offsetMs: 0 }
      this.#spaces.clear()
    } else {
      this.#spaces.delete(spaceId)
    }
  }

  /** Whether the Space has its own layer. */
  hasOverride (spaceId: number): boolean {
    return this.#spaces.has(spaceId)
  }

  state (spaceId?: number): ClockState {
    const layer = spaceId === undefined ? this.#global : this.#spaces.get(spaceId)
    // A running Space layer over a frozen global layer is frozen too.
    const frozen = (layer?.frozenAt ?? null) !== null || this.#global.frozenAt !== null
    return { now: this.now(spaceId), frozen, offset_ms: layer?.offsetMs ?? 0 }
  }
}
