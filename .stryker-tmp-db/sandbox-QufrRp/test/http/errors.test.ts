// @ts-nocheck
// Every error, whatever its cause, is Cometly's envelope: never HTML, a stack trace or Fastify's own shape.
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../helpers/app.js'

let t: TestApp
beforeEach(async () => { t = await testApp() })
afterEach(async () => { await t.close() })

const REQUIRED = { message: 'The emails field is required.', errors: { emails: ['The emails field is required.'] } }

const raw = async (payload: string | Buffer, contentType?: string) => await t.request({
  method: 'POST',
  url: '/public-api/v1/contacts',
  payload,
  headers: contentType === undefined ? {} : { 'content-type': contentType }
})

describe('bodies Laravel cannot read become empty input (422), with a warning', () => {
  it.each([
    ['malformed JSON', '{"emails": [', 'application/json', 'body is not valid JSON: '],
    ['an empty JSON body', '', 'application/json', 'body is empty'],
    ['a JSON array', '["a@example.com"]', 'application/json', 'body is JSON but not an object'],
    ['a JSON string', '"a@example.com"', 'application/json; charset=utf-8', 'body is JSON but not an object'],
    ['text/plain', '{"emails":["a@example.com"]}', 'text/plain', 'body ignored: content type "text/plain" is not JSON'],
    ['a form', 'emails[]=a@example.com', 'application/x-www-form-urlencoded',
      'body ignored: content type "application/x-www-form-urlencoded" is not JSON']
  ])('%s', async (_name, payload, type, warning) => {
    const res = await raw(payload, type)
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.json()).toEqual(REQUIRED)
    expect(res.headers['x-emulator-warning']).toContain(warning)
  })

  it('no body and no content type', async () => {
    const res = await t.request({ method: 'POST', url: '/public-api/v1/contacts' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(REQUIRED)
  })

  it('reads JSON under a vendor +json type', async () => {
    const res = await raw('{"emails":["a@example.com"]}', 'application/vnd.api+json')
    expect(res.statusCode).toBe(201)
  })

  it('takes the last of duplicate keys, as PHP does', async () => {
    const res = await raw('{"emails":["first@example.com"],"emails":["last@example.com"]}', 'application/json')
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ id: 1, emails: ['last@example.com'], phones: [], names: [], locations: [] })
  })

  it('does not let __proto__ through', async () => {
    const res = await raw('{"emails":["a@example.com"],"__proto__":{"emails":[]}}', 'application/json')
    expect(res.statusCode).toBe(201)
    expect(res.headers['x-emulator-warning']).toBe('ignored unknown fields: "__proto__"')
  })
})

describe('errors in the envelope', () => {
  it('a body over the limit → 413', async () => {
    const res = await raw(
      JSON.stringify({ emails: ['a@example.com'], pad: 'x'.repeat(1024 * 1024) }),
      'application/json'
    )
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ message: 'The POST data is too large.' })
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it.each([
    ['GET', '/nope', 'The route nope could not be found.'],
    ['GET', '/', 'The route / could not be found.'],
    ['POST', '/public-api/v1/nothing-here?x=1', 'The route public-api/v1/nothing-here could not be found.'],
    ['GET', '/public-api/v2/contacts', 'The route public-api/v2/contacts could not be found.']
  ])('%s %s → 404', async (method, url, message) => {
    const res = await t.app.inject({ method: method as 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ message })
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('a known path with another method → 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/public-api/v1/contacts' })
    expect(res.statusCode).toBe(405)
    expect(res.headers.allow).toEqual(expect.stringContaining('POST'))
    expect(res.json()).toEqual({
      message: 'The DELETE method is not supported for route public-api/v1/contacts. ' +
        `Supported methods: ${String(res.headers.allow)}.`
    })
  })

  it('an internal error → 500 "Server Error", logged with the request id, no details', async () => {
    const lines: Array<Record<string, unknown>> = []
    const logger = pino({ level: 'info' }, new Writable({
      write (chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      }
    }))
    const broken = await testApp({ logger })
    try {
      broken.database.sqlite.exec('drop table locations')
      const res = await broken.request({
        method: 'POST',
        url: '/public-api/v1/contacts',
        payload: { emails: ['a@example.com'], locations: ['x'] }
      })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({ message: 'Server Error' })
      expect(res.body).not.toContain('locations')
      const id = res.headers['x-request-id']
      const logged = lines.find((line) => line.msg === 'request failed')
      expect(logged).toMatchObject({
        level: 50,
        reqId: id,
        err: { message: expect.stringContaining('no such table: locations') }
      })
      // And nothing of the contact stayed behind.
      expect(broken.database.sqlite.prepare('select count(*) as n from contacts').get()).toEqual({ n: 0 })
    } finally {
      await broken.close()
    }
  })

  it('every response has a request id; a caller\'s plain id is kept', async () => {
    const own = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'] },
      headers: { 'x-request-id': 'trace-123' }
    })
    expect(own.headers['x-request-id']).toBe('trace-123')
    const odd = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'] },
      headers: { 'x-request-id': 'not ok\u0001' }
    })
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('atomicity', () => {
  it('when one item cannot be stored, nothing of the contact is', async () => {
    t.database.sqlite.exec(`create trigger fail_location before insert on locations
      when new.value = 'boom' begin select raise(abort, 'injected failure'); end`)
    const res = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: {
        emails: ['a@example.com', 'b@example.com'],
        phones: ['1'],
        names: ['n'],
        locations: ['fine', 'boom'],
        custom_fields: { profile_field_1: 'x' }
      }
    })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ message: 'Server Error' })
    for (const table of ['contacts', 'emails', 'phones', 'names', 'locations']) {
      expect(t.database.sqlite.prepare(`select count(*) as n from ${table}`).get(), table).toEqual({ n: 0 })
    }
    const ok = await t.request({
      method: 'POST',
      url: '/public-api/v1/contacts',
      payload: { emails: ['a@example.com'], locations: ['fine'] }
    })
    expect(ok.statusCode).toBe(201)
  })
})
