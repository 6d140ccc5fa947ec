// The journal's parts the inspector relies on: listeners, finding an entry by id, and the list filters.
import { describe, expect, it } from 'vitest'
import { Journal, type JournalEntry, summarize } from '../../src/core/journal.js'

function entry (journal: Journal, spaceId: number | null, status = 200): JournalEntry {
  return {
    id: journal.nextId(),
    space_id: spaceId,
    time: '2024-01-01T00:00:00.000Z',
    method: 'GET',
    path: '/public-api/v1/contacts/1',
    route: '/public-api/v1/contacts/:id',
    query: {},
    headers: {},
    body: null,
    status,
    response_headers: status === 201 ? { 'x-emulator-warning': 'ignored unknown fields: "x"' } : {},
    response_body: null,
    duration_ms: 1,
    rate_limit: null,
    fault: null
  }
}

describe('Journal', () => {
  it('tells each listener about every entry recorded until it stops listening', () => {
    const journal = new Journal(10)
    const seen: number[] = []
    const stop = journal.subscribe((e) => { seen.push(e.id) })
    journal.record(entry(journal, 1))
    journal.record(entry(journal, null))
    expect(journal.listeners).toBe(1)
    stop()
    journal.record(entry(journal, 1))
    expect(seen).toEqual([1, 2])
    expect(journal.listeners).toBe(0)
  })

  it('records the entry even when a listener throws, and still tells the others', () => {
    const journal = new Journal(10)
    const seen: number[] = []
    journal.subscribe(() => { throw new Error('broken reader') })
    journal.subscribe((e) => { seen.push(e.id) })
    expect(() => { journal.record(entry(journal, 1)) }).not.toThrow()
    expect(seen).toEqual([1])
    expect(journal.entries().map((e) => e.id)).toEqual([1])
  })

  it('finds an entry by id in any ring, and no longer once its ring dropped it', () => {
    const journal = new Journal(3)
    for (let i = 0; i < 8; i++) journal.record(entry(journal, i % 2 === 0 ? 1 : 2))
    // Space 1 keeps ids 3, 5, 7 (its ring wrapped); Space 2 keeps 4, 6, 8.
    expect(journal.entries(1).map((e) => e.id)).toEqual([3, 5, 7])
    for (const id of [3, 4, 5, 6, 7, 8]) expect(journal.get(id)?.id).toBe(id)
    for (const id of [1, 2, 9]) expect(journal.get(id)).toBeUndefined()
  })

  it('filters by status class and pages back with before_id', () => {
    const journal = new Journal(10)
    for (const status of [201, 422, 0, 503, 200]) journal.record(entry(journal, 1, status))
    const ids = (filter: Parameters<Journal['query']>[1]) => journal.query(1, filter).map((e) => e.id)
    expect(ids({ status_class: 2 })).toEqual([1, 5])
    expect(ids({ status_class: 0 })).toEqual([3])
    expect(ids({ before_id: 4 })).toEqual([1, 2, 3])
    expect(ids({ before_id: 5, limit: 2 })).toEqual([3, 4])
  })

  it('summarizes an entry with the warning its answer carried', () => {
    const journal = new Journal(10)
    const e = entry(journal, 1, 201)
    expect(summarize(e)).toEqual({
      id: 1,
      space_id: 1,
      time: '2024-01-01T00:00:00.000Z',
      method: 'GET',
      path: '/public-api/v1/contacts/1',
      route: '/public-api/v1/contacts/:id',
      status: 201,
      duration_ms: 1,
      rate_limit: null,
      fault: null,
      warning: 'ignored unknown fields: "x"'
    })
  })
})
