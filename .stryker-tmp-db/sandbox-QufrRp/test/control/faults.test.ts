// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { startEmulator, type Emulator } from '../../src/index.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp | undefined
let emulator: Emulator | undefined
afterEach(async () => {
  await t?.close()
  await emulator?.close()
  t = undefined
  emulator = undefined
})

const create = { emails: ['a@example.com'] }

async function setup (config = {}) {
  t = await testApp({ config })
  return { control: controlClient(t.app), cometly: cometlyClient(t.app, DEV_API_KEY) }
}

describe('faults', () => {
  it('"fail twice then succeed" fails exactly twice', async () => {
    const { control, cometly } = await setup()
    const rule = await control('POST', '/spaces/1/faults', {
      method: 'post',
      path: '/public-api/v1/contacts',
      status: 503,
      times: 2
    })
    expect(rule).toMatchObject({
      status: 201,
      body: { id: 1, space_id: 1, method: 'POST', status: 503, times: 2, matched: 0, fired: 0 }
    })
    const answers = []
    for (let i = 0; i < 4; i++) {
      const res = await cometly('POST', '/contacts', create)
      answers.push([res.status, res.body.message ?? 'created'])
    }
    expect(answers).toEqual([
      [503, 'Service Unavailable'],
      [503, 'Service Unavailable'],
      [201, 'created'],
      [201, 'created']
    ])
    expect((await control('GET', '/spaces/1/faults')).body.data[0]).toMatchObject({ matched: 4, fired: 2 })
    const journal = (await control('GET', '/spaces/1/requests')).body.data
    expect(journal.map((e: { fault: string | null }) => e.fault)).toEqual(['rule 1', 'rule 1', null, null])
  })

  it('a forced 429 carries Cometly\'s body and headers, and spends no budget', async () => {
    const { control, cometly } = await setup()
    await control('POST', '/spaces/1/faults', { status: 429, times: 1, retry_after: 30 })
    const res = await cometly('POST', '/contacts', create)
    expect(res.status).toBe(429)
    expect(res.body).toEqual({ message: 'Too Many Attempts.' })
    expect(res.headers).toMatchObject({
      'retry-after': '30',
      'x-ratelimit-reset': String(Date.parse('2024-01-01T00:00:30Z') / 1000),
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': '0'
    })
    expect((await cometly('POST', '/contacts', create)).headers['x-ratelimit-remaining']).toBe('59')
  })

  it.each([
    [500, { message: 'Server Error' }],
    [503, { message: 'Service Unavailable' }],
    [502, { message: 'Bad Gateway' }],
    [401, { message: 'Unauthenticated.' }]
  ])('forces %i with Cometly\'s body', async (status, body) => {
    const { control, cometly } = await setup()
    await control('POST', '/spaces/1/faults', { status })
    const res = await cometly('POST', '/contacts', create)
    expect([res.status, res.body]).toEqual([status, body])
  })

  it('fires after K requests, and only on the route it names', async () => {
    const { control, cometly } = await setup()
    await control('POST', '/spaces/1/faults', { path: '/public-api/v1/contacts/:id', status: 500 })
    await control('POST', '/spaces/1/faults', { path: '/public-api/v1/contacts', status: 500, after: 2, times: 1 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await cometly('POST', '/contacts', create)).status)
    expect(statuses).toEqual([201, 201, 500, 201])
  })

  it('seeded probability gives the same sequence twice', async () => {
    const run = async () => {
      const { control, cometly } = await setup()
      await control('POST', '/spaces/1/faults', { status: 500, probability: 0.5, seed: 42 })
      const statuses = []
      for (let i = 0; i < 20; i++) statuses.push((await cometly('POST', '/contacts', create)).status)
      await t?.close()
      t = undefined
      return statuses
    }
    const first = await run()
    expect(first).toEqual(await run())
    expect(new Set(first)).toEqual(new Set([201, 500]))
  })

  it('adds latency (real time: the only thing that is)', async () => {
    const { control, cometly } = await setup()
    await control('POST', '/spaces/1/faults', { latency_ms: 50, times: 1 })
    const started = performance.now()
    const res = await cometly('POST', '/contacts', create)
    expect(res.status).toBe(201)
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
  })

  it('honours X-Emulator-Fault, and warns about a malformed one', async () => {
    const { cometly } = await setup()
    expect((await cometly('POST', '/contacts', create, { 'x-emulator-fault': 'status=500' })).body)
      .toEqual({ message: 'Server Error' })
    const bad = await cometly('POST', '/contacts', create, { 'x-emulator-fault': 'status=abc' })
    expect(bad.status).toBe(201)
    expect(bad.headers['x-emulator-warning']).toBe('X-Emulator-Fault: "status=abc" is not name=integer')
  })

  it('ignores X-Emulator-Fault when configuration turns it off', async () => {
    const { cometly } = await setup({ faultHeader: false })
    expect((await cometly('POST', '/contacts', create, { 'x-emulator-fault': 'status=500' })).status).toBe(201)
  })

  it('removes rules one by one or all at once', async () => {
    const { control, cometly } = await setup()
    await control('POST', '/spaces/1/faults', { status: 500 })
    await control('POST', '/spaces/1/faults', { status: 503 })
    expect((await control('DELETE', '/spaces/1/faults/1')).status).toBe(204)
    expect((await cometly('POST', '/contacts', create)).status).toBe(503)
    expect((await control('DELETE', '/spaces/1/faults')).status).toBe(204)
    expect((await cometly('POST', '/contacts', create)).status).toBe(201)
    expect(await control('DELETE', '/spaces/1/faults/2'))
      .toMatchObject({ status: 404, body: { message: 'Fault 2 not found.' } })
  })

  it('refuses a rule that does nothing', async () => {
    const { control } = await setup()
    expect(await control('POST', '/spaces/1/faults', { times: 1 })).toMatchObject({ status: 422 })
  })

  it('drops the connection of a real request', async () => {
    emulator = await startEmulator()
    await emulator.addFault({ drop: true, times: 1 })
    await expect(fetch(`${emulator.url}/public-api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(create)
    })).rejects.toThrow('fetch failed')
    const journal = await emulator.requests()
    expect(journal.map((e) => [e.status, e.fault])).toEqual([[0, 'rule 1']])
  })
})
