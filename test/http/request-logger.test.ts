// Each request's logger makes its pino child only when a line gets through the level; every line of a request
// still carries its id, whichever level lets it through.
import { Writable } from 'node:stream'
import type { FastifyBaseLogger } from 'fastify'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../helpers/app.js'

let t: TestApp | undefined
afterEach(async () => { await t?.close() })

function capture (level: string): { logger: FastifyBaseLogger, lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = []
  const logger = pino({ level }, new Writable({
    write (chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
      done()
    }
  }))
  return { logger, lines }
}

const createContact = {
  method: 'POST' as const,
  url: '/public-api/v1/contacts',
  payload: { emails: ['a@example.com'] }
}
const request = (line: Record<string, unknown>) =>
  ({ reqId: line.reqId, msg: line.msg, url: line.url, level: line.level })

describe('request logging', () => {
  it('at warn, a request that goes well writes nothing; a failing one, its error with the request id', async () => {
    const { logger, lines } = capture('warn')
    t = await testApp({ logger })
    expect((await t.request(createContact)).statusCode).toBe(201)
    expect(lines).toEqual([])
    t.database.sqlite.exec('drop table locations')
    const failed = await t.request({ ...createContact, payload: { emails: ['b@example.com'], locations: ['x'] } })
    expect(failed.statusCode).toBe(500)
    expect(lines.map((line) => [line.level, line.msg, line.reqId]))
      .toEqual([[50, 'request failed', failed.headers['x-request-id']]])
  })

  it('at info, every request line carries its own request id', async () => {
    const { logger, lines } = capture('info')
    t = await testApp({ logger })
    const first = await t.request(createContact)
    await t.request({ ...createContact, headers: { 'x-request-id': 'caller-chosen.1' } })
    expect(lines.filter((line) => line.msg === 'request').map(request)).toEqual([
      { reqId: first.headers['x-request-id'], msg: 'request', url: '/public-api/v1/contacts', level: 30 },
      { reqId: 'caller-chosen.1', msg: 'request', url: '/public-api/v1/contacts', level: 30 }
    ])
  })

  it('a control call writes one line, from the control plane\'s own instance, with the id it answered', async () => {
    const { logger, lines } = capture('info')
    t = await testApp({ logger })
    const listed = await t.app.inject({ method: 'GET', url: '/_emulator/spaces' })
    const missing = await t.app.inject({ method: 'POST', url: '/_emulator/no-such-route', payload: {} })
    expect([listed.statusCode, missing.statusCode]).toEqual([200, 404])
    expect(lines.filter((line) => line.msg === 'request').map((line) => ({ ...request(line), status: line.status })))
      .toEqual([
        { reqId: listed.headers['x-request-id'], msg: 'request', url: '/_emulator/spaces', level: 30, status: 200 },
        {
          reqId: missing.headers['x-request-id'],
          msg: 'request',
          url: '/_emulator/no-such-route',
          level: 30,
          status: 404
        }
      ])
  })

  it('the health check\'s line appears at debug only, with its request id', async () => {
    for (const level of ['info', 'debug']) {
      const { logger, lines } = capture(level)
      t = await testApp({ logger })
      const res = await t.app.inject({ method: 'GET', url: '/_emulator/health' })
      expect(res.statusCode).toBe(200)
      expect(lines.filter((line) => line.msg === 'request').map(request)).toEqual(level === 'info'
        ? []
        : [{ reqId: res.headers['x-request-id'], msg: 'request', url: '/_emulator/health', level: 20 }])
      await t.close()
      t = undefined
    }
  })

  it('a logger that cannot tell its levels gets a child per request, with the request id bound', async () => {
    const bound: unknown[] = []
    const quiet = (): void => {}
    const logger: FastifyBaseLogger = {
      level: 'info',
      fatal: quiet,
      error: quiet,
      warn: quiet,
      info: quiet,
      debug: quiet,
      trace: quiet,
      silent: quiet,
      child (bindings) {
        bound.push(bindings)
        return logger
      }
    }
    t = await testApp({ logger })
    const res = await t.request(createContact)
    expect(res.statusCode).toBe(201)
    expect(bound).toContainEqual({ reqId: res.headers['x-request-id'] })
  })
})
