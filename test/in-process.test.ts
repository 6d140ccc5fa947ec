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
    const entries = await e.requests({ spaceId: space.id })
    expect(entries.map((r) => r.status)).toEqual([500, 201])
    // Plain objects, every field its own (the journal computes some when first read), so they compare and copy.
    expect(Object.keys(entries[1] ?? {})).toEqual(['id', 'space_id', 'time', 'method', 'path', 'route', 'query',
      'headers', 'body', 'status', 'response_headers', 'response_body', 'duration_ms', 'rate_limit', 'fault'])
    expect(structuredClone(entries)).toEqual(entries)
    expect(entries[1]?.response_body).toMatchObject({ emails: ['b@example.com'] })
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

describe('the handle takes what its docs say, and checks it as the control plane does', () => {
  it('addKey(id, key) uses that key; addKey(id, { key, scopes }) too; addKey(id) makes one', async () => {
    emulator = await startEmulator()
    const e = emulator
    const space = await e.createSpace()
    const given = await e.addKey(space.id, 'my-own-key-123')
    expect(given.key).toBe('my-own-key-123')
    const scoped = await e.addKey(space.id, { key: 'scoped-key-456', scopes: ['contacts'] })
    expect(scoped).toMatchObject({ key: 'scoped-key-456', scopes: ['contacts'] })
    expect((await e.addKey(space.id)).key).toMatch(/^cem_/)
    const res = await fetch(`${e.url}/public-api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: 'Bearer my-own-key-123', 'content-type': 'application/json' },
      body: JSON.stringify({ emails: ['a@example.com'] })
    })
    expect(res.status).toBe(201)
  })

  it('a value out of bounds rejects with the control plane\'s 422 and changes nothing', async () => {
    emulator = await startEmulator()
    const e = emulator
    const space = await e.createSpace()
    const refused = (field: string, message: string) =>
      expect.objectContaining({ statusCode: 422, errors: { [field]: [message] } })
    await expect(e.addKey(space.id, 'short')).rejects
      .toEqual(refused('key', 'The key field must be at least 8 characters.'))
    await expect(e.addFault({ spaceId: space.id, status: 429, retry_after: 1e21 })).rejects
      .toEqual(refused('retry_after', 'The retry after field must be between 1 and 86400.'))
    await expect(e.updateSpace(space.id, { rate_limits: { scale: Infinity } })).rejects
      .toEqual(refused('rate_limits.scale', 'The rate limits.scale field must be between 0.001 and 1000.'))
    await expect(e.seed({ contacts: [{ emails: ['a@example.com'], custom_fields: { profile_field_16: 1e300 } }] }))
      .rejects.toEqual(refused('contacts.0.custom_fields.profile_field_16',
        'The contacts.0.custom_fields.profile_field_16 field must be between -1000000000000000 and 1000000000000000.'))
    const before = e.clock.now()
    expect(() => e.clock.set(new Date(8.64e15))).toThrow(expect.objectContaining({ statusCode: 422 }))
    expect(() => e.clock.advance(Number.MAX_VALUE)).toThrow(expect.objectContaining({ statusCode: 422 }))
    expect(() => e.clock.freeze(new Date('not a date'))).toThrow(expect.objectContaining({ statusCode: 422 }))
    expect(e.clock.now().getTime() - before.getTime()).toBeLessThan(5000)
    expect(await e.spaces()).toMatchObject([{ id: 1 }, { id: space.id, rate_limits: {}, contacts: 0 }])
    expect((await e.spaces())[1]?.api_keys).toHaveLength(1)
  })
})
