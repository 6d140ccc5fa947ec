// @ts-nocheck
// The example of docs/in-process.md: a client that retries after a 429, tested against a forced 429.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'

// The code under test: create a contact, waiting out Retry-After once if Cometly says 429.
async function createContact (
  baseUrl: string,
  apiKey: string,
  email: string,
  sleep = async (ms: number) => { await new Promise((resolve) => setTimeout(resolve, ms)) }
) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${baseUrl}/public-api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ emails: [email] })
    })
    if (res.status !== 429 || attempt === 3) return { status: res.status, body: await res.json(), attempts: attempt }
    await sleep(Number(res.headers.get('retry-after')) * 1000)
  }
}

let emulator: Emulator
beforeAll(async () => { emulator = await startEmulator() })
afterAll(async () => { await emulator.close() })

it('retries after a forced 429 and then succeeds', async () => {
  const space = await emulator.createSpace()
  await emulator.addFault({ spaceId: space.id, status: 429, retry_after: 2, times: 1 })
  const waits: number[] = []

  const result = await createContact(emulator.url, space.api_key, 'ada@example.com', async (ms) => { waits.push(ms) })

  expect(result).toEqual({
    status: 201,
    body: { id: 1, emails: ['ada@example.com'], phones: [], names: [], locations: [] },
    attempts: 2
  })
  expect(waits).toEqual([2000])
  expect(await emulator.countRequests({
    spaceId: space.id,
    method: 'POST',
    path: '/public-api/v1/contacts',
    body: { emails: ['ada@example.com'] }
  })).toBe(2)
})
