// @ts-nocheck
// A Space export imports back whatever its size: the control plane has its own body limit
// (COMETLY_EMULATOR_CONTROL_BODY_LIMIT), apart from the Cometly surface's 1 MiB.
import { afterEach, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.js'
import { controlClient } from '../helpers/control.js'

let t: TestApp
afterEach(async () => { await t.close() })

describe('Space export, then import', () => {
  it('3,000 generated contacts (several MiB of JSON) import back as they were', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    const seeded = await control('POST', '/spaces/1/seed', { generate: { count: 3000, seed: 11 } })
    expect(seeded.body).toEqual({ contacts: 3000 })
    const exported = await t.app.inject({ method: 'GET', url: '/_emulator/spaces/1/export' })
    const bytes = Buffer.byteLength(exported.body)
    expect(bytes).toBeGreaterThan(2 * t.app.emulator.config.bodyLimit)
    const other = (await control('POST', '/spaces', { name: 'copy' })).body as { id: number }
    const imported = await t.app.inject({
      method: 'POST',
      url: `/_emulator/spaces/${other.id}/import`,
      payload: exported.body,
      headers: { 'content-type': 'application/json' }
    })
    expect({ status: imported.statusCode, body: imported.json() }).toEqual({ status: 200, body: { contacts: 3000 } })
    const copy = (await control('GET', `/spaces/${other.id}/export`)).body
    const original = exported.json()
    // An import keeps the Space's own name; everything else is the export's.
    expect(copy.space).toEqual({ ...original.space, name: 'copy' })
    expect(copy.contacts.length).toBe(3000)
    for (let i = 0; i < 3000; i += 1) expect(copy.contacts[i]).toEqual(original.contacts[i])
  }, 60_000)

  it('the control plane\'s limit is its own option: past it, a 413 in the envelope and nothing changes', async () => {
    t = await testApp({ config: { controlBodyLimit: 4096 } })
    const control = controlClient(t.app)
    const contacts = Array.from({ length: 300 }, (_, i) => ({ emails: [`c${i}@example.com`] }))
    const res = await control('POST', '/spaces/1/import', { contacts })
    expect(res).toMatchObject({ status: 413, body: { message: 'The POST data is too large.' } })
    expect((await control('GET', '/spaces/1')).body.contacts).toBe(0)
    // The Cometly surface keeps its own limit.
    const big = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'], padding: 'x'.repeat(t.app.emulator.config.bodyLimit) }
    })
    expect(big.statusCode).toBe(413)
  })
})
