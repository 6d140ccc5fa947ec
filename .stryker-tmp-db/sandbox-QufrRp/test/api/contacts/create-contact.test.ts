// @ts-nocheck
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countRows, type TestApp, testApp } from '../../helpers/app.js'

let t: TestApp
beforeEach(async () => { t = await testApp() })
afterEach(async () => { await t.close() })

const post = async (body: unknown) =>
  await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: body as object })

describe('POST /public-api/v1/contacts', () => {
  it('creates a contact with every collection and returns the ContactDetail', async () => {
    const res = await post({
      emails: ['ada@example.com', 'ada@work.example'],
      phones: ['+44 20 7946 0000'],
      names: ['Ada Lovelace'],
      locations: ['London'],
      custom_fields: {
        profile_field_1: 'vip',
        profile_field_16: '500',
        profile_field_17: 2.5,
        profile_field_26: '2024-05-01'
      }
    })
    expect(res.statusCode).toBe(201)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.headers['x-ratelimit-limit']).toBe('60')
    expect(res.headers['x-ratelimit-remaining']).toBe('59')
    expect(res.headers['x-emulator-warning']).toBeUndefined()
    expect(res.json()).toEqual({
      id: 1,
      emails: ['ada@example.com', 'ada@work.example'],
      phones: ['+44 20 7946 0000'],
      names: ['Ada Lovelace'],
      locations: ['London'],
      custom_fields: {
        profile_field_1: 'vip',
        profile_field_16: '500',
        profile_field_17: 2.5,
        profile_field_26: '2024-05-01'
      }
    })
    const row = t.database.sqlite.prepare('select * from contacts where id = 1').get() as Record<string, unknown>
    expect(row).toMatchObject({
      partition_id: 1,
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      name: 'Ada Lovelace',
      location: 'London',
      profile_field_1: 'vip',
      profile_field_16: 500,
      profile_field_17: 2.5,
      profile_field_26: '2024-05-01 00:00:00',
      profile_field_2: null,
      created_at: Date.parse('2024-01-01T00:00:00Z')
    })
    expect(t.database.sqlite.prepare('select position, value from emails where contact_id = 1 order by position').all())
      .toEqual([{ position: 0, value: 'ada@example.com' }, { position: 1, value: 'ada@work.example' }])
    expect(countRows(t.database)).toEqual({ contacts: 1, emails: 2, phones: 1, names: 1, locations: 1 })
  })
})
