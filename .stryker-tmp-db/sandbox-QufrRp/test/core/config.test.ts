// @ts-nocheck
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultConfig, loadConfig } from '../../src/core/config.js'
import { testApp } from '../helpers/app.js'

describe('configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toEqual(defaultConfig())
    expect(defaultConfig()).toMatchObject({
      host: '127.0.0.1',
      port: 4010,
      database: './data/cometly-emulator.sqlite',
      apiKey: 'cometly-dev-key',
      spaces: [],
      rateLimits: true,
      rateLimitScale: 1,
      bodyLimit: 1_048_576,
      strict: false,
      logLevel: 'info'
    })
  })

  it('reads the environment, and a flag wins over its variable', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        COMETLY_EMULATOR_RATE_LIMITS: 'off',
        COMETLY_EMULATOR_RATE_LIMIT_SCALE: '2.5',
        COMETLY_EMULATOR_STRICT: 'true'
      },
      { '--port': '5000' }
    )
    expect(config).toMatchObject({ port: 5000, host: '0.0.0.0', rateLimits: false, rateLimitScale: 2.5, strict: true })
  })

  it.each([
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535, got "abc"'],
    [{ COMETLY_EMULATOR_RATE_LIMITS: 'maybe' }, 'COMETLY_EMULATOR_RATE_LIMITS must be on or off, got "maybe"'],
    [{ COMETLY_EMULATOR_RATE_LIMIT_SCALE: '0' },
      'COMETLY_EMULATOR_RATE_LIMIT_SCALE must be a number from 0.001 to 1000, got "0"'],
    [{ COMETLY_EMULATOR_RATE_LIMIT_SCALE: '1e999' },
      'COMETLY_EMULATOR_RATE_LIMIT_SCALE must be a number from 0.001 to 1000, got "1e999"'],
    [{ COMETLY_EMULATOR_RATE_LIMIT_SCALE: ' ' },
      'COMETLY_EMULATOR_RATE_LIMIT_SCALE must be a number from 0.001 to 1000, got " "'],
    [{ COMETLY_EMULATOR_SPACES: '[{"name": 5}]' }, 'COMETLY_EMULATOR_SPACES: '],
    [{ COMETLY_EMULATOR_SPACES: '{not json' }, 'COMETLY_EMULATOR_SPACES: not valid JSON'],
    [{ COMETLY_EMULATOR_SPACES: '/no/such/file.json' }, 'COMETLY_EMULATOR_SPACES: cannot read /no/such/file.json']
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('declares Spaces inline or from a file, and they work at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cometly-config-'))
    try {
      const file = join(dir, 'spaces.json')
      writeFileSync(file, JSON.stringify({
        spaces: [{ name: 'From file', api_keys: ['file-key'], time_zone: 'Europe/Paris' }]
      }))
      expect(loadConfig({ COMETLY_EMULATOR_SPACES: file }).spaces)
        .toEqual([{ name: 'From file', api_keys: ['file-key'], time_zone: 'Europe/Paris' }])
      const inline = loadConfig({ COMETLY_EMULATOR_SPACES: '[{"name":"Inline","api_keys":["inline-key"]}]' }).spaces
      const t = await testApp({
        config: { spaces: [...loadConfig({ COMETLY_EMULATOR_SPACES: file }).spaces, ...inline] }
      })
      try {
        for (const key of ['file-key', 'inline-key', 'cometly-dev-key']) {
          const res = await t.request({
            method: 'POST',
            url: '/public-api/v1/contacts',
            payload: { emails: ['a@example.com'] },
            headers: { authorization: `Bearer ${key}` }
          })
          expect(res.statusCode, key).toBe(201)
        }
        expect(t.database.sqlite.prepare('select name, time_zone, partition_id from spaces order by id').all())
          .toEqual([
            { name: 'Default Space', time_zone: 'UTC', partition_id: 1 },
            { name: 'From file', time_zone: 'Europe/Paris', partition_id: 2 },
            { name: 'Inline', time_zone: 'UTC', partition_id: 3 }
          ])
        // Each Space's contacts are in its own partition.
        expect(t.database.sqlite
          .prepare('select partition_id, count(*) as n from contacts group by partition_id')
          .all())
          .toEqual([{ partition_id: 1, n: 1 }, { partition_id: 2, n: 1 }, { partition_id: 3, n: 1 }])
      } finally {
        await t.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses an unknown time zone and a key declared for two Spaces', async () => {
    await expect(testApp({ config: { spaces: [{ name: 'X', time_zone: 'Mars/Olympus' }] } }))
      .rejects.toThrow('unknown time zone "Mars/Olympus"')
    await expect(testApp({ config: { spaces: [{ name: 'X', api_keys: ['cometly-dev-key'] }] } }))
      .rejects.toThrow('declared for two Spaces')
  })

  it('uses another dev key when told to', async () => {
    const t = await testApp({ config: { apiKey: 'my-own-key' } })
    try {
      const res = await t.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['a@example.com'] },
        headers: { authorization: 'Bearer my-own-key' }
      })
      expect(res.statusCode).toBe(201)
      const dev = await t.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['a@example.com'] }
      })
      expect(dev.statusCode).toBe(401)
    } finally {
      await t.close()
    }
  })
})
