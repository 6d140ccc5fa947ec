// @ts-nocheck
// State as a whole: reset a Space or everything, snapshot and restore, Space export then import. What each keeps
// and drops is docs/control-plane.md's: a restore keeps the memory of the Spaces it keeps and drops that of the
// Spaces it takes away; an import starts its Space over; no id comes back.
import fc from 'fast-check'
import { expect } from 'vitest'
import {
  type Command, copyStored, type Model, pick, type Real, type Resource, type SpaceModel, START_MS
} from '../model.js'

function forgetMemory (space: SpaceModel): void {
  space.journal = 0
  space.faultRules = 0
  space.pendingFaults = 0
  space.clock = null
}

class ResetSpace implements Command {
  constructor (readonly index: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    expect((await r.control('POST', `/spaces/${space.id}/reset`)).body).toEqual({ reset: [space.id] })
    space.contacts = []
    forgetMemory(space)
  }

  toString (): string { return `resetSpace #${this.index}` }
}

class ResetAll implements Command {
  check (): boolean { return true }
  async run (m: Model, r: Real): Promise<void> {
    expect((await r.control('POST', '/reset')).body).toEqual({ reset: m.spaces.map((s) => s.id) })
    for (const space of m.spaces) {
      space.contacts = []
      forgetMemory(space)
    }
    m.globalNow = START_MS
  }

  toString (): string { return 'resetAll' }
}

class Snapshot implements Command {
  constructor (readonly name: string) {}
  check (): boolean { return true }
  async run (m: Model, r: Real): Promise<void> {
    expect((await r.control('POST', '/snapshots', { name: this.name })).status).toBe(201)
    m.snapshots.set(this.name, m.spaces.map(copyStored))
  }

  toString (): string { return `snapshot ${this.name}` }
}

class Restore implements Command {
  constructor (readonly name: string) {}
  check (m: Model): boolean { return m.snapshots.has(this.name) }
  async run (m: Model, r: Real): Promise<void> {
    expect((await r.control('POST', `/snapshots/${this.name}/restore`)).body).toEqual({ restored: this.name })
    const stored = m.snapshots.get(this.name) ?? []
    m.spaces = stored.map((copy) => {
      const live = m.spaces.find((s) => s.id === copy.id)
      // A Space the restore keeps keeps its memory; one it brings back has none (its delete dropped it).
      return {
        ...structuredClone(copy),
        journal: live?.journal ?? 0,
        faultRules: live?.faultRules ?? 0,
        pendingFaults: live?.pendingFaults ?? 0,
        clock: live?.clock ?? null
      }
    })
  }

  toString (): string { return `restore ${this.name}` }
}

/** Export one Space and import it into another (or itself): the same contacts and settings, the name kept. */
class ImportCopy implements Command {
  constructor (readonly from: number, readonly to: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const source = pick(m.spaces, this.from) as SpaceModel
    const target = pick(m.spaces, this.to) as SpaceModel
    const exported = (await r.control('GET', `/spaces/${source.id}/export`)).body
    expect(exported.contacts).toHaveLength(source.contacts.length)
    expect(await r.control('POST', `/spaces/${target.id}/import`, exported))
      .toMatchObject({ status: 200, body: { contacts: source.contacts.length } })
    // The copies' new ids, oldest first as the export lists them: read from the database, not through the
    // API, so that reading them spends nothing of the Space's journal.
    const ids = (r.t.database.sqlite.prepare('select c.id from contacts c join spaces s on s.partition_id = ' +
      'c.partition_id where s.id = ? order by c.id').all(target.id) as Array<{ id: number }>).map((row) => row.id)
    const copies = [...source.contacts].sort((a, b) => a.id - b.id)
      .map((c, i) => ({ ...structuredClone(c), id: ids[i] as number }))
    target.timeZone = source.timeZone
    target.contacts = copies
    forgetMemory(target)
  }

  toString (): string { return `importCopy #${this.from} → #${this.to}` }
}

const SNAPSHOT_NAMES = ['one', 'two']

export const state: Resource = {
  name: 'state',
  commands: () => [
    fc.nat().map((i) => new ResetSpace(i)),
    fc.constant(null).map(() => new ResetAll()),
    fc.constantFrom(...SNAPSHOT_NAMES).map((name) => new Snapshot(name)),
    fc.constantFrom(...SNAPSHOT_NAMES).map((name) => new Restore(name)),
    fc.tuple(fc.nat(), fc.nat()).map(([from, to]) => new ImportCopy(from, to))
  ]
}
