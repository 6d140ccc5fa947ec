// @ts-nocheck
// Limits: body size, array and string lengths, query-string and header size all answer in the envelope;
// clients that send a request a byte at a time are cut off with 408 without holding anyone else up.
import { afterEach, describe, expect, it } from 'vitest'
import { DEV_API_KEY } from '../../src/core/config.js'
import { MAX_ITEMS } from '../../src/wire/contact-fields.js'
import { countRows, type TestApp, testApp } from '../helpers/app.js'
import { jsonPost, openRaw, parseRawResponse, reportFigures, runLoad, send, sleep } from '../helpers/load.js'
import { type EmulatorProcess, startProcess } from '../helpers/process.js'

let t: TestApp | undefined
let proc: EmulatorProcess | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
  await proc?.stop('SIGKILL')
  proc = undefined
})

const invalid = (key: string, message: string) => ({ message, errors: { [key]: [message] } })
const many = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i))

describe('body limits, through the app', () => {
  it.each([
    ['emails over the item limit', { emails: many(MAX_ITEMS + 1, (i) => `e${i}@example.com`) },
      invalid('emails', `The emails field must not have more than ${MAX_ITEMS} items.`)],
    ['phones over the item limit', { emails: ['a@example.com'], phones: many(MAX_ITEMS + 1, String) },
      invalid('phones', `The phones field must not have more than ${MAX_ITEMS} items.`)],
    ['a name over 255 characters', { emails: ['a@example.com'], names: ['n'.repeat(256)] },
      invalid('names.0', 'The names.0 field must not be greater than 255 characters.')],
    ['a location over 255 characters', { emails: ['a@example.com'], locations: ['x', 'é'.repeat(256)] },
      invalid('locations.1', 'The locations.1 field must not be greater than 255 characters.')],
    ['a text custom field over 10,240 characters',
      { emails: ['a@example.com'], custom_fields: { profile_field_1: 'v'.repeat(10_241) } },
      invalid('custom_fields.profile_field_1',
        'The custom fields.profile field 1 field must not be greater than 10240 characters.')]
  ])('%s: 422 in the envelope, nothing stored', async (_name, body, expected) => {
    t = await testApp()
    const res = await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: body })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(expected)
    expect(countRows(t.database).contacts).toBe(0)
  })

  it.each([
    [`exactly ${MAX_ITEMS} items of 255 characters`,
      { emails: ['a@example.com'], names: many(MAX_ITEMS, () => 'n'.repeat(255)) }]
  ])('%s: accepted', async (_name, body) => {
    t = await testApp()
    const res = await t.request({ method: 'POST', url: '/public-api/v1/contacts', payload: body })
    expect(res.statusCode).toBe(201)
  })

  it('a body over the body limit: 413 in the envelope, nothing stored, no budget spent', async () => {
    t = await testApp({ config: { bodyLimit: 4096 } })
    const res = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'], names: ['n'.repeat(5000)] }
    })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ message: 'The POST data is too large.' })
    expect(countRows(t.database).contacts).toBe(0)
    const next = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'] }
    })
    expect(next.headers['x-ratelimit-remaining']).toBe('59')
  })

  it('a query string over the URL limit: 414 in the envelope, with the request id', async () => {
    t = await testApp({ config: { urlLimit: 1024 } })
    const res = await t.request({ method: 'GET', url: `/public-api/v1/contacts?start_date=${'9'.repeat(1024)}` })
    expect(res.statusCode).toBe(414)
    expect(res.json()).toEqual({ message: 'URI Too Long' })
    expect(res.headers['x-request-id']).toEqual(expect.any(String))
    const atLimit = await t.request({
      method: 'POST',
      url: `/public-api/v1/contacts?${'q'.repeat(1024 - '/public-api/v1/contacts?'.length)}`,
      payload: { emails: ['a@example.com'] }
    })
    expect(atLimit.statusCode).toBe(201)
  })
})

describe('the real process', () => {
  it('headers over the header limit: 431 in the envelope; a long URL: 414; then it carries on', async () => {
    proc = await startProcess({ COMETLY_EMULATOR_HEADER_LIMIT: '8192', COMETLY_EMULATOR_URL_LIMIT: '2048' })
    const big = await send(proc.url, {
      method: 'GET',
      path: '/_emulator/health',
      headers: { 'x-padding': 'p'.repeat(9000) }
    })
    expect(big.ok && {
      status: big.response.status,
      type: big.response.headers['content-type'],
      body: big.response.body
    }).toEqual({
      status: 431,
      type: 'application/json; charset=utf-8',
      body: '{"message":"Request Header Fields Too Large"}'
    })
    const longUrl = await send(proc.url, {
      method: 'GET',
      path: `/public-api/v1/contacts?x=${'a'.repeat(3000)}`,
      headers: { authorization: `Bearer ${DEV_API_KEY}` }
    })
    expect(longUrl.ok && { status: longUrl.response.status, body: longUrl.response.body })
      .toEqual({ status: 414, body: '{"message":"URI Too Long"}' })
    const garbage = await openRaw(proc.url, 'NOT HTTP AT ALL\r\n\r\n')
    expect(parseRawResponse(await garbage.closed)).toMatchObject({ status: 400, body: '{"message":"Bad Request"}' })
    const after = await send(proc.url, jsonPost('/public-api/v1/contacts', DEV_API_KEY, { emails: ['a@example.com'] }))
    expect(after.ok && after.response.status).toBe(201)
  })

  it('slow clients get 408 in the envelope and are disconnected, while others are served', async () => {
    proc = await startProcess({ COMETLY_EMULATOR_REQUEST_TIMEOUT: '1000', COMETLY_EMULATOR_RATE_LIMITS: 'off' })
    const { host } = new URL(proc.url)
    // Padded so that a byte every 200 ms takes far longer than the timeout.
    const body = JSON.stringify({ emails: ['slow@example.com'] }) + ' '.repeat(200)
    // Half send the head a byte at a time, half the body; either would take minutes to finish.
    const slow = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const head = `POST /public-api/v1/contacts HTTP/1.1\r\nHost: ${host}\r\n` +
        `Authorization: Bearer ${DEV_API_KEY}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`
      const [first, rest] = i % 2 === 0 ? ['P', head.slice(1) + body] : [head, body]
      const exchange = await openRaw(proc?.url as string, first)
      let at = 0
      const drip = setInterval(() => {
        if (!exchange.socket.destroyed && at < rest.length) exchange.write(rest[at++] as string)
      }, 200)
      return { exchange, drip, sentAll: () => at >= rest.length }
    }))
    let served = 0
    await runLoad({
      baseUrl: proc.url,
      concurrency: 4,
      next: (w, n) => n < 25
        ? jsonPost('/public-api/v1/contacts', DEV_API_KEY, { emails: [`fast${w}.${n}@example.com`] })
        : undefined,
      onOutcome: (_spec, outcome) => {
        expect(outcome.ok && outcome.response.status).toBe(201)
        served++
      }
    })
    expect(served).toBe(100)
    for (const { exchange, drip, sentAll } of slow) {
      const raw = await exchange.closed
      clearInterval(drip)
      expect(sentAll()).toBe(false)
      expect(parseRawResponse(raw)).toMatchObject({ status: 408, body: '{"message":"Request Timeout"}' })
    }
    await sleep(0)
    reportFigures('limits', { slowClients: slow.length, servedMeanwhile: served })
  }, 30_000)
})
