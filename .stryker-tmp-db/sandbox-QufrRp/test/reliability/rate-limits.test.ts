// @ts-nocheck
// Rate limits under concurrency: 300 creates at once from two Spaces with three keys each. All keys of a
// Space share its budget, so exactly 60 per Space succeed in the window, the rest are 429 with Laravel's
// headers, and nothing beyond the limit is stored.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { checkIntegrity } from '../helpers/integrity.js'
import { contactBody, type HttpResult, jsonPost, reportFigures, runLoad, seededRandom } from '../helpers/load.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

const SPACES = [
  { name: 'Alpha', api_keys: ['alpha-key-0001', 'alpha-key-0002', 'alpha-key-0003'] },
  { name: 'Beta', api_keys: ['beta-key-0001', 'beta-key-0002', 'beta-key-0003'] }
]
const REQUESTS = 300
const LIMIT = 60
const random = seededRandom(Number(process.env.FC_SEED ?? 7_2024))
const dir = mkdtempSync(join(tmpdir(), 'cometly-limits-'))
let proc: EmulatorProcess | undefined
afterEach(async () => { await proc?.stop('SIGKILL') })
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

describe('300 concurrent creates from two Spaces', () => {
  it('exactly 60 per Space succeed, the rest are 429 with the right headers, and only 60 are stored', async () => {
    const file = join(dir, 'limits.sqlite')
    proc = await startProcess({ COMETLY_EMULATOR_DATABASE: file, COMETLY_EMULATOR_SPACES: JSON.stringify(SPACES) })
    const keys = SPACES.flatMap((space) => space.api_keys.map((key) => ({ space: space.name, key })))
    const answers = new Map<string, HttpResult[]>(SPACES.map((space) => [space.name, []]))
    const startedAt = Date.now()
    await runLoad({
      baseUrl: proc.url,
      concurrency: REQUESTS,
      keepAlive: false,
      next: (worker, n) => {
        if (n > 0) return undefined
        const { key } = keys[worker % keys.length] as { key: string }
        return jsonPost('/public-api/v1/contacts', key, contactBody(`rl${worker}`, random))
      },
      onOutcome: (spec, outcome) => {
        expect(outcome.ok).toBe(true)
        if (!outcome.ok) return
        const key = spec.headers?.authorization?.slice('Bearer '.length)
        answers.get(keys.find((k) => k.key === key)?.space as string)?.push(outcome.response)
      }
    })
    const finishedAt = Date.now()

    for (const [space, results] of answers) {
      expect(results, space).toHaveLength(REQUESTS / SPACES.length)
      const created = results.filter((r) => r.status === 201)
      const limited = results.filter((r) => r.status === 429)
      expect({ space, created: created.length, limited: limited.length })
        .toEqual({ space, created: LIMIT, limited: REQUESTS / SPACES.length - LIMIT })
      // Each success spent one unit: the remaining counts are 59 down to 0, each exactly once.
      expect(created.map((r) => Number(r.headers['x-ratelimit-remaining'])).sort((a, b) => a - b))
        .toEqual(Array.from({ length: LIMIT }, (_, i) => i))
      for (const r of created) expect(r.headers['x-ratelimit-limit']).toBe(String(LIMIT))
      for (const r of limited) {
        expect(r.body).toBe('{"message":"Too Many Attempts."}')
        expect(r.headers['x-ratelimit-limit']).toBe(String(LIMIT))
        expect(r.headers['x-ratelimit-remaining']).toBe('0')
        const retryAfter = Number(r.headers['retry-after'])
        expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true)
        // X-RateLimit-Reset is Unix seconds: the window's end, which Retry-After counts down to.
        const reset = Number(r.headers['x-ratelimit-reset'])
        expect(Number.isInteger(reset)).toBe(true)
        expect(reset).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) + retryAfter - 1)
        expect(reset).toBeLessThanOrEqual(Math.ceil(finishedAt / 1000) + retryAfter + 1)
      }
    }

    expect(await proc.stop('SIGTERM')).toMatchObject({ code: 0 })
    const sqlite = new BetterSqlite3(file, { readonly: true })
    try {
      const perSpace = sqlite.prepare(`
        select s.name, (select count(*) from contacts c where c.partition_id = s.partition_id) as n
        from spaces s order by s.name`).all()
      expect(perSpace).toEqual([
        { name: 'Alpha', n: LIMIT },
        { name: 'Beta', n: LIMIT },
        { name: 'Default Space', n: 0 }
      ])
      const report = checkIntegrity(sqlite)
      expect(report.problems).toEqual([])
      expect(report.contacts).toBe(2 * LIMIT)
      reportFigures('rate limits', {
        requests: REQUESTS,
        created: 2 * LIMIT,
        limited: REQUESTS - 2 * LIMIT,
        rowsChecked: report.contacts + report.items
      })
    } finally {
      sqlite.close()
    }
  }, 60_000)
})
