// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest'
import { insertCometTokens } from '../../../src/db/activity.js'
import { insertContact } from '../../../src/db/contacts.js'
import type { NewContact } from '../../../src/db/database.js'
import { type TestApp, testApp } from '../../helpers/app.js'

const BASE = '/public-api/v1/contacts'
const ALL_TIME = 'start_date=2000-01-01%2000:00:00&end_date=2099-12-31%2023:59:59'

let t: TestApp
afterEach(async () => { await t?.close() })

async function setup (spaces: object[] = []): Promise<void> {
  t = await testApp({
    config: { rateLimits: false, spaces: [...spaces, { name: 'Other', api_keys: ['other-key'] }] as never }
  })
}

/** Inserts contacts straight through the repository (faster than 300 POSTs); returns their ids. */
async function seed (
  contacts: Array<Partial<NewContact> & { emails?: string[] }>,
  space = 'Default Space'
): Promise<number[]> {
  const partitionId = t.app.emulator.registry.spaces().find((s) => s.name === space)?.partitionId as number
  return await t.app.emulator.db.transaction().execute(async (trx) => {
    const ids: number[] = []
    for (const { emails, ...c } of contacts) {
      ids.push(await insertContact(trx, {
        partition_id: partitionId,
        email: emails?.[0] ?? null,
        phone: null,
        name: null,
        location: null,
        created_at: Date.UTC(2024, 0, 1),
        updated_at: 0,
        ...c
      }, { emails }))
    }
    return ids
  })
}

const list = async (query: string, headers: Record<string, string> = {}) =>
  await t.request({ method: 'GET', url: `${BASE}?${query}`, headers })
const ids = (res: { json: () => { data: Array<{ id: number }> } }) => res.json().data.map((row) => row.id)

describe('GET /public-api/v1/contacts', () => {
  it('answers the cursor envelope with primary values, newest id first', async () => {
    await setup()
    await seed([
      { emails: ['a@example.com', 'a2@example.com'], name: 'A', phone: '+1', location: 'Paris' },
      { emails: ['b@example.com'] }
    ])
    const res = await t.request({ method: 'GET', url: `${BASE}?${ALL_TIME}`, headers: { 'x-ratelimit-probe': '1' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      data: [
        { id: 2, email: 'b@example.com', name: null, phone: null, location: null },
        { id: 1, email: 'a@example.com', name: 'A', phone: '+1', location: 'Paris' }
      ],
      path: 'http://localhost:80/public-api/v1/contacts',
      per_page: 200,
      next_cursor: null,
      next_page_url: null,
      prev_cursor: null,
      prev_page_url: null
    })
  })

  it('spends the listContacts budget (15 a minute) with the headers', async () => {
    t = await testApp()
    const res = await list(ALL_TIME)
    expect(res.headers['x-ratelimit-limit']).toBe('15')
    expect(res.headers['x-ratelimit-remaining']).toBe('14')
  })

  it.each([
    ['America/New_York', '2024-03-09', true],
    ['America/New_York', '2024-03-10', false],
    ['UTC', '2024-03-09', false],
    ['UTC', '2024-03-10', true],
    ['Asia/Tokyo', '2024-03-10', true]
  ])('reads the date range in the Space\'s time zone (%s, %s)', async (timeZone, day, included) => {
    await setup([{ name: 'Default Space', time_zone: timeZone }])
    await seed([{ emails: ['late@example.com'], created_at: Date.parse('2024-03-10T01:30:00Z') }])
    const res = await list(`start_date=${day}%2000:00:00&end_date=${day}%2023:59:59`)
    expect(ids(res)).toEqual(included ? [1] : [])
  })

  it('includes both ends of the range: start_date\'s instant and the whole of end_date\'s second', async () => {
    await setup()
    await seed([
      { created_at: Date.parse('2024-01-01T09:59:59.999Z') },
      { created_at: Date.parse('2024-01-01T10:00:00.000Z') },
      { created_at: Date.parse('2024-01-01T11:00:00.999Z') },
      { created_at: Date.parse('2024-01-01T11:00:01.000Z') }
    ])
    expect(ids(await list('start_date=2024-01-01%2010:00:00&end_date=2024-01-01%2011:00:00'))).toEqual([3, 2])
  })

  it.each([
    ['', { start_date: ['The start date field is required.'], end_date: ['The end date field is required.'] }],
    ['start_date=2024-01-01&end_date=2024-01-02%2000:00:00',
      { start_date: ['The start date field must match the format Y-m-d H:i:s.'] }],
    ['start_date=2024-02-30%2000:00:00&end_date=2024-03-02%2000:00:00',
      { start_date: ['The start date field must match the format Y-m-d H:i:s.'] }],
    ['start_date=2024-01-02%2000:00:00&end_date=2024-01-01%2000:00:00',
      { end_date: ['The end date field must be a date after start date.'] }],
    ['start_date=2024-01-01%2000:00:00&end_date=2024-01-01%2000:00:00',
      { end_date: ['The end date field must be a date after start date.'] }],
    [`${ALL_TIME}&per_page=0`, { per_page: ['The per page field must be between 1 and 5000.'] }],
    [`${ALL_TIME}&per_page=5001`, { per_page: ['The per page field must be between 1 and 5000.'] }],
    [`${ALL_TIME}&per_page=ten`, { per_page: ['The per page field must be an integer.'] }],
    [`${ALL_TIME}&include_all_emails=yes`,
      { include_all_emails: ['The include all emails field must be true or false.'] }],
    [`${ALL_TIME}&custom_field_filters=oops`,
      { custom_field_filters: ['The custom field filters field must be an array.'] }]
  ])('422 for %s', async (query, errors) => {
    await setup()
    const res = await list(query)
    expect(res.statusCode).toBe(422)
    const messages = Object.values(errors).flat()
    expect(res.json()).toEqual({
      message: messages.length > 1 ? `${messages[0]} (and 1 more error)` : messages[0],
      errors
    })
  })

  it.each([['1'], ['5000']])('accepts per_page=%s', async (perPage) => {
    await setup()
    await seed([{}, {}])
    const res = await list(`${ALL_TIME}&per_page=${perPage}`)
    expect(res.json().per_page).toBe(Number(perPage))
    expect(ids(res)).toEqual(perPage === '1' ? [2] : [2, 1])
  })

  it('adds all emails, comet tokens and the 30 slots (labelled when asked) with the flags', async () => {
    await setup([{ name: 'Default Space', custom_field_labels: { profile_field_1: 'Tier' } }])
    const [id] = await seed([
      { emails: ['a@example.com', 'b@example.com'], profile_field_1: 'gold', profile_field_20: 3 }
    ])
    await insertCometTokens(t.app.emulator.db, id as number,
      Array.from({ length: 6 }, (_, i) => ({ token: `t${i}`, created_at: i })))
    const slots: Record<string, string | number | null> = {}
    for (let i = 1; i <= 30; i++) slots[`profile_field_${i}`] = null
    const res = await list(`${ALL_TIME}&include_all_emails=1&include_comet_tokens=true&include_custom_fields=1`)
    expect(res.json().data).toEqual([{
      id,
      email: 'a@example.com',
      name: null,
      phone: null,
      location: null,
      emails: ['a@example.com', 'b@example.com'],
      comet_tokens: ['t5', 't4', 't3', 't2', 't1'],
      custom_fields: { ...slots, profile_field_1: 'gold', profile_field_20: 3 }
    }])
    const labelled = (await list(`${ALL_TIME}&include_custom_fields=1&use_custom_field_labels=1`))
      .json().data[0].custom_fields
    expect(Object.keys(labelled)[0]).toBe('Tier')
    expect(labelled.Tier).toBe('gold')
    expect((await list(`${ALL_TIME}&use_custom_field_labels=1`)).json().data[0]).not.toHaveProperty('custom_fields')
  })

  it('never shows another Space\'s contacts', async () => {
    await setup()
    await seed([{ emails: ['mine@example.com'] }])
    await seed([{ emails: ['theirs@example.com'] }], 'Other')
    expect(ids(await list(ALL_TIME))).toEqual([1])
    expect(ids(await list(ALL_TIME, { authorization: 'Bearer other-key' }))).toEqual([2])
  })
})

describe('custom-field filters', () => {
  async function seedSlots (): Promise<void> {
    await setup()
    await seed([
      { profile_field_1: 'Gold member', profile_field_16: 10, profile_field_26: '2023-12-25 10:00:00' },
      { profile_field_1: 'silver', profile_field_16: 20.5, profile_field_26: '2023-12-31 23:00:00' },
      { profile_field_1: 'Golden', profile_field_16: null, profile_field_26: null },
      { profile_field_1: null, profile_field_16: -5, profile_field_26: '2023-06-01 00:00:00' }
    ])
  }

  function brackets (filters: ReadonlyArray<Record<string, string | number | undefined>>): string {
    return filters.flatMap((f, i) => Object.entries(f).map(([k, v]) =>
      `custom_field_filters[${i}][${k}]=${encodeURIComponent(String(v))}`)).join('&')
  }

  it.each([
    ['profile_field_1', 'equal_to', 'gold member', [1]],
    ['profile_field_1', 'not_equal_to', 'SILVER', [3, 1]],
    ['profile_field_1', 'contains', 'gold', [3, 1]],
    ['profile_field_1', 'not_contains', 'gold', [2]],
    ['profile_field_1', 'starts_with', 'Gol', [3, 1]],
    ['profile_field_1', 'ends_with', 'member', [1]],
    ['profile_field_1', 'contains_word', 'gold', [1]],
    ['profile_field_1', 'contains', '%', []],
    ['profile_field_1', 'any', undefined, [3, 2, 1]],
    ['profile_field_1', 'unknown', undefined, [4]],
    ['profile_field_16', 'equal_to', '10', [1]],
    ['profile_field_16', 'equal_to', 20.5, [2]],
    ['profile_field_16', 'not_equal_to', '10', [4, 2]],
    ['profile_field_16', 'greater_than', '10', [2]],
    ['profile_field_16', 'greater_than_or_equal_to', '10', [2, 1]],
    ['profile_field_16', 'less_than', '10', [4]],
    ['profile_field_16', 'less_than_or_equal_to', '10', [4, 1]],
    ['profile_field_16', 'any', undefined, [4, 2, 1]],
    ['profile_field_16', 'unknown', undefined, [3]],
    ['profile_field_26', 'equal_to', '2023-12-25', [1]],
    ['profile_field_26', 'equal_to', '2023-12-25 10:00:00', [1]],
    ['profile_field_26', 'greater_than', '2023-12-25', [2]],
    ['profile_field_26', 'less_than', '2023-12-25', [4]],
    ['profile_field_26', 'age_greater_than', '30', [4]],
    ['profile_field_26', 'age_less_than', '1', [2]],
    ['profile_field_26', 'age_equal_to', '6', [1]],
    ['profile_field_26', 'any', undefined, [4, 2, 1]],
    ['profile_field_26', 'unknown', undefined, [3]]
  ])('%s %s %s', async (field, operator, value, expected) => {
    await seedSlots()
    const filter = { field, operator, ...(value !== undefined && { value }) }
    expect(ids(await list(`${ALL_TIME}&${brackets([filter])}`))).toEqual(expected)
    expect(ids(await list(`${ALL_TIME}&custom_field_filters=${encodeURIComponent(JSON.stringify([filter]))}`)))
      .toEqual(expected)
  })

  it('between takes start and end, a bare end day meaning the whole day', async () => {
    await seedSlots()
    const filter = { field: 'profile_field_26', operator: 'between', start: '2023-12-25', end: '2023-12-31' }
    expect(ids(await list(`${ALL_TIME}&${brackets([filter])}`))).toEqual([2, 1])
  })

  it('ANDs several conditions', async () => {
    await seedSlots()
    const filters = [
      { field: 'profile_field_1', operator: 'contains', value: 'gold' },
      { field: 'profile_field_16', operator: 'any' }
    ]
    expect(ids(await list(`${ALL_TIME}&${brackets(filters)}`))).toEqual([1])
  })

  it.each([
    [[{ field: 'profile_field_31', operator: 'any' }],
      { 'custom_field_filters.0.field': ['The selected custom_field_filters.0.field is invalid.'] }],
    [[{ field: 'email', operator: 'any' }],
      { 'custom_field_filters.0.field': ['The selected custom_field_filters.0.field is invalid.'] }],
    [[{ field: 'profile_field_1', operator: 'greater_than', value: 'a' }],
      { 'custom_field_filters.0.operator': ['The selected custom_field_filters.0.operator is invalid.'] }],
    [[{ field: 'profile_field_16', operator: 'contains', value: '1' }],
      { 'custom_field_filters.0.operator': ['The selected custom_field_filters.0.operator is invalid.'] }],
    [[{ field: 'profile_field_16', operator: 'between', start: '1', end: '2' }],
      { 'custom_field_filters.0.operator': ['The selected custom_field_filters.0.operator is invalid.'] }],
    [[{ field: 'profile_field_26', operator: 'starts_with', value: '2024' }],
      { 'custom_field_filters.0.operator': ['The selected custom_field_filters.0.operator is invalid.'] }],
    [[{ field: 'profile_field_1', operator: 'equal_to' }],
      { 'custom_field_filters.0.value': ['The custom_field_filters.0.value field is required.'] }],
    [[{ field: 'profile_field_16', operator: 'equal_to', value: 'ten' }],
      { 'custom_field_filters.0.value': ['The custom_field_filters.0.value field must be a number.'] }],
    [[{ field: 'profile_field_26', operator: 'equal_to', value: '2024-13-01' }],
      { 'custom_field_filters.0.value': ['The custom_field_filters.0.value field must be a valid date.'] }],
    [[{ field: 'profile_field_26', operator: 'age_equal_to', value: '1.5' }],
      { 'custom_field_filters.0.value': ['The custom_field_filters.0.value field must be an integer.'] }],
    [[{ field: 'profile_field_26', operator: 'between', start: '2024-01-01' }],
      { 'custom_field_filters.0.end': ['The custom_field_filters.0.end field is required.'] }],
    [[{ field: 'profile_field_1' }],
      { 'custom_field_filters.0.operator': ['The custom_field_filters.0.operator field is required.'] }],
    [Array.from({ length: 11 }, () => ({ field: 'profile_field_1', operator: 'any' })),
      { custom_field_filters: ['The custom field filters field must not have more than 10 items.'] }]
  ])('422 for %j', async (filters, errors) => {
    await seedSlots()
    const res = await list(`${ALL_TIME}&${brackets(filters as Array<Record<string, string>>)}`)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ message: Object.values(errors)[0]?.[0], errors })
  })

  it('reports every bad condition at once, and says which operators fit in X-Emulator-Warning', async () => {
    await seedSlots()
    const res = await list(`${ALL_TIME}&${brackets([
      { field: 'profile_field_16', operator: 'contains', value: '1' },
      { field: 'nope', operator: 'any' }
    ])}`)
    expect(res.json()).toEqual({
      message: 'The selected custom_field_filters.0.operator is invalid. (and 1 more error)',
      errors: {
        'custom_field_filters.0.operator': ['The selected custom_field_filters.0.operator is invalid.'],
        'custom_field_filters.1.field': ['The selected custom_field_filters.1.field is invalid.']
      }
    })
    expect(res.headers['x-emulator-warning']).toBe(
      'custom_field_filters.0.operator: profile_field_16 takes equal_to, not_equal_to, greater_than, ' +
      'greater_than_or_equal_to, less_than, less_than_or_equal_to, any, unknown; ' +
      'custom_field_filters.1.field: slots are profile_field_1 to profile_field_30'
    )
  })

  it('accepts exactly 10 conditions', async () => {
    await seedSlots()
    const filters = Array.from({ length: 10 }, () => ({ field: 'profile_field_1', operator: 'any' }))
    expect(ids(await list(`${ALL_TIME}&${brackets(filters)}`))).toEqual([3, 2, 1])
  })
})

describe('cursor pagination', () => {
  const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}` }

  it.each([[300, 37], [296, 37], [5, 5]])('walks %i contacts %i a page forward and back: ' +
    'each once, in order, no empty page', async (total, perPage) => {
    await setup()
    // Every third contact has no slot value and is filtered out, so pages follow the filter.
    await seed(Array.from({ length: total * 3 / 2 }, (_, i) => ({ profile_field_16: i % 3 === 2 ? null : i }))
      .slice(0, Math.ceil(total * 3 / 2)))
    const matching = (t.database.sqlite
      .prepare('select id from contacts where profile_field_16 is not null order by id desc')
      .all() as Array<{ id: number }>).map((r) => r.id).slice(0, total)
    const start = `${BASE}?${ALL_TIME}&per_page=${perPage}` +
      '&custom_field_filters[0][field]=profile_field_16&custom_field_filters[0][operator]=any'
    const forward: number[][] = []
    let url: string | null = start
    let page: any
    while (url !== null) {
      const res = await t.request({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      page = res.json()
      if (forward.length === 0) expect(page.prev_cursor).toBeNull()
      else expect(page.prev_page_url).toMatch(/custom_field_filters\[0\]\[operator\]=any/)
      expect(page.data.length).toBeGreaterThan(0)
      forward.push(ids(res))
      url = page.next_page_url === null ? null : pathOf(page.next_page_url)
    }
    const all = (t.database.sqlite
      .prepare('select id from contacts where profile_field_16 is not null order by id desc')
      .all() as Array<{ id: number }>).map((r) => r.id)
    expect(forward.flat()).toEqual(all)
    expect(new Set(forward.flat()).size).toBe(all.length)
    expect(forward.length).toBe(Math.ceil(all.length / perPage))
    expect(page.next_cursor).toBeNull()
    expect(matching.length).toBeGreaterThan(0)

    const backward: number[][] = []
    url = page.prev_page_url === null ? null : pathOf(page.prev_page_url)
    while (url !== null) {
      const res = await t.request({ method: 'GET', url })
      page = res.json()
      backward.unshift(ids(res))
      expect(page.next_cursor).not.toBeNull()
      url = page.prev_page_url === null ? null : pathOf(page.prev_page_url)
    }
    expect(backward).toEqual(forward.slice(0, -1))
  })

  it('cursors are base64url JSON in Laravel\'s form, and page URLs keep the other parameters as sent', async () => {
    await setup()
    await seed([{}, {}, {}])
    const first = (await list(`${ALL_TIME}&per_page=2&include_all_emails=1`)).json()
    expect(first.next_cursor).toBe(Buffer.from('{"id":2,"_pointsToNextItems":true}').toString('base64url'))
    expect(first.next_page_url).toBe(`http://localhost:80${BASE}?${ALL_TIME}&per_page=2&include_all_emails=1&cursor=${first.next_cursor}`)
    const second = (await t.request({
      method: 'GET',
      url: `${BASE}?cursor=${first.next_cursor}&${ALL_TIME}&per_page=2`
    })).json()
    expect(second.data.map((r: { id: number }) => r.id)).toEqual([1])
    expect(second.prev_cursor).toBe(Buffer.from('{"id":1,"_pointsToNextItems":false}').toString('base64url'))
    expect(second.prev_page_url).toBe(`http://localhost:80${BASE}?${ALL_TIME}&per_page=2&cursor=${second.prev_cursor}`)
  })

  it('builds page URLs from the request\'s Host and protocol', async () => {
    await setup()
    await seed([{}, {}])
    const res = await t.request({
      method: 'GET',
      url: `${BASE}?${ALL_TIME}&per_page=1`,
      headers: { host: 'emulator.test:4010' }
    })
    expect(res.json().path).toBe('http://emulator.test:4010/public-api/v1/contacts')
    expect(res.json().next_page_url).toMatch(/^http:\/\/emulator\.test:4010\/public-api\/v1\/contacts\?/)
  })

  it('shows the first page for a cursor it cannot read, as Laravel does, and says so', async () => {
    await setup()
    await seed([{}, {}])
    for (const cursor of [
      'garbage!',
      Buffer.from('{"id":"x","_pointsToNextItems":true}').toString('base64url'),
      Buffer.from('[1]').toString('base64url')
    ]) {
      const res = await list(`${ALL_TIME}&per_page=1&cursor=${encodeURIComponent(cursor)}`)
      expect(res.statusCode).toBe(200)
      expect(ids(res)).toEqual([2])
      expect(res.json().prev_cursor).toBeNull()
      expect(res.headers['x-emulator-warning']).toBe('cursor is not a cursor of this endpoint; showing the first page')
    }
  })

  it('a cursor past the end gives an empty page with no cursors', async () => {
    await setup()
    await seed([{}, {}])
    const cursor = Buffer.from('{"id":1,"_pointsToNextItems":true}').toString('base64url')
    expect((await list(`${ALL_TIME}&cursor=${cursor}`)).json())
      .toMatchObject({ data: [], next_cursor: null, prev_cursor: null })
  })
})

describe('filter boundaries', () => {
  function filtered (filter: Record<string, string | number>) {
    return `${ALL_TIME}&custom_field_filters=${encodeURIComponent(JSON.stringify([filter]))}`
  }

  // The clock reads 2024-01-01 00:00:00 UTC: a date exactly N days earlier is N days old (Decision D24).
  it.each([
    ['age_equal_to', 9, [5, 2]],
    ['age_equal_to', 10, [4, 1]],
    ['age_equal_to', 11, [3]],
    ['age_greater_than', 9, [4, 3, 1]],
    ['age_greater_than', 10, [3]],
    ['age_greater_than', 11, []],
    ['age_less_than', 9, []],
    ['age_less_than', 10, [5, 2]],
    ['age_less_than', 11, [5, 4, 2, 1]],
    ['age_less_than', 0, []],
    ['age_greater_than', 0, [5, 4, 3, 2, 1]]
  ])('%s %i days, around the day boundaries', async (operator, days, expected) => {
    await setup()
    await seed([
      { profile_field_26: '2023-12-22 00:00:00' }, // 1: exactly 10 days
      { profile_field_26: '2023-12-22 00:00:01' }, // 2: a second under 10 days
      { profile_field_26: '2023-12-21 00:00:00' }, // 3: exactly 11 days
      { profile_field_26: '2023-12-21 00:00:01' }, // 4: a second under 11 days
      { profile_field_26: '2023-12-23 00:00:00' } // 5: exactly 9 days
    ])
    expect(ids(await list(filtered({ field: 'profile_field_26', operator, value: String(days) })))).toEqual(expected)
  })

  it.each([
    ['ends_with', 'alpha', [3]],
    ['contains_word', 'alpha', [5, 4, 3, 1]],
    ['contains', 'alpha', [5, 4, 3, 2, 1]],
    ['starts_with', 'alpha', [2, 1]],
    ['contains_word', 'alphabet', [2]],
    ['contains_word', 'ALPHA', [5, 4, 3, 1]]
  ])('%s %s: a word is bounded by spaces or punctuation, an ending by the end', async (operator, value, expected) => {
    await setup()
    await seed([
      { profile_field_2: 'alpha beta' }, { profile_field_2: 'alphabet' }, { profile_field_2: 'beta-alpha' },
      { profile_field_2: 'the (alpha).' }, { profile_field_2: 'x,alpha;y' }
    ])
    expect(ids(await list(filtered({ field: 'profile_field_2', operator, value })))).toEqual(expected)
  })

  it.each([
    ['contains', '%', [1]],
    ['contains', '_', [3]],
    ['contains', '\\', [5]],
    ['starts_with', '10%', []],
    ['starts_with', '100%', [1]],
    ['ends_with', '_b', [3]],
    ['contains_word', '100%', [1]],
    ['equal_to', 'a_b', [3]],
    ['not_contains', '%', [5, 4, 3, 2]]
  ])('%s %j: %, _ and \\ are literal, not wildcards', async (operator, value, expected) => {
    await setup()
    await seed([
      { profile_field_3: '100%' }, { profile_field_3: '1000' }, { profile_field_3: 'a_b' }, { profile_field_3: 'axb' },
      { profile_field_3: 'c:\\x' }
    ])
    expect(ids(await list(filtered({ field: 'profile_field_3', operator, value })))).toEqual(expected)
  })

  it('reads every contact\'s emails and comet tokens past the 500-id chunk', async () => {
    await setup()
    const created = await seed(Array.from({ length: 620 },
      (_, i) => ({ emails: [`c${i}@example.com`, `d${i}@example.com`] })))
    await t.app.emulator.db.transaction().execute(async (trx) => {
      for (const id of created) await insertCometTokens(trx, id, [{ token: `ct_${id}`, created_at: 1 }])
    })
    const res = await list(`${ALL_TIME}&per_page=620&include_all_emails=1&include_comet_tokens=1`)
    const rows = res.json().data as Array<{ id: number, emails: string[], comet_tokens: string[] }>
    expect(rows).toHaveLength(620)
    for (const row of rows) {
      const i = created.indexOf(row.id)
      expect(row.emails).toEqual([`c${i}@example.com`, `d${i}@example.com`])
      expect(row.comet_tokens).toEqual([`ct_${row.id}`])
    }
  })
})
