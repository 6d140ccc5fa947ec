// @ts-nocheck
// The rate-limit store on its own: Laravel's fixed window (Decision D10), counted per Space and endpoint on the
// emulator's clock. The HTTP side (headers, 429s) is test/api/pipeline/rate-limit*.test.ts.
import { describe, expect, it } from 'vitest'
import { ManualClock, VirtualClock } from '../../src/core/clock.js'
import { RateLimitWindows } from '../../src/core/rate-limit-windows.js'

const T0 = Date.UTC(2024, 0, 1)

function windows () {
  const base = new ManualClock(T0)
  const clock = new VirtualClock(base)
  return { base, clock, windows: new RateLimitWindows(clock) }
}

describe('RateLimitWindows', () => {
  it('counts up to the limit; past it answers limit + 1 and does not count the refused request', () => {
    const { windows: w } = windows()
    expect([1, 2, 3].map(() => w.hit('1:createContact', 60_000, 3)))
      .toEqual([{ current: 1, ttl: 60_000 }, { current: 2, ttl: 60_000 }, { current: 3, ttl: 60_000 }])
    expect(w.hit('1:createContact', 60_000, 3)).toEqual({ current: 4, ttl: 60_000 })
    expect(w.hit('1:createContact', 60_000, 3)).toEqual({ current: 4, ttl: 60_000 })
    // A higher limit mid-window: the refused requests were not counted, so the budget left is exactly 1.
    expect(w.hit('1:createContact', 60_000, 4)).toEqual({ current: 4, ttl: 60_000 })
    expect(w.hit('1:createContact', 60_000, 4)).toEqual({ current: 5, ttl: 60_000 })
    // A lower limit mid-window refuses at once.
    expect(w.hit('1:createContact', 60_000, 2)).toEqual({ current: 3, ttl: 60_000 })
  })

  it('the window starts with its first request and ends windowMs later, to the millisecond', () => {
    const { base, windows: w } = windows()
    w.hit('1:e', 60_000, 1)
    base.advance(59_999)
    expect(w.hit('1:e', 60_000, 1)).toEqual({ current: 2, ttl: 1 })
    base.advance(1)
    expect(w.hit('1:e', 60_000, 1)).toEqual({ current: 1, ttl: 60_000 })
  })

  it('a clock moved back before the window\'s start restarts the window', () => {
    const { clock, windows: w } = windows()
    w.hit('1:e', 60_000, 1)
    expect(w.hit('1:e', 60_000, 1).current).toBe(2)
    clock.advance(-1)
    expect(w.hit('1:e', 60_000, 1)).toEqual({ current: 1, ttl: 60_000 })
  })

  it('reads the clock of the key\'s Space', () => {
    const { clock, windows: w } = windows()
    w.hit('2:e', 60_000, 1)
    clock.advance(60_000, 2)
    expect(w.hit('2:e', 60_000, 1).current).toBe(1)
    w.hit('3:e', 60_000, 1)
    clock.advance(60_000, 2)
    expect(w.hit('3:e', 60_000, 1).current).toBe(2)
  })

  it('each Space and endpoint has its own window', () => {
    const { windows: w } = windows()
    w.hit('1:a', 60_000, 1)
    expect(w.hit('1:b', 60_000, 1).current).toBe(1)
    expect(w.hit('2:a', 60_000, 1).current).toBe(1)
  })

  it('clear(id) forgets one Space\'s windows, and only that Space\'s (1 is not 11)', () => {
    const { windows: w } = windows()
    for (const key of ['1:a', '1:b', '11:a', '2:a']) w.hit(key, 60_000, 1)
    w.clear(1)
    expect(['1:a', '1:b', '11:a', '2:a'].map((key) => w.hit(key, 60_000, 1).current)).toEqual([1, 1, 2, 2])
  })

  it('clear() forgets every window', () => {
    const { windows: w } = windows()
    for (const key of ['1:a', '11:a', '2:a']) w.hit(key, 60_000, 1)
    w.clear()
    expect(['1:a', '11:a', '2:a'].map((key) => w.hit(key, 60_000, 1).current)).toEqual([1, 1, 1])
  })
})
