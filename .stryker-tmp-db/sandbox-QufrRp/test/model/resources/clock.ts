// @ts-nocheck
// The virtual clock and fault rules. A Space's layer runs at an offset from the global clock or is frozen;
// set and advance land exactly where asked, within 1970–9999 (outside it: a 422 and no change). A fault rule
// with `times: 1` answers the Space's next request with a 503, whatever it is.
import fc from 'fast-check'
import { expect } from 'vitest'
import { TIME_MAX_MS, TIME_MIN_MS } from '../../../src/wire/bounds.js'
import {
  type Command, type Model, nowOf, pick, type Real, type Resource, type SpaceModel
} from '../model.js'

class SetGlobalClock implements Command {
  constructor (readonly to: number) {}
  check (): boolean { return true }
  async run (m: Model, r: Real): Promise<void> {
    const res = await r.control('POST', '/clock/set', { to: this.to })
    if (this.to < TIME_MIN_MS || this.to > TIME_MAX_MS) {
      expect(res.status).toBe(422)
      return
    }
    expect(res.body.now_ms).toBe(this.to)
    m.globalNow = this.to
  }

  toString (): string { return `setGlobalClock ${this.to}` }
}

class MoveSpaceClock implements Command {
  constructor (readonly index: number, readonly how: 'set' | 'advance' | 'freeze' | 'reset', readonly ms: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    const base = `/spaces/${space.id}/clock`
    const now = nowOf(m, space)
    if (this.how === 'reset') {
      expect((await r.control('DELETE', base)).status).toBe(200)
      space.clock = null
      return
    }
    const target = this.how === 'advance' ? now + this.ms : this.ms
    const body = this.how === 'set' ? { to: this.ms } : this.how === 'advance' ? { ms: this.ms } : { at: this.ms }
    const res = await r.control('POST', `${base}/${this.how}`, body)
    if (target < TIME_MIN_MS || target > TIME_MAX_MS) {
      expect(res.status).toBe(422)
      return
    }
    expect(res.status).toBe(200)
    const frozen = space.clock !== null && 'frozenAt' in space.clock
    space.clock = this.how === 'freeze' || frozen ? { frozenAt: target } : { offset: target - m.globalNow }
    expect(res.body.now_ms).toBe(nowOf(m, space))
  }

  toString (): string { return `${this.how}SpaceClock #${this.index} ${this.ms}` }
}

class AddFault implements Command {
  constructor (readonly index: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    expect((await r.control('POST', `/spaces/${space.id}/faults`, { status: 503, times: 1 })).status).toBe(201)
    space.faultRules++
    space.pendingFaults++
  }

  toString (): string { return `addFault #${this.index}` }
}

class ClearFaults implements Command {
  constructor (readonly index: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    expect((await r.control('DELETE', `/spaces/${space.id}/faults`)).status).toBe(204)
    space.faultRules = 0
    space.pendingFaults = 0
  }

  toString (): string { return `clearFaults #${this.index}` }
}

const DAY = 86_400_000
const timeArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }) },
  { weight: 1, arbitrary: fc.constantFrom(TIME_MIN_MS, TIME_MAX_MS, TIME_MAX_MS + 1, -1, 8.64e15) }
)
const stepArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -30 * DAY, max: 30 * DAY }) },
  { weight: 1, arbitrary: fc.constantFrom(TIME_MAX_MS, -TIME_MAX_MS, 0) }
)

export const clock: Resource = {
  name: 'clock',
  commands: () => [
    timeArbitrary.map((to) => new SetGlobalClock(to)),
    fc.tuple(fc.nat(), fc.constantFrom('set', 'freeze'), timeArbitrary)
      .map(([i, how, ms]) => new MoveSpaceClock(i, how as 'set' | 'freeze', ms)),
    fc.tuple(fc.nat(), stepArbitrary).map(([i, ms]) => new MoveSpaceClock(i, 'advance', ms)),
    fc.nat().map((i) => new MoveSpaceClock(i, 'reset', 0))
  ]
}

export const faults: Resource = {
  name: 'faults',
  commands: () => [
    fc.nat().map((i) => new AddFault(i)),
    fc.nat().map((i) => new ClearFaults(i))
  ]
}
