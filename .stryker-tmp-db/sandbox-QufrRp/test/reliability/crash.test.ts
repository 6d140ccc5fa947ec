// @ts-nocheck
// Crash consistency: a real process on a file database, under concurrent creates, killed with SIGKILL at a
// random moment, several rounds on the same file. After each kill the file must be intact, every contact
// acknowledged with 201 present with all its items, and no contact partial (every stored contact is exactly
// one request's body, acknowledged or not: a commit whose answer was lost to the kill is fine).
// RELIABILITY_CRASH_ROUNDS changes the number of rounds; FC_SEED the random moments and bodies.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { checkIntegrity, contactsByFirstEmail, readContact } from '../helpers/integrity.js'
import { type ContactBody, contactBody, jsonPost, reportFigures, runLoad, seededRandom, send } from '../helpers/load.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

const ROUNDS = Number(process.env.RELIABILITY_CRASH_ROUNDS ?? 5)
const CONCURRENCY = 16
const random = seededRandom(Number(process.env.FC_SEED ?? 7_2024))

const dir = mkdtempSync(join(tmpdir(), 'cometly-crash-'))
const file = join(dir, 'emulator.sqlite')
let proc: EmulatorProcess | undefined
afterEach(async () => { await proc?.stop('SIGKILL') })
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

const start = async () =>
  await startProcess({ COMETLY_EMULATOR_DATABASE: file, COMETLY_EMULATOR_RATE_LIMITS: 'off', LOG_LEVEL: 'info' })

describe('SIGKILL under concurrent creates', () => {
  it(`loses nothing acknowledged and leaves nothing partial, over ${ROUNDS} rounds`, async () => {
    const sent = new Map<string, ContactBody>()
    const acknowledged = new Map<string, number>()
    const figures = {
      rounds: 0,
      requests: 0,
      acknowledged: 0,
      committedUnacknowledged: 0,
      contactsChecked: 0,
      rowsChecked: 0
    }

    for (let round = 0; round < ROUNDS; round++) {
      proc = await start()
      const running = proc
      // Kill after a random number of acknowledgements, plus a random sub-millisecond-to-20 ms delay, so the
      // kill lands at different points of the request and transaction cycle.
      const killAfter = 20 + Math.floor(random() * 200)
      let acksThisRound = 0
      let killed = false
      const kill = () => {
        if (killed) return
        killed = true
        setTimeout(() => { running.child.kill('SIGKILL') }, Math.floor(random() * 20))
      }
      figures.requests += await runLoad({
        baseUrl: running.url,
        concurrency: CONCURRENCY,
        stopOnError: true,
        next: (worker, n) => {
          const body = contactBody(`r${round}w${worker}n${n}`, random)
          sent.set(body.emails[0] as string, body)
          return jsonPost('/public-api/v1/contacts', DEV_API_KEY, body)
        },
        onOutcome: (spec, outcome) => {
          if (!outcome.ok) return
          expect(outcome.response.status).toBe(201)
          const body = JSON.parse(spec.body as string) as ContactBody
          acknowledged.set(body.emails[0] as string, (JSON.parse(outcome.response.body) as { id: number }).id)
          if (++acksThisRound >= killAfter) kill()
        }
      })
      const exit = await running.stop('SIGKILL')
      expect(exit.signal).toBe('SIGKILL')
      figures.rounds++

      const sqlite = new BetterSqlite3(file)
      try {
        const report = checkIntegrity(sqlite)
        expect(report.problems).toEqual([])
        expect(report.contactsWithoutEmail).toBe(0)
        for (const [email, id] of acknowledged) {
          const body = sent.get(email) as ContactBody
          expect(readContact(sqlite, id)).toEqual({
            id, partition_id: 1, emails: body.emails, phones: body.phones, names: body.names, locations: body.locations
          })
        }
        const stored = contactsByFirstEmail(sqlite)
        for (const [email, contact] of stored) {
          const body = sent.get(email)
          expect(body, `stored contact ${contact.id} was never sent`).toBeDefined()
          expect(contact).toEqual({
            id: contact.id,
            partition_id: 1,
            emails: body?.emails,
            phones: body?.phones,
            names: body?.names,
            locations: body?.locations
          })
        }
        expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size)
        figures.contactsChecked += stored.size
        figures.rowsChecked += report.contacts + report.items
        figures.acknowledged = acknowledged.size
        figures.committedUnacknowledged = stored.size - acknowledged.size
      } finally {
        sqlite.close()
      }
    }

    // And the survivor still works: it opens the file, takes a write and stops cleanly.
    proc = await start()
    const res = await send(
      proc.url,
      jsonPost('/public-api/v1/contacts', DEV_API_KEY, { emails: ['after@example.com'] })
    )
    expect(res.ok && res.response.status).toBe(201)
    expect(await proc.stop('SIGTERM')).toMatchObject({ code: 0, signal: null })
    reportFigures('crash', figures)
  }, 180_000)
})
