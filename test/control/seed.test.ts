import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, DEV_API_KEY } from '../../src/core/config.js'
import { fakeContacts } from '../../src/core/seed/fake.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp | undefined
let dir: string | undefined
afterEach(async () => {
  await t?.close()
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  t = undefined
  dir = undefined
})

const ada = {
  emails: ['ada@example.com', 'ada@work.example'],
  phones: ['+44 20 7946 0000'],
  names: ['Ada Lovelace'],
  locations: ['London'],
  custom_fields: { profile_field_1: 'vip', profile_field_16: 500, profile_field_26: '2024-05-01 00:00:00' },
  created_at: '2023-12-01T10:00:00.000Z',
  comet_tokens: [{ token: 'ct_1', created_at: '2023-12-01T10:00:00.000Z' }],
  tracking_ids: ['trk-1'],
  fingerprints: [{ fingerprint: 'fp-1', ip: '203.0.113.9' }],
  conversions: [{
    event_name: 'purchase',
    event_time: '2023-12-02T10:00:00.000Z',
    amount: 99.5,
    order_id: 'o-1',
    order_name: '#1001',
    is_upsell: false,
    url: 'https://www.example.com/thanks'
  }],
  touchpoints: [{
    source: 'google_ads',
    event_time: '2023-12-02T09:00:00.000Z',
    url: 'https://www.example.com/?gclid=1',
    referrer_host: 'www.google.com',
    ad_id: '1',
    ad_name: 'Ad',
    adset_id: '2',
    adset_name: 'Set',
    campaign_id: '3',
    campaign_name: 'Spring',
    account_id: '4',
    account_name: 'Account'
  }],
  browsing_session_hits: [{
    event_url: 'https://www.example.com/pricing?utm_source=google',
    referrer_host: 'www.google.com',
    source: 'google_organic',
    country: 'US',
    device_type: 'desktop',
    browser: 'Chrome',
    os: 'macOS',
    event_name: 'page_view',
    event_time: '2023-12-01T09:59:00.000Z'
  }]
}

const count = (sql: string): number => (t!.database.sqlite.prepare(sql).get() as { n: number }).n

describe('seed, export and import', () => {
  it('seeds contacts with every collection and activity, and exports them back as they were', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    expect(await control('POST', '/spaces/1/seed', { contacts: [ada] }))
      .toMatchObject({ status: 201, body: { contacts: 1 } })
    expect([
      count('select count(*) as n from comet_tokens'),
      count('select count(*) as n from events'),
      count('select count(*) as n from browsing_session_hits')
    ]).toEqual([1, 2, 1])
    const exported = await control('GET', '/spaces/1/export')
    expect(exported.status).toBe(200)
    expect(exported.body).toEqual({
      space: {
        name: 'Default Space',
        time_zone: 'UTC',
        subscription_active: true,
        custom_field_labels: {},
        custom_event_labels: {},
        rate_limits: {}
      },
      // The contact's business email made its company (Decision D32).
      companies: [{ domain: 'example.com', name: 'example.com', created_at: '2023-12-01T10:00:00.000Z' }],
      // Dates carry their zone, so an import into a Space of any time zone reads the same instant.
      // ... and the contact names its company's domain, the link an import keeps.
      contacts: [{
        ...ada,
        custom_fields: { ...ada.custom_fields, profile_field_26: '2024-05-01T00:00:00Z' },
        company: 'example.com'
      }]
    })
  })

  it('an import keeps each contact\'s company, even one whose domain a PUT changed (Decision D32)', async () => {
    // The model-based test's shrunk case: a contact of a.com; its company's domain changed to acme.example; the
    // Space exported and imported: the copy made a second company, a.com, and linked the contact to it.
    t = await testApp()
    const control = controlClient(t.app)
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    await cometly('POST', '/contacts', { emails: ['a@a.com'] })
    await cometly('POST', '/contacts', { emails: ['b@gmail.com'] })
    const company = (await cometly('GET', '/companies')).body.data[0].id as number
    expect((await cometly('PUT', `/companies/${company}`, { domain: 'acme.example', name: 'Acme' })).status).toBe(200)
    await cometly('POST', '/events/track', { event_name: 'purchase', email: 'a@a.com' })
    await cometly('POST', '/events/track', { event_name: 'purchase', email: 'b@gmail.com' })
    await control('POST', '/spaces/1/events/drain')
    const exported = (await control('GET', '/spaces/1/export')).body
    expect(exported.contacts.map((c: { company: string | null }) => c.company)).toEqual(['acme.example', null])
    expect((await control('POST', '/spaces/1/import', exported)).status).toBe(200)
    const companies = (await cometly('GET', '/companies')).body.data as Array<{ id: number, domain: string }>
    expect(companies.map((c) => c.domain)).toEqual(['acme.example'])
    const events = (await cometly('GET', '/events?start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00' +
      '&fields[]=company_id')).body.data
    expect(events).toEqual([{ company_id: null }, { company_id: companies[0]?.id }])
    expect((await control('GET', '/spaces/1/export')).body).toEqual(exported)
  })

  it('imports an export into another Space, replacing what was there', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    await control('POST', '/spaces/1/seed', { contacts: [ada] })
    const exported = (await control('GET', '/spaces/1/export')).body
    const other = (await control('POST', '/spaces', { name: 'other' })).body
    await control('POST', `/spaces/${other.id as number}/seed`, { generate: { count: 3 } })
    expect(await control('POST', `/spaces/${other.id as number}/import`, exported))
      .toMatchObject({ status: 200, body: { contacts: 1 } })
    const copy = (await control('GET', `/spaces/${other.id as number}/export`)).body
    expect(copy).toEqual({ ...exported, space: { ...exported.space, name: 'other' } })
  })

  it('generates the same fake contacts from the same seed', async () => {
    expect(fakeContacts(50, 7, 0)).toEqual(fakeContacts(50, 7, 0))
    expect(fakeContacts(50, 7, 0)).not.toEqual(fakeContacts(50, 8, 0))
    t = await testApp()
    const control = controlClient(t.app)
    const other = (await control('POST', '/spaces', { name: 'other' })).body
    await control('POST', '/spaces/1/seed', { generate: { count: 25, seed: 7 } })
    await control('POST', `/spaces/${other.id as number}/seed`, { generate: { count: 25, seed: 7 } })
    const a = (await control('GET', '/spaces/1/export')).body.contacts
    const b = (await control('GET', `/spaces/${other.id as number}/export`)).body.contacts
    expect(a).toHaveLength(25)
    expect(a).toEqual(b)
    expect(new Set(a.map((c: { emails: string[] }) => c.emails[0])).size).toBe(25)
  })

  it.each([
    [{ contacts: [{ emails: ['not-an-email'] }] }, 'contacts.0.emails.0'],
    [{ contacts: [{ custom_fields: { profile_field_16: 'abc' } }] }, 'contacts.0.custom_fields.profile_field_16'],
    [{ generate: { count: 0 } }, 'generate.count']
  ])('refuses a bad seed %j with 422 and writes nothing', async (body, key) => {
    t = await testApp()
    const res = await controlClient(t.app)('POST', '/spaces/1/seed', body)
    expect(res.status).toBe(422)
    expect(Object.keys(res.body.errors)).toEqual([key])
    expect(count('select count(*) as n from contacts')).toBe(0)
  })

  it('writes all of a seed or none of it', async () => {
    t = await testApp()
    const res = await controlClient(t.app)('POST', '/spaces/1/seed', {
      contacts: [ada, { ...ada, created_at: 'not a date' }]
    })
    expect(res.status).toBe(422)
    expect(count('select count(*) as n from contacts')).toBe(0)
  })

  it('seeds Spaces from a configured folder at start, once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-test-'))
    mkdirSync(join(dir, 'seeds'))
    writeFileSync(join(dir, 'seeds', 'a.json'), JSON.stringify({
      spaces: [{ name: 'Default Space', contacts: [ada] }]
    }))
    writeFileSync(join(dir, 'seeds', 'b.json'), JSON.stringify({
      name: 'Staging',
      api_keys: ['staging-key-1234'],
      time_zone: 'Europe/Paris',
      generate: { count: 4, seed: 3 }
    }))
    // A Space seeded with companies alone is not empty on the next start either.
    writeFileSync(join(dir, 'seeds', 'c.json'), JSON.stringify({
      name: 'Firms',
      companies: [{ domain: 'only.example' }]
    }))
    const { openDatabase } = await import('../../src/db/connection.js')
    const database = openDatabase(join(dir, 'db.sqlite'))
    t = await testApp({ config: { seed: join(dir, 'seeds') }, database })
    expect((await controlClient(t.app)('GET', '/spaces')).body.data
      .map((s: { name: string, contacts: number, time_zone: string }) => [s.name, s.contacts, s.time_zone]))
      .toEqual([['Default Space', 1, 'UTC'], ['Staging', 4, 'Europe/Paris'], ['Firms', 0, 'UTC']])
    expect((await cometlyClient(t.app, 'staging-key-1234')('POST', '/contacts', { emails: ['a@example.com'] })).status)
      .toBe(201)
    await t.close()
    // A restart on the same file does not seed twice.
    t = await testApp({ config: { seed: join(dir, 'seeds') }, database: openDatabase(join(dir, 'db.sqlite')) })
    expect((await controlClient(t.app)('GET', '/spaces')).body.data.map((s: { contacts: number }) => s.contacts))
      .toEqual([1, 5, 0])
    expect(t.database.sqlite.prepare('select count(*) as n from companies where domain = ?').get('only.example'))
      .toEqual({ n: 1 })
  })

  it('seeds from inline JSON, as COMETLY_EMULATOR_SPACES takes it', async () => {
    const seed = JSON.stringify({ spaces: [{ name: 'Inline', api_keys: ['inline-key-1234'], contacts: [ada] }] })
    t = await testApp({ config: { seed: `  ${seed}` } })
    expect((await controlClient(t.app)('GET', '/spaces')).body.data
      .map((s: { name: string, contacts: number }) => [s.name, s.contacts]))
      .toEqual([['Default Space', 0], ['Inline', 1]])
    expect((await cometlyClient(t.app, 'inline-key-1234')('GET',
      '/contacts?start_date=2000-01-01 00:00:00&end_date=2100-01-01 00:00:00')).body.data
      .map((c: { email: string }) => c.email)).toEqual(['ada@example.com'])
  })

  it.each([
    ['{"spaces": [oops', /^seed inline JSON: not valid JSON: /],
    ['[{"name": "No contacts", "colour": "blue"}]', /^seed inline JSON: .*must NOT have additional properties/],
    ['/no/such/seed.json', /^seed \/no\/such\/seed\.json: cannot read it: ENOENT/]
  ])('refuses the seed %j with a ConfigError that names it', async (seed, message) => {
    const error = await testApp({ config: { seed } }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
  })
})

describe('snapshots', () => {
  it('snapshots the database by name and restores it, caches included', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    await cometly('POST', '/contacts', { emails: ['kept@example.com'] })
    const taken = await control('POST', '/snapshots', { name: 'before-test' })
    expect(taken).toMatchObject({ status: 201, body: { name: 'before-test', bytes: expect.any(Number) } })
    expect((await control('GET', '/snapshots')).body.data.map((s: { name: string }) => s.name)).toEqual(['before-test'])

    await cometly('POST', '/contacts', { emails: ['gone@example.com'] })
    const extra = (await control('POST', '/spaces', { name: 'made-after' })).body
    await control('POST', '/spaces/1/reset')

    expect(await control('POST', '/snapshots/before-test/restore'))
      .toMatchObject({ status: 200, body: { restored: 'before-test' } })
    expect(t.database.sqlite.prepare('select email from contacts order by id').all())
      .toEqual([{ email: 'kept@example.com' }])
    expect((await control('GET', '/spaces')).body.data
      .map((s: { name: string, contacts: number }) => [s.name, s.contacts]))
      .toEqual([['Default Space', 1]])
    // The registry was reloaded: the key of a Space made after the snapshot is gone; the new contact's id is not
    // the one `gone@example.com` had (no id handed out since the snapshot comes back).
    expect((await cometlyClient(t.app, extra.api_key)('POST', '/contacts', { emails: ['x@example.com'] })).status)
      .toBe(401)
    expect((await cometly('POST', '/contacts', { emails: ['next@example.com'] })).body.id).toBe(3)

    expect((await control('DELETE', '/snapshots/before-test')).status).toBe(204)
    expect(await control('POST', '/snapshots/before-test/restore'))
      .toMatchObject({ status: 404, body: { message: 'Snapshot "before-test" not found.' } })
  })

  it.each(['../escape', 'a/b', '', '.hidden'])('refuses the snapshot name %j', async (name) => {
    t = await testApp()
    expect((await controlClient(t.app)('POST', '/snapshots', { name })).status).toBe(422)
  })
})
