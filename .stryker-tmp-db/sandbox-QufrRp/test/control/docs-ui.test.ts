// @ts-nocheck
// Swagger UI is a web page: it is checked in a real headless Chromium (installed with apt, never downloaded).
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'

const CHROMIUM = '/usr/bin/chromium'
// CI installs Debian's chromium (.ci/run) and must run this test; a developer machine without it skips it,
// loudly, rather than failing `npm test` on a fresh clone.
const haveBrowser = existsSync(CHROMIUM)
if (!haveBrowser && process.env.CI === undefined) {
  console.warn(`[docs-ui] skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`)
}

let emulator: Emulator
let browser: Browser
beforeAll(async () => {
  if (!haveBrowser && process.env.CI === undefined) return
  emulator = await startEmulator()
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
})
afterAll(async () => {
  await browser?.close()
  await emulator?.close()
})

describe.skipIf(!haveBrowser && process.env.CI === undefined)('Swagger UI at /_emulator/docs', () => {
  it('renders both surfaces from the OpenAPI document, and can try a control call', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${emulator.url}/_emulator/docs`)
    await page.waitForSelector('.opblock-tag', { timeout: 15_000 })
    expect(await page.locator('.info .title').innerText()).toContain('cometly-emulator')
    const tags = await page.locator('.opblock-tag').allInnerTexts()
    for (const tag of ['Contacts', 'Spaces', 'Journal', 'Faults', 'Clock']) expect(tags.join('\n')).toContain(tag)
    expect(await page.locator('.opblock-summary-path', { hasText: '/public-api/v1/contacts' }).count())
      .toBeGreaterThan(0)

    // Try it out: GET /_emulator/clock from the page itself.
    const op = page
      .locator('.opblock-get', { has: page.locator('.opblock-summary-path[data-path="/_emulator/clock"]') })
      .first()
    await op.locator('.opblock-summary').click()
    await op.locator('button.try-out__btn').click()
    await op.locator('button.execute').click()
    await op.locator('.live-responses-table tbody .response-col_status').first().waitFor()
    expect(await op.locator('.live-responses-table tbody .response-col_status').first().innerText()).toContain('200')
    expect(errors).toEqual([])
    await page.close()
  })
})
