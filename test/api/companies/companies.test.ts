// The companies resource (Decisions D32 to D34): where companies come from, list, get and update.
import { afterEach, describe, expect, it } from 'vitest'
import { FREE_MAIL_DOMAINS } from '../../../src/wire/company-domains.js'
import { controlClient } from '../../helpers/control.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/companies'
const OTHER = { authorization: 'Bearer other-key' }

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (config: object = {}): Promise<void> {
  t = await testApp({ config: { spaces: [{ name: 'Other', api_keys: ['other-key'] }], ...config } })
}

const createContact = async (emails: string[], headers: Record<string, string> = {}) =>
  (await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: { emails }, headers })).json()
    .id as number
const put = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
  await t.request({ method: 'PUT', url: `${BASE}/${url}`, payload: body as object, headers })
const get = async (url: string, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `${BASE}${url}`, headers })
const companyOf = (contactId: number): number | null =>
  (t.database.sqlite.prepare('select company_id from contacts where id = ?')
    .get(contactId) as { company_id: number | null }).company_id

describe('where companies come from (Decision D32)', () => {
  it('a business primary email links its contact to the company of its lower-cased domain, made once', async () => {
    await setup()
    t.clock.set('2024-03-01T10:00:00.750Z')
    const a = await createContact(['ada@Acme.COM', 'ada@gmail.com'])
    t.clock.advance(60_000)
    const b = await createContact(['bob@acme.com'])
    const c = await createContact(['cy@personal.example', 'cy@acme.com'])
    expect([companyOf(a), companyOf(b), companyOf(c)]).toEqual([1, 1, 2])
    const rows = t.database.sqlite.prepare('select id, domain, domain_key, name, created_at from companies order by id')
    expect(rows.all())
      .toEqual([
        // created_at: the contact's, to the whole second.
        {
          id: 1,
          domain: 'acme.com',
          domain_key: 'acme.com',
          name: 'acme.com',
          created_at: Date.parse('2024-03-01T10:00:00Z')
        },
        {
          id: 2,
          domain: 'personal.example',
          domain_key: 'personal.example',
          name: 'personal.example',
          created_at: Date.parse('2024-03-01T10:01:00Z')
        }
      ])
  })

  it.each([...FREE_MAIL_DOMAINS])('a primary email at the free-mail domain %s makes no company', async (domain) => {
    await setup()
    const id = await createContact([`someone@${domain.toUpperCase()}`])
    expect(companyOf(id)).toBeNull()
    expect(t.database.sqlite.prepare('select count(*) as n from companies').get()).toEqual({ n: 0 })
  })

  it('lists exactly the sixteen free-mail domains of the Decision', () => {
    expect([...FREE_MAIL_DOMAINS].sort()).toEqual([
      'aol.com', 'gmail.com', 'gmx.com', 'googlemail.com', 'hotmail.com', 'icloud.com', 'live.com', 'mac.com',
      'mail.com', 'me.com', 'msn.com', 'outlook.com', 'proton.me', 'protonmail.com', 'yahoo.com', 'yandex.com'
    ])
  })

  it('a PUT of emails relinks: to the new domain\'s company (made now), or to none', async () => {
    await setup()
    const id = await createContact(['a@acme.com'])
    t.clock.advance(5000)
    const put = async (emails: string[]) => await t.request({
      method: 'PUT', url: `/public-api/v1/contacts/${id}`, payload: { emails }
    })
    expect((await put(['a@beta.example'])).statusCode).toBe(200)
    expect(companyOf(id)).toBe(2)
    expect(t.database.sqlite.prepare('select created_at from companies where id = 2').get())
      .toEqual({ created_at: Date.parse('2024-01-01T00:00:05Z') })
    await put(['a@outlook.com', 'a@acme.com'])
    expect(companyOf(id)).toBeNull()
    await put([])
    expect(companyOf(id)).toBeNull()
    await put(['A@ACME.com'])
    expect(companyOf(id)).toBe(1)
    // Other fields leave the link alone; companies are never deleted.
    await t.request({ method: 'PUT', url: `/public-api/v1/contacts/${id}`, payload: { names: ['A'] } })
    expect(companyOf(id)).toBe(1)
    expect(t.database.sqlite.prepare('select count(*) as n from companies').get()).toEqual({ n: 2 })
  })

  it('a seed links contacts to seeded companies by domain, in any case', async () => {
    await setup()
    const control = controlClient(t.app)
    const seeded = await control('POST', '/spaces/1/seed', {
      companies: [{ domain: 'Acme.com', name: 'Acme', created_at: '2023-05-01T12:00:00.900Z' }],
      contacts: [{ emails: ['x@ACME.com'] }, { emails: ['y@new.example'], created_at: '2023-06-01T00:00:00Z' }]
    })
    expect(seeded.status).toBe(201)
    expect((await get('/1')).json()).toEqual({ id: 1, domain: 'Acme.com', name: 'Acme' })
    expect((await get('/2')).json()).toEqual({ id: 2, domain: 'new.example', name: 'new.example' })
    expect([companyOf(1), companyOf(2)]).toEqual([1, 2])
    const twice = await control('POST', '/spaces/1/seed', { companies: [{ domain: 'ACME.COM' }] })
    expect(twice.status).toBe(422)
    expect(twice.body).toEqual({
      message: 'The companies field is invalid: the domain "ACME.COM" is in the seed twice.',
      errors: { companies: ['The companies field is invalid: the domain "ACME.COM" is in the seed twice.'] }
    })
  })
})

describe('GET /public-api/v1/companies', () => {
  it('answers {id, domain} rows newest first (creation second, then id) in the cursor envelope', async () => {
    await setup()
    t.clock.set('2024-05-01T00:00:00.100Z')
    await createContact(['a@one.example'])
    t.clock.set('2024-05-01T00:00:00.900Z')
    await createContact(['a@two.example'])
    t.clock.set('2024-04-01T00:00:00Z')
    await createContact(['a@older.example'])
    const res = await get('')
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-ratelimit-limit']).toBe('15')
    expect(res.headers['x-ratelimit-remaining']).toBe('14')
    expect(res.headers['x-emulator-warning']).toBeUndefined()
    expect(res.json()).toEqual({
      data: [{ id: 2, domain: 'two.example' }, { id: 1, domain: 'one.example' }, { id: 3, domain: 'older.example' }],
      path: 'http://localhost:80/public-api/v1/companies',
      per_page: 200,
      next_cursor: null,
      next_page_url: null,
      prev_cursor: null,
      prev_page_url: null
    })
  })

  it('filters on creation time in the Space\'s time zone; either end may be absent, both count', async () => {
    await setup({ spaces: [{ name: 'Default Space', time_zone: 'America/New_York' }] })
    t.clock.set('2024-01-02T04:59:59Z') // 2024-01-01 23:59:59 in New York
    await createContact(['a@first.example'])
    t.clock.set('2024-01-02T05:00:00Z') // 2024-01-02 00:00:00 in New York
    await createContact(['a@second.example'])
    const ids = async (query: string) => (await get(`?${query}`)).json().data.map((row: { id: number }) => row.id)
    expect(await ids('start_date=2024-01-02%2000:00:00')).toEqual([2])
    expect(await ids('end_date=2024-01-01%2023:59:59')).toEqual([1])
    expect(await ids('start_date=2024-01-01%2023:59:59&end_date=2024-01-02%2000:00:00')).toEqual([2, 1])
    expect(await ids('')).toEqual([2, 1])
  })

  it.each([
    ['per_page=0', { per_page: ['The per page field must be between 1 and 5000.'] }],
    ['per_page=5001', { per_page: ['The per page field must be between 1 and 5000.'] }],
    ['per_page=ten', { per_page: ['The per page field must be an integer.'] }],
    ['start_date=2024-01-01', { start_date: ['The start date field must match the format Y-m-d H:i:s.'] }],
    ['end_date=yesterday', { end_date: ['The end date field must match the format Y-m-d H:i:s.'] }],
    ['start_date=2024-01-02%2000:00:00&end_date=2024-01-02%2000:00:00',
      { end_date: ['The end date field must be a date after start date.'] }]
  ])('422 for %s', async (query, errors) => {
    await setup()
    const res = await get(`?${query}`)
    expect(res.statusCode).toBe(422)
    expect(res.headers['x-ratelimit-remaining']).toBe('14')
    expect(res.json()).toEqual({ message: Object.values(errors)[0]?.[0], errors })
  })

  it.each([['1'], ['5000']])('accepts per_page=%s', async (perPage) => {
    await setup()
    expect((await get(`?per_page=${perPage}`)).json().per_page).toBe(Number(perPage))
  })

  it('walks a few hundred companies, several a second, forward and back: each once, in order', async () => {
    await setup({ rateLimits: false })
    // 320 companies over 80 seconds: four share each second, so the cursor must break ties on the id.
    const companies = Array.from({ length: 320 }, (_, i) => ({
      domain: `c${i}.example`, created_at: Date.UTC(2024, 0, 1, 0, 0, Math.floor(i / 4))
    }))
    expect((await controlClient(t.app)('POST', '/spaces/1/seed', { companies })).status).toBe(201)
    const expected = (t.database.sqlite.prepare('select id from companies order by created_at desc, id desc')
      .all() as Array<{ id: number }>).map((row) => row.id)
    const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}` }
    const forward: number[][] = []
    let url: string | null = `${BASE}?per_page=37`
    let page: any
    while (url !== null) {
      page = (await t.request({ method: 'GET', url })).json()
      expect(page.data.length).toBeGreaterThan(0)
      forward.push(page.data.map((row: { id: number }) => row.id))
      url = page.next_page_url === null ? null : pathOf(page.next_page_url)
    }
    expect(forward.flat()).toEqual(expected)
    expect(forward).toHaveLength(Math.ceil(320 / 37))
    const backward: number[][] = []
    url = pathOf(page.prev_page_url)
    while (url !== null) {
      page = (await t.request({ method: 'GET', url })).json()
      backward.unshift(page.data.map((row: { id: number }) => row.id))
      url = page.prev_page_url === null ? null : pathOf(page.prev_page_url)
    }
    expect(backward).toEqual(forward.slice(0, -1))
  })

  it('cursors hold the creation second (UTC) and the id in Laravel\'s form; an unreadable one is the first page',
    async () => {
      await setup()
      t.clock.set('2024-02-03T04:05:06.700Z')
      await createContact(['a@one.example'])
      await createContact(['a@two.example'])
      const first = (await get('?per_page=1')).json()
      expect(JSON.parse(Buffer.from(first.next_cursor, 'base64url').toString()))
        .toEqual({ created_at: '2024-02-03 04:05:06', id: 2, _pointsToNextItems: true })
      for (const cursor of ['garbage', Buffer.from('{"id":2,"_pointsToNextItems":true}').toString('base64url'),
        Buffer.from('{"created_at":"tomorrow","id":2,"_pointsToNextItems":true}').toString('base64url')]) {
        const res = await get(`?per_page=1&cursor=${cursor}`)
        expect(res.json().data).toEqual([{ id: 2, domain: 'two.example' }])
        expect(String(res.headers['x-emulator-warning']))
          .toMatch(/^cursor is not a cursor of this endpoint; showing the first page/)
      }
    })
})

describe('GET /public-api/v1/companies/{id}', () => {
  it('answers the company itself, 404 and 422 with the documented texts', async () => {
    await setup()
    await createContact(['a@acme.com'])
    const res = await get('/1')
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-ratelimit-limit']).toBe('15')
    expect(res.json()).toEqual({ id: 1, domain: 'acme.com', name: 'acme.com' })
    for (const missing of [await get('/2'), await get('/1', OTHER), await get('/9223372036854775807')]) {
      expect(missing.statusCode).toBe(404)
      expect(missing.json()).toEqual({ message: 'Company not found' })
    }
    for (const bad of ['abc', '0', '-1', '1.0', '9223372036854775808']) {
      const invalid = await get(`/${bad}`)
      expect(invalid.statusCode).toBe(422)
      expect(invalid.json())
        .toEqual({ message: 'Invalid company ID provided', errors: { id: ['Invalid company ID provided'] } })
    }
  })
})

describe('PUT /public-api/v1/companies/{id} (Decision D34)', () => {
  it('is sparse, answers the full company and never relinks contacts', async () => {
    await setup()
    const contact = await createContact(['a@acme.com'])
    const res = await put('1', { name: 'Acme Inc' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.json()).toEqual({ id: 1, domain: 'acme.com', name: 'Acme Inc' })
    expect((await put('1', { domain: 'Acme.Example' })).json())
      .toEqual({ id: 1, domain: 'Acme.Example', name: 'Acme Inc' })
    expect((await get('/1')).json()).toEqual({ id: 1, domain: 'Acme.Example', name: 'Acme Inc' })
    expect(companyOf(contact)).toBe(1)
    // The company now answers for its new domain: a new contact there links to it.
    expect(companyOf(await createContact(['b@acme.example']))).toBe(1)
    expect(companyOf(await createContact(['c@acme.com']))).toBe(2)
    const both = await put('1', { domain: 'acme.example', name: 'A', ignored: true })
    expect(both.json()).toEqual({ id: 1, domain: 'acme.example', name: 'A' })
    expect(both.headers['x-emulator-warning']).toBe('ignored unknown fields: "ignored"')
  })

  it.each([
    [{}, {
      domain: ['The domain field is required when name is not present.'],
      name: ['The name field is required when domain is not present.']
    }],
    [{ domain: 'x.example', name: null }, { name: ['The name field must be a string.'] }],
    [{ name: '', domain: 'x.example' }, { name: ['The name field must be a string.'] }],
    [{ name: 7 }, { name: ['The name field must be a string.'] }],
    [{ domain: null }, {
      domain: ['The domain field is required when name is not present.'],
      name: ['The name field is required when domain is not present.']
    }],
    [{ name: 'n'.repeat(256) }, { name: ['The name field must not be greater than 255 characters.'] }],
    [{ domain: 'd'.repeat(256) }, { domain: ['The domain field must not be greater than 255 characters.'] }],
    [{ domain: 'OTHER.example' }, { domain: ['The domain has already been taken.'] }]
  ])('422 for %j, and nothing changes', async (body, errors) => {
    await setup()
    await createContact(['a@acme.com'])
    await createContact(['a@other.example'])
    const res = await put('1', body)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ message: expect.stringContaining(Object.values(errors)[0]?.[0] as string), errors })
    expect((await get('/1')).json()).toEqual({ id: 1, domain: 'acme.com', name: 'acme.com' })
  })

  it('accepts 255 characters, and the company\'s own domain in another case', async () => {
    await setup()
    await createContact(['a@acme.com'])
    expect((await put('1', { name: 'n'.repeat(255), domain: 'ACME.com' })).json())
      .toEqual({ id: 1, domain: 'ACME.com', name: 'n'.repeat(255) })
    // Characters, as Laravel's max counts them (mb_strlen): 255 emoji are 510 UTF-16 units, and within the bound.
    expect((await put('1', { name: '😀'.repeat(255) })).json())
      .toEqual({ id: 1, domain: 'ACME.com', name: '😀'.repeat(255) })
    expect((await put('1', { domain: '😀'.repeat(256) })).statusCode).toBe(422)
  })

  it('404 for an unknown or another Space\'s company, 422 for a malformed id', async () => {
    await setup()
    await createContact(['a@acme.com'])
    for (const res of [await put('2', { name: 'x' }), await put('1', { name: 'x' }, OTHER)]) {
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ message: 'Company not found' })
    }
    const bad = await put('x', { name: 'x' })
    expect(bad.json())
      .toEqual({ message: 'Invalid company ID provided', errors: { id: ['Invalid company ID provided'] } })
    expect((await get('/1')).json().name).toBe('acme.com')
  })
})

describe('authentication and scopes', () => {
  it('401 without a key, 403 for a key limited to contacts, each in the envelope', async () => {
    await setup({ spaces: [{ name: 'Other', api_keys: [{ key: 'contacts-only', scopes: ['contacts' as const] }] }] })
    const none = await t.app.inject({ method: 'GET', url: BASE })
    expect(none.statusCode).toBe(401)
    expect(none.json()).toEqual({ message: 'Unauthenticated.' })
    expect(none.headers['x-ratelimit-limit']).toBeUndefined()
    const scoped = await get('', { authorization: 'Bearer contacts-only' })
    expect(scoped.statusCode).toBe(403)
    expect(scoped.json()).toEqual({ message: 'API key doesn\'t have permission for this resource' })
    expect(scoped.headers['x-ratelimit-remaining']).toBe('14')
  })
})
