import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../helpers/app.js'

const SPACES = [
  { name: 'Lapsed', api_keys: ['lapsed-key'], subscription_active: false },
  {
    name: 'Scoped',
    api_keys: [{
      key: 'events-only-key',
      scopes: ['events' as const]
    }, { key: 'contacts-key', scopes: ['contacts' as const] }]
  }
]

let t: TestApp
beforeEach(async () => { t = await testApp({ config: { spaces: SPACES } }) })
afterEach(async () => { await t.close() })

const create = async (authorization?: string) => await t.app.inject({
  method: 'POST',
  url: '/public-api/v1/contacts',
  headers: authorization === undefined ? {} : { authorization },
  payload: { emails: ['a@example.com'] }
})

describe('authentication', () => {
  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic Y29tZXRseS1kZXYta2V5Og=='],
    ['Bearer with no key', 'Bearer '],
    ['Bearer alone', 'Bearer'],
    ['an unknown key', 'Bearer not-a-key'],
    ['the dev key with a suffix', 'Bearer cometly-dev-key2'],
    ['the key without Bearer', 'cometly-dev-key']
  ])('%s → 401', async (_name, authorization) => {
    const res = await create(authorization)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ message: 'Unauthenticated.' })
    // Authentication runs before the limiter: nothing is spent, so no rate-limit headers.
    expect(res.headers['x-ratelimit-limit']).toBeUndefined()
    expect(res.headers['x-request-id']).toEqual(expect.any(String))
  })

  it('accepts the scheme in any case', async () => {
    expect((await create('bearer cometly-dev-key')).statusCode).toBe(201)
  })

  it('a 401 spends no budget', async () => {
    for (let i = 0; i < 5; i++) await create('Bearer wrong')
    const res = await create('Bearer cometly-dev-key')
    expect(res.headers['x-ratelimit-remaining']).toBe('59')
  })

  // Decision D9: the two halves of the documented 403 description; Decisions D10, D11: a 403 spends budget
  // and carries the rate-limit headers.
  it('an inactive subscription → 403, counted against the Space\'s budget', async () => {
    const res = await create('Bearer lapsed-key')
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ message: 'Your Cometly subscription is inactive' })
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.headers['x-ratelimit-remaining']).toBe('59')
    expect((await create('Bearer lapsed-key')).headers['x-ratelimit-remaining']).toBe('58')
    expect(t.database.sqlite.prepare('select count(*) as n from contacts').get()).toEqual({ n: 0 })
  })

  it('a key restricted to other resources → 403, counted against the Space\'s budget', async () => {
    const res = await create('Bearer events-only-key')
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ message: 'API key doesn\'t have permission for this resource' })
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.headers['x-ratelimit-remaining']).toBe('59')
    expect((await create('Bearer events-only-key')).headers['x-ratelimit-remaining']).toBe('58')
  })

  it('a key restricted to contacts may create contacts', async () => {
    const res = await create('Bearer contacts-key')
    expect(res.statusCode).toBe(201)
  })

  it('stores only a hash of each key', async () => {
    const rows = t.database.sqlite.prepare('select key_hash, key_hint from api_keys order by id')
      .all() as Array<{ key_hash: string, key_hint: string }>
    expect(rows).toHaveLength(4)
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/)
      expect(row.key_hint).toMatch(/^….{4}$/)
    }
    const dump = JSON.stringify(t.database.sqlite.prepare('select * from api_keys').all())
    for (const key of ['cometly-dev-key', 'lapsed-key', 'events-only-key', 'contacts-key']) {
      expect(dump).not.toContain(key)
    }
  })

  // The registry remembers each key's digest (never its credential) for up to 1,024 keys, then starts again.
  it('a flood of unknown keys neither locks out a known key nor revives a revoked one', async () => {
    const spaces = (await t.app.inject({ method: 'GET', url: '/_emulator/spaces' })).json() as
      { data: Array<{ id: number, name: string, api_keys: Array<{ id: number }> }> }
    const scoped = spaces.data.find((space) => space.name === 'Scoped')
    expect((await create('Bearer contacts-key')).statusCode).toBe(201)
    for (let i = 0; i < 1500; i++) expect((await create(`Bearer made-up-key-${i}`)).statusCode).toBe(401)
    expect((await create('Bearer contacts-key')).statusCode).toBe(201)
    expect((await create('Bearer cometly-dev-key')).statusCode).toBe(201)
    // Revoked while its digest is remembered: refused on the very next request. Its id is the Space's second.
    const revoke = `/_emulator/spaces/${scoped?.id ?? 0}/keys/${scoped?.api_keys[1]?.id ?? 0}`
    expect((await t.app.inject({ method: 'DELETE', url: revoke })).statusCode).toBe(204)
    const after = await create('Bearer contacts-key')
    expect(after.statusCode).toBe(401)
    expect(after.json()).toEqual({ message: 'Unauthenticated.' })
  })
})
