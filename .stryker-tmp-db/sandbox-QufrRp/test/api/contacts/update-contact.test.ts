// @ts-nocheck
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countRows, type TestApp, testApp } from '../../helpers/app.js'

let t: TestApp
beforeEach(async () => { t = await testApp({ config: { spaces: [{ name: 'Other', api_keys: ['other-key'] }] } }) })
afterEach(async () => { await t.close() })

const FULL = {
  emails: ['ada@example.com', 'ada@work.example'],
  phones: ['+44 20 7946 0000'],
  names: ['Ada Lovelace'],
  locations: ['London'],
  custom_fields: { profile_field_1: 'vip', profile_field_16: 500 }
}

const put = async (id: number | string, body: unknown, headers: Record<string, string> = {}) =>
  await t.request({ method: 'PUT', url: `/public-api/v1/contacts/${id}`, payload: body as object, headers })
const read = async (id: number) => (await t.request({ method: 'GET', url: `/public-api/v1/contacts/${id}` })).json()
const primaries = (id: number) =>
  t.database.sqlite.prepare('select email, phone, name, location, updated_at from contacts where id = ?').get(id)

let id: number
beforeEach(async () => {
  id = (await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: FULL })).json<{ id: number }>().id
  t.clock.advance(60_000)
})

describe('PUT /public-api/v1/contacts/{id}', () => {
  it('replaces only the sent collection; the new first item becomes primary', async () => {
    const res = await put(id, { emails: ['new@example.com', 'ada@example.com'] })
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.json()).toEqual({ id, emails: ['new@example.com', 'ada@example.com'] })
    const after = await read(id)
    expect(after).toMatchObject({
      emails: ['new@example.com', 'ada@example.com'],
      phones: FULL.phones,
      names: FULL.names,
      locations: FULL.locations
    })
    expect(after.custom_fields).toMatchObject({ profile_field_1: 'vip', profile_field_16: 500 })
    expect(primaries(id)).toEqual({
      email: 'new@example.com',
      phone: '+44 20 7946 0000',
      name: 'Ada Lovelace',
      location: 'London',
      updated_at: Date.parse('2024-01-01T00:01:00Z')
    })
  })

  it.each([
    ['[]', []],
    ['null', null]
  ])('%s empties a collection and clears its primary', async (_, value) => {
    const res = await put(id, { phones: value, names: ['Countess'] })
    expect(res.json()).toEqual({ id, phones: [], names: ['Countess'] })
    expect(await read(id))
      .toMatchObject({ emails: FULL.emails, phones: [], names: ['Countess'], locations: ['London'] })
    expect(primaries(id)).toMatchObject({ phone: null, name: 'Countess' })
    expect(countRows(t.database)).toEqual({ contacts: 1, emails: 2, phones: 0, names: 1, locations: 1 })
  })

  it('emails: [] is accepted and leaves the contact without an email', async () => {
    expect((await put(id, { emails: [] })).json()).toEqual({ id, emails: [] })
    expect(primaries(id)).toMatchObject({ email: null })
  })

  it('custom_fields replaces all 30 slots: unsent ones become null, and it is echoed as sent', async () => {
    const res = await put(id, { custom_fields: { profile_field_2: 'new', profile_field_26: '2024-02-03' } })
    expect(res.json()).toEqual({ id, custom_fields: { profile_field_2: 'new', profile_field_26: '2024-02-03' } })
    const slots = (await read(id)).custom_fields
    expect(Object.entries(slots).filter(([, v]) => v !== null))
      .toEqual([['profile_field_2', 'new'], ['profile_field_26', '2024-02-03 00:00:00']])
    expect(Object.keys(slots)).toHaveLength(30)
  })

  it.each([[{}], [null]])('custom_fields %j clears every slot', async (value) => {
    expect((await put(id, { custom_fields: value })).json()).toEqual({ id, custom_fields: {} })
    expect(Object.values((await read(id)).custom_fields).every((v) => v === null)).toBe(true)
    expect(await read(id)).toMatchObject({ emails: FULL.emails, phones: FULL.phones })
  })

  it('a body with none of the fields is a 422 naming each of them', async () => {
    for (const body of [{}, { unknown: 1 }]) {
      const res = await put(id, body)
      expect(res.statusCode).toBe(422)
      expect(res.json()).toEqual({
        message: 'The emails field is required when none of phones / names / locations / custom fields are present.' +
          ' (and 4 more errors)',
        errors: {
          emails: ['The emails field is required when none of phones / names / locations / custom fields are present.'],
          phones: ['The phones field is required when none of emails / names / locations / custom fields are present.'],
          names: ['The names field is required when none of emails / phones / locations / custom fields are present.'],
          locations: [
            'The locations field is required when none of emails / phones / names / custom fields are present.'
          ],
          custom_fields: [
            'The custom fields field is required when none of emails / phones / names / locations are present.'
          ]
        }
      })
    }
  })

  it.each([
    [{ emails: ['not-an-email'] }, { 'emails.0': ['The emails.0 field must be a valid email address.'] }],
    [{ emails: null }, { emails: ['The emails field must be an array.'] }],
    [{ phones: [''] }, { 'phones.0': ['The phones.0 field is required.'] }],
    [{ custom_fields: { profile_field_16: 'abc' } },
      { 'custom_fields.profile_field_16': ['The custom fields.profile field 16 field must be a number.'] }],
    [{ custom_fields: { profile_field_31: 'x' } },
      { 'custom_fields.profile_field_31': ['The custom fields.profile field 31 field is prohibited.'] }]
  ])('422 for %j, and nothing changes', async (body, errors) => {
    const res = await put(id, { names: ['Changed'], ...body })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual(errors)
    expect(await read(id)).toMatchObject({ names: FULL.names })
  })

  it('404 for an unknown id and for another Space\'s contact, writing nothing; 422 for a non-integer id', async () => {
    for (const res of [
      await put(999, { names: ['x'] }),
      await put(id, { names: ['x'] }, { authorization: 'Bearer other-key' })
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ message: 'Contact not found.' })
    }
    expect(await read(id)).toMatchObject({ names: FULL.names })
    const res = await put('abc', { names: ['x'] })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({
      message: 'The id field must be an integer.',
      errors: { id: ['The id field must be an integer.'] }
    })
  })

  it('a failure half way leaves the contact as it was (one transaction)', async () => {
    t.database.sqlite.exec('create trigger no_names before insert on names begin select raise(abort, \'boom\'); end')
    const res = await put(id, { emails: ['x@example.com'], names: ['New'] })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ message: 'Server Error' })
    expect(await read(id)).toMatchObject({ emails: FULL.emails, names: FULL.names })
    expect(primaries(id)).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' })
  })

  it('reports unknown fields in X-Emulator-Warning', async () => {
    const res = await put(id, { names: ['N'], nickname: 'x' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-emulator-warning']).toBe('ignored unknown fields: "nickname"')
  })
})
