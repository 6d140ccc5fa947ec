import { afterEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

const resources = (): string[] =>
  process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'Timeout').sort()

describe('startEmulator()', () => {
  it('starts on port 0 with an in-memory database and closes leaving no open handles', async () => {
    const before = resources()
    const e = await startEmulator()
    expect(e.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(e.port).toBeGreaterThan(0)
    expect(e.spaceId).toBe(1)
    const res = await fetch(`${e.url}/public-api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${e.apiKey}`, 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ emails: ['a@example.com'] })
    })
    expect(res.status).toBe(201)
    await e.snapshot('in-process')
    await e.close()
    // A closed handle leaves the list on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve))
    expect(resources()).toEqual(before)
    await expect(fetch(`${e.url}/_emulator/health`)).rejects.toThrow()
  })

  it('drives Spaces, the journal, faults, the clock, seeds and snapshots through typed methods', async () => {
    emulator = await startEmulator()
    const e = emulator
    const space = await e.createSpace({ name: 'worker-1' })
    const call = async (key: string, body: object = { emails: ['a@example.com'] }) =>
      await fetch(`${e.url}/public-api/v1/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })

    await e.addFault({ spaceId: space.id, status: 500, times: 1 })
    expect((await call(space.api_key)).status).toBe(500)
    expect((await call(space.api_key, { emails: ['b@example.com'] })).status).toBe(201)
    expect(await e.countRequests({ spaceId: space.id, body: { emails: ['b@example.com'] } })).toBe(1)
    expect((await e.requests({ spaceId: space.id })).map((r) => r.status)).toEqual([500, 201])
    expect(await e.requests()).toEqual([])

    e.clock.freeze('2030-01-01T00:00:00Z')
    expect(e.clock.advance(60_000).toISOString()).toBe('2030-01-01T00:01:00.000Z')
    expect(e.clock.set('2031-01-01T00:00:00Z', { spaceId: space.id }).toISOString()).toBe('2031-01-01T00:00:00.000Z')
    expect(e.clock.now().toISOString()).toBe('2030-01-01T00:01:00.000Z')

    expect(await e.seed({ generate: { count: 10, seed: 5 } })).toBe(10)
    expect((await e.exportSpace()).contacts).toHaveLength(10)
    await e.snapshot('ten')
    await e.reset()
    expect((await e.spaces()).map((s) => s.contacts)).toEqual([0, 0])
    expect(e.clock.now().getFullYear()).toBeLessThan(2030)
    await e.restore('ten')
    expect((await e.spaces()).map((s) => s.contacts)).toEqual([10, 1])

    const key = await e.addKey(space.id)
    expect((await call(key.key)).status).toBe(201)
    await e.revokeKey(space.id, key.id)
    expect((await call(key.key)).status).toBe(401)
    await e.deleteSpace(space.id)
    expect((await e.spaces()).map((s) => s.name)).toEqual(['Default Space'])
  })
})
