// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.js'
import { controlClient } from '../helpers/control.js'

let t: TestApp
afterEach(async () => { await t.close() })

describe('security of the control plane', () => {
  it('needs the admin token on every control call but health and the docs', async () => {
    t = await testApp({ config: { adminToken: 's3cret-token' } })
    for (const [method, url] of [
      ['GET', '/spaces'],
      ['POST', '/reset'],
      ['GET', '/clock'],
      ['GET', '/requests'],
      ['POST', '/snapshots'],
      ['GET', '/faults']
    ] as const) {
      const res = await controlClient(t.app)(method, url)
      expect([method, url, res.status, res.body]).toEqual([method, url, 401, {
        message: 'This control call needs the admin token (Authorization: Bearer <token>).'
      }])
      expect((await controlClient(t.app, 'wrong-token')(method, url)).status).toBe(401)
    }
    expect((await controlClient(t.app, 's3cret-token')('GET', '/spaces')).status).toBe(200)
    expect((await controlClient(t.app)('GET', '/health')).status).toBe(200)
    expect((await controlClient(t.app)('GET', '/openapi.json')).status).toBe(200)
  })

  it('can be switched off: only health is left, the rest is 404 like any unknown route', async () => {
    t = await testApp({ config: { controlPlane: false } })
    const control = controlClient(t.app)
    expect((await control('GET', '/health')).status).toBe(200)
    expect(await control('GET', '/spaces'))
      .toMatchObject({ status: 404, body: { message: 'The route _emulator/spaces could not be found.' } })
    expect(await control('POST', '/reset'))
      .toMatchObject({ status: 404, body: { message: 'The route _emulator/reset could not be found.' } })
    expect((await control('GET', '/docs')).status).toBe(404)
  })

  it('control calls are never rate-limited', async () => {
    t = await testApp({ config: { rateLimitScale: 0.01 } })
    const control = controlClient(t.app)
    for (let i = 0; i < 5; i++) {
      const res = await control('GET', '/spaces')
      expect(res.status).toBe(200)
      expect(res.headers['x-ratelimit-limit']).toBeUndefined()
    }
  })

  it('answers a malformed JSON body with 400 in the envelope', async () => {
    t = await testApp()
    const res = await t.app.inject({
      method: 'POST',
      url: '/_emulator/spaces',
      payload: '{nope',
      headers: { 'content-type': 'application/json' }
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^The body is not valid JSON: /)
  })
})
