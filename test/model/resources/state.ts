// State as a whole: reset a Space or everything, snapshot and restore, Space export then import. What each keeps
// and drops is docs/control-plane.md's: a restore keeps the memory of the Spaces it keeps and drops that of the
// Spaces it takes away, and puts back their queued events; an import starts its Space over (its queue dropped);
// a reset drops a Space's contacts, companies, events and queue; no id comes back.
import fc from 'fast-check'
import { expect } from 'vitest'
import {
  type Command, copyStored, idsOf, type Model, pick, type Real, type Resource, type SpaceModel, START_MS
} from '../model.js'

function forgetData (space: SpaceModel): void {
  space.contacts = []
  space.companies = []
  space.events = []
  space.queue = []
}

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
    forgetData(space)
    forgetMemory(space)
  }

  toString (): string { return `resetSpace #${this.index}` }
}

class ResetAll implements Command {
  check (): boolean { return true }
  async run (m: Model, r: Real): Promise<void> {
    expect((await r.control('POST', '/reset')).body).toEqual({ reset: m.spaces.map((s) => s.id) })
    for (const space of m.spaces) {
      forgetData(space)
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

/**
 * Export one Space and import it into another (or itself): the same companies, contacts (linked to the same
 * companies), conversions and settings, the name kept; new ids, in the order of the originals.
 */
class ImportCopy implements Command {
  constructor (readonly from: number, readonly to: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const source = pick(m.spaces, this.from) as SpaceModel
    const target = pick(m.spaces, this.to) as SpaceModel
    const exported = (await r.control('GET', `/spaces/${source.id}/export`)).body
    expect(exported.contacts).toHaveLength(source.contacts.length)
    expect(exported.companies).toHaveLength(source.companies.length)
    expect(await r.control('POST', `/spaces/${target.id}/import`, exported))
      .toMatchObject({ status: 200, body: { contacts: source.contacts.length } })
    // The copies' new ids, oldest first as the export lists them: read from the database, not through the
    // API, so that reading them spends nothing of the Space's journal.
    const copy = <T extends { id: number }>(list: T[], ids: number[], max: 'maxContactId' | 'maxCompanyId' |
      'maxEventId'): { copies: T[], ids: Map<number, number> } => {
      expect(ids).toHaveLength(list.length)
      const copies = [...list].sort((a, b) => a.id - b.id).map((row, i) => ({ ...structuredClone(row), id: ids[i] }))
      for (const id of ids) expect(id).toBeGreaterThan(m[max])
      if (ids.length > 0) m[max] = Math.max(...ids)
      return {
        copies: copies as T[],
        ids: new Map([...list].sort((a, b) => a.id - b.id).map((row, i) => [row.id,
          ids[i] as number]))
      }
    }
    const companies = copy(source.companies, idsOf(r, target, 'companies'), 'maxCompanyId')
    const contacts = copy(source.contacts, idsOf(r, target, 'contacts'), 'maxContactId')
    for (const contact of contacts.copies) {
      contact.companyId = contact.companyId === null ? null : companies.ids.get(contact.companyId) ?? null
      // The export lists a collection in position order: the copy's names are one write (Decision D17).
      contact.write = { ...contact.write, names: [...contact.write.names, ...contact.gainedNames] }
      contact.gainedNames = []
    }
    // Conversions are written contact by contact: a contact's keep their order; read each new one's contact.
    const rows = r.t.database.sqlite.prepare('select e.id, e.contact_id from events e join spaces s on ' +
      's.partition_id = e.partition_id where s.id = ? and e.kind = \'conversion\' order by e.id')
      .all(target.id) as Array<{ id: number, contact_id: number }>
    const events = contacts.copies.flatMap((contact) => {
      const originalId = [...contacts.ids].find(([, to]) => to === contact.id)?.[0]
      const mine = rows.filter((row) => row.contact_id === contact.id)
      const originals = source.events.filter((e) => e.contactId === originalId).sort((a, b) => a.id - b.id)
      expect(mine).toHaveLength(originals.length)
      return originals.map((e, i) => ({ ...e, id: (mine[i] as { id: number }).id, contactId: contact.id }))
    })
    for (const row of rows) expect(row.id).toBeGreaterThan(m.maxEventId)
    if (rows.length > 0) m.maxEventId = Math.max(...rows.map((row) => row.id))
    target.timeZone = source.timeZone
    target.contacts = contacts.copies
    target.companies = companies.copies
    target.events = events
    target.queue = []
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
