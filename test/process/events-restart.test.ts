// Tracked events are durable (Decision D37): one still queued when the process stops is applied after the
// next start, never lost and never applied twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

let dir: string | undefined
let proc: EmulatorProcess | undefined
afterEach(async () => {
  await proc?.stop('SIGKILL')
  proc = undefined
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

const call = async (url: string, method: string, path: string, body?: object) => await fetch(`${url}${path}`, {
  method,
  headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
  ...(body !== undefined && { body: JSON.stringify(body) })
})

it('applies after a restart the events a stopped process left queued', async () => {
  dir = mkdtempSync(join(tmpdir(), 'cometly-events-'))
  const env = { COMETLY_EMULATOR_DATABASE: join(dir, 'db.sqlite'), COMETLY_EMULATOR_EVENT_DELAY_MS: '3600000' }
  proc = await startProcess(env)
  for (const email of ['a@example.com', 'b@example.com']) {
    expect((await call(proc.url, 'POST', '/public-api/v1/events/track', { event_name: 'purchase', email })).status)
      .toBe(202)
  }
  expect((await proc.stop('SIGTERM')).code).toBe(0)

  proc = await startProcess(env)
  expect((await call(proc.url, 'GET', '/public-api/v1/contacts/1')).status).toBe(404)
  const drained = await (await call(proc.url, 'POST', '/_emulator/events/drain')).json()
  expect(drained).toEqual({ processed: 2 })
  expect(((await (await call(proc.url, 'GET', '/public-api/v1/contacts/2')).json()) as { emails: string[] }).emails)
    .toEqual(['b@example.com'])
  expect(await (await call(proc.url, 'POST', '/_emulator/events/drain')).json()).toEqual({ processed: 0 })
})
