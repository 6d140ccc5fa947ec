// @ts-nocheck
import { describe, expect, it, afterEach } from 'vitest'
import { ManualClock, VirtualClock } from '../../src/core/clock.js'
import { DEV_API_KEY } from '../../src/core/config.js'
import { testApp, type TestApp } from '../helpers/app.js'
import { cometlyClient, controlClient } from '../helpers/control.js'

let t: TestApp | undefined
afterEach(async () => { await t?.close(); t = undefined })

describe('VirtualClock', () => {
  it('layers a global offset or freeze and per-Space overrides over its base', () => {
    const base = new ManualClock('2024-01-01T00:00:00Z')
    const clock = new VirtualClock(base)
    clock.advance(1000)
    base.advance(500)
    expect(clock.now()).toBe(Date.parse('2024-01-01T00:00:01.500Z'))
    clock.freeze()
    base.advance(10_000)
    expect(clock.now()).toBe(Date.parse('2024-01-01T00:00:01.500Z'))
    clock.set(Date.parse('2030-01-01T00:00:00Z'), 7)
    expect(clock.now(7)).toBe(Date.parse('2030-01-01T00:00:00Z'))
    expect(clock.now(8)).toBe(Date.parse('2024-01-01T00:00:01.500Z'))
    clock.unfreeze()
    base.advance(1000)
    expect(clock.now()).toBe(Date.parse('2024-01-01T00:00:02.500Z'))
    clock.reset(7)
    expect(clock.now(7)).toBe(clock.now())
    clock.reset()
    expect(clock.now()).toBe(base.now())
  })
})

describe('clock control', () => {
  it('freezes, sets, advances and resets the global clock; created_at follows it', async () => {
    t = await testApp()
    const control = controlClient(t!.app)
    expect((await control('POST', '/clock/freeze', { at: '2025-06-01T12:00:00Z' })).body).toEqual({
      space_id: null,
      now: '2025-06-01T12:00:00.000Z',
      now_ms: Date.parse('2025-06-01T12:00:00Z'),
      frozen: true,
      offset_ms: 0
    })
    expect((await control('POST', '/clock/advance', { ms: 90_000 })).body.now).toBe('2025-06-01T12:01:30.000Z')
    expect((await control('POST', '/clock/set', { to: Date.parse('2026-01-01T00:00:00Z') })).body.now)
      .toBe('2026-01-01T00:00:00.000Z')
    await cometlyClient(t!.app, DEV_API_KEY)('POST', '/contacts', { emails: ['a@example.com'] })
    expect(t!.database.sqlite.prepare('select created_at from contacts').get())
      .toEqual({ created_at: Date.parse('2026-01-01T00:00:00Z') })
    // The journal's times are on the same clock.
    expect((await control('GET', '/spaces/1/requests')).body.data[0].time).toBe('2026-01-01T00:00:00.000Z')
    expect((await control('DELETE', '/clock')).body)
      .toMatchObject({ now: '2024-01-01T00:00:00.000Z', frozen: false, offset_ms: 0 })
  })

  it('gives one Space its own time without moving another\'s', async () => {
    t = await testApp()
    const control = controlClient(t!.app)
    const other = (await control('POST', '/spaces', { name: 'other' })).body
    expect((await control('POST', `/spaces/${other.id as number}/clock/advance`, { ms: 86_400_000 })).body)
      .toMatchObject({ space_id: other.id, now: '2024-01-02T00:00:00.000Z', offset_ms: 86_400_000 })
    expect((await control('GET', '/spaces/1/clock')).body.now).toBe('2024-01-01T00:00:00.000Z')
    expect((await control('GET', '/spaces/99/clock')).status).toBe(404)
  })

  it('moves a rate-limit window so a test never sleeps', async () => {
    t = await testApp()
    const control = controlClient(t!.app)
    await control('PATCH', '/spaces/1', { rate_limits: { per_minute: { createContact: 1 } } })
    const cometly = cometlyClient(t!.app, DEV_API_KEY)
    expect((await cometly('POST', '/contacts', { emails: ['a@example.com'] })).status).toBe(201)
    const limited = await cometly('POST', '/contacts', { emails: ['a@example.com'] })
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '60'])
    await control('POST', '/spaces/1/clock/advance', { ms: 59_000 })
    expect((await cometly('POST', '/contacts', { emails: ['a@example.com'] })).headers['retry-after']).toBe('1')
    await control('POST', '/spaces/1/clock/advance', { ms: 1000 })
    expect((await cometly('POST', '/contacts', { emails: ['a@example.com'] })).status).toBe(201)
  })

  it('refuses a time that is not one', async () => {
    t = await testApp()
    const res = await controlClient(t!.app)('POST', '/clock/set', { to: 'next tuesday' })
    expect(res).toMatchObject({ status: 422, body: { message: 'The to field must be a valid date.' } })
  })
})

describe('clock and exports', () => {
  it('moves an export from queued to processing to completed, and expires its link', async () => {
    t = await testApp()
    const control = controlClient(t.app)
    const cometly = cometlyClient(t.app, DEV_API_KEY)
    await cometly('POST', '/contacts', { emails: ['a@example.com'] })
    const created = await cometly('POST', '/contacts/exports', {
      start_date: '2023-12-01 00:00:00',
      end_date: '2024-02-01 00:00:00'
    })
    expect(created.status).toBe(202)
    const id = created.body.export_id as number
    const status = async () => (await cometly('GET', `/contacts/exports/${id}`)).body
    expect((await status()).status).toBe('queued')
    await control('POST', '/clock/advance', { ms: t.app.emulator.config.exportQueuedMs })
    expect((await status()).status).toBe('processing')
    await t.app.emulator.exports.idle()
    await control('POST', '/clock/advance', { ms: t.app.emulator.config.exportProcessingMs })
    const done = await status()
    expect(done.status).toBe('completed')
    const link = new URL(done.download_url as string)
    expect((await t.app.inject({ method: 'GET', url: link.pathname })).statusCode).toBe(200)
    await control('POST', '/clock/advance', { ms: 15 * 60_000 + 1 })
    expect((await t.app.inject({ method: 'GET', url: link.pathname })).statusCode).not.toBe(200)
  })
})
