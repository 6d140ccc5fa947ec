// @ts-nocheck
// The default database is a file that survives a restart.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { openDatabase } from '../../src/db/connection.js'
import { testApp } from '../helpers/app.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

let dir: string
let proc: EmulatorProcess | undefined
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'cometly-emulator-')) })
afterEach(async () => {
  await proc?.stop('SIGKILL')
  proc = undefined
  rmSync(dir, { recursive: true, force: true })
})

const create = async (url: string, body: object) => await fetch(`${url}/public-api/v1/contacts`, {
  method: 'POST',
  headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
  body: JSON.stringify(body)
})

describe('a file database', () => {
  it('is created with its folder, in WAL mode, and keeps contacts across a restart of the app', async () => {
    const path = join(dir, 'nested', 'emulator.sqlite')
    const first = await testApp({ database: openDatabase(path) })
    expect(first.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    const res = await first.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['keep@example.com'], names: ['Keeper'] }
    })
    expect(res.statusCode).toBe(201)
    await first.close()

    const second = await testApp({ database: openDatabase(path) })
    try {
      expect(second.database.sqlite.prepare('select id, email, name from contacts').all())
        .toEqual([{ id: 1, email: 'keep@example.com', name: 'Keeper' }])
      // The same Default Space and key, not a second one.
      expect(second.database.sqlite.prepare('select count(*) as n from spaces').get()).toEqual({ n: 1 })
      expect(second.database.sqlite.prepare('select count(*) as n from api_keys').get()).toEqual({ n: 1 })
      const next = await second.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['next@example.com'] }
      })
      expect(next.json()).toMatchObject({ id: 2 })
    } finally {
      await second.close()
    }
  })

  it('keeps what a real process stored across SIGTERM and a new process', async () => {
    const path = join(dir, 'emulator.sqlite')
    proc = await startProcess({ COMETLY_EMULATOR_DATABASE: path })
    expect((await create(proc.url, { emails: ['a@example.com'], phones: ['555'] })).status).toBe(201)
    expect((await proc.stop('SIGTERM')).code).toBe(0)

    proc = await startProcess({ COMETLY_EMULATOR_DATABASE: path })
    expect(await (await create(proc.url, { emails: ['b@example.com'] })).json()).toMatchObject({ id: 2 })
    expect((await proc.stop('SIGTERM')).code).toBe(0)
    proc = undefined

    const db = new BetterSqlite3(path, { readonly: true })
    try {
      expect(db.prepare('select id, email, phone from contacts order by id').all()).toEqual([
        { id: 1, email: 'a@example.com', phone: '555' },
        { id: 2, email: 'b@example.com', phone: null }
      ])
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  })
})
