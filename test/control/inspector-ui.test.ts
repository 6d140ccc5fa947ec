// The inspector in a real headless Chromium (Debian's, never a downloaded browser): one scenario per panel,
// an axe-core check, and screenshots saved to test/artifacts/.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = new URL('../artifacts/', import.meta.url)
// As test/control/docs-ui.test.ts: CI installs chromium and must run this; a machine without it skips loudly.
const haveBrowser = existsSync(CHROMIUM)
const run = haveBrowser || process.env.CI !== undefined
if (!run) console.warn(`[inspector-ui] skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`)

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let emulator: Emulator
let browser: Browser
beforeAll(async () => {
  if (!run) return
  mkdirSync(ARTIFACTS, { recursive: true })
  emulator = await startEmulator()
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run']
  })
})
afterAll(async () => {
  await browser?.close()
  await emulator?.close()
})

interface Opened { context: BrowserContext, page: Page, errors: string[], urls: string[] }

async function open (url: string, hash = ''): Promise<Opened> {
  // bypassCSP only so that the test can inject axe-core; the page itself never needs it.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url })
  const page = await context.newPage()
  const errors: string[] = []
  const urls: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => urls.push(request.url()))
  await page.goto(`${url}/_emulator/ui${hash}`)
  return { context, page, errors, urls }
}

async function newSpace (name: string): Promise<{ id: number, key: string }> {
  const space = await emulator.createSpace({ name, api_key: `${name}-key-0123` })
  return { id: space.id, key: space.api_key }
}

const send = async (key: string, body: unknown, path = '/contacts', method = 'POST') => {
  const res = await fetch(`${emulator.url}/public-api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(method !== 'GET' && { body: JSON.stringify(body) })
  })
  return { status: res.status, body: await res.json() as unknown }
}

async function axe (page: Page, name: string): Promise<void> {
  await page.evaluate(AXE)
  const result = await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }
  })`) as { violations: unknown[] }
  const bad = (result.violations as Array<{ id: string, impact: string, nodes: Array<{ target: string[] }> }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `axe on ${name}`).toEqual([])
}

/** The Space select of the Requests filters, or of the Data and Control panels. */
const spacePicker = (page: Page) => page.getByRole('combobox', { name: /^Space\b/ })

const shot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true })
}

describe.skipIf(!run)('the inspector in Chromium', () => {
  it('Requests: what a client sends appears live; a 422 shows its field errors; copy as curl replays it', async () => {
    const { id, key } = await newSpace('live')
    const { context, page, errors, urls } = await open(emulator.url)
    await spacePicker(page).selectOption(String(id))
    await page.waitForSelector('.list[data-loaded] ')
    expect(await page.locator('.list tbody tr').count()).toBe(0)

    // Sent after the page loaded: they arrive through the stream, without a reload.
    expect((await send(key, { emails: ['ada@example.com'], names: ['Ada'], nickname: 'x' })).status).toBe(201)
    expect((await send(key, { emails: ['not-an-email'], custom_fields: { profile_field_26: '2024-13-45' } })).status)
      .toBe(422)
    expect((await send(key, null, '/contacts/1', 'GET')).status).toBe(200)
    await page.locator('.list tbody tr').nth(2).waitFor()
    const rows = await page.locator('.list tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent?.trim())))
    expect(rows).toEqual([
      ['GET', '/public-api/v1/contacts/1', '200', expect.stringMatching(/ ms$/), '29/30', '', ''],
      ['POST', '/public-api/v1/contacts', '422', expect.stringMatching(/ ms$/), '58/60', '', ''],
      ['POST', '/public-api/v1/contacts', '201', expect.stringMatching(/ ms$/), '59/60', '',
        'ignored unknown fields: "nickname"']
    ])

    // From the keyboard: Enter on a row's path opens it, and focus moves to the request's heading.
    await page.locator('.list tr[data-status="201"] button').focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => await page.evaluate('document.activeElement?.id')).toBe('detail-title')

    // The 422: its errors beside the fields they name in the request body.
    await page.locator('.list tr[data-status="422"] button').click()
    await page.locator('.detail .j-mark').first().waitFor()
    const marks = await page.locator('.detail .j-marked').evaluateAll((lines) => lines.map((line) => [
      line.querySelector('.j-mark')?.getAttribute('data-field'), line.textContent?.replace(/\s+/g, ' ').trim()
    ]))
    expect(marks).toEqual([
      ['emails.0', '"not-an-email" ← The emails.0 field must be a valid email address.'],
      ['custom_fields.profile_field_26',
        '"profile_field_26": "2024-13-45" ← The custom fields.profile field 26 field must be a valid date.']
    ])
    await shot(page, 'inspector-requests-422')
    await axe(page, 'Requests, with a 422 open')

    // Copy as curl, then run the copied command (the key comes from the environment): the same 422 again.
    await page.getByRole('button', { name: 'Copy as curl' }).click()
    await page.getByText('Copied.').waitFor()
    const curl = await page.evaluate('navigator.clipboard.readText()') as string
    expect(curl).toContain('"Authorization: Bearer $COMETLY_API_KEY"')
    expect(curl).not.toContain(key)
    if (existsSync('/usr/bin/curl')) {
      const { stdout } = await promisify(execFile)('sh', ['-c', `${curl} -s -w ' %{http_code}'`],
        { env: { ...process.env, COMETLY_API_KEY: key } })
      expect(stdout).toMatch(/"emails\.0":\["The emails\.0 field must be a valid email address\."\].* 422$/)
    }

    // Filters: a status class narrows the list, live entries included.
    await page.getByRole('combobox', { name: /^Status/ }).selectOption('2')
    await page.waitForFunction('document.querySelectorAll(".list tbody tr").length === 2')
    expect(await page.locator('.list tbody tr[data-status="422"]').count()).toBe(0)

    // Nothing was fetched from anywhere but the emulator.
    expect(urls.filter((url) => !url.startsWith(emulator.url))).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('Control: a fault added in the page makes the next API request fail; it can be removed', async () => {
    const { id, key } = await newSpace('faults')
    const { context, page, errors } = await open(emulator.url, '#control')
    await spacePicker(page).selectOption(String(id))
    const form = page.getByRole('form', { name: 'Add a fault rule' })
    await form.getByLabel('Method').selectOption('POST')
    await form.getByLabel('Path or route').fill('/public-api/v1/contacts')
    await form.getByLabel('Status').fill('503')
    await form.getByLabel('Times').fill('1')
    await form.getByRole('button', { name: 'Add fault' }).click()
    await page.locator('tr[data-fault]').waitFor()
    expect(await page.locator('tr[data-fault] td').allInnerTexts())
      .toEqual([expect.any(String), 'POST /public-api/v1/contacts', 'status 503, 1 times', '0 / 0', 'Remove'])

    expect(await send(key, { emails: ['a@example.com'] }))
      .toEqual({ status: 503, body: { message: 'Service Unavailable' } })
    expect((await send(key, { emails: ['a@example.com'] })).status).toBe(201)

    // Removing asks first; cancelling (Escape, as from the keyboard) keeps the rule.
    await page.getByRole('button', { name: /^Remove fault rule/ }).click()
    await page.getByRole('dialog').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
    expect(await page.locator('tr[data-fault]').count()).toBe(1)
    await page.getByRole('button', { name: /^Remove fault rule/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await page.getByText('No fault rules in this Space.').waitFor()
    expect(await emulator.app.emulator.faults.list(id)).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('Control: freezing and advancing the clock moves the rate-limit gauges', async () => {
    const { id, key } = await newSpace('clock')
    const { context, page, errors } = await open(emulator.url, '#control')
    await spacePicker(page).selectOption(String(id))
    await page.getByLabel('This Space only').check()
    await page.getByRole('button', { name: 'Freeze', exact: true }).click()
    await page.getByText(/· frozen/).waitFor()
    for (const email of ['a@example.com', 'b@example.com']) {
      expect((await send(key, { emails: [email] })).status).toBe(201)
    }

    const gauge = page.locator('tr[data-endpoint="createContact"]')
    const read = async () => [await gauge.locator('.used').innerText(), await gauge.locator('.resets').innerText()]
    await expect.poll(read, { timeout: 5000 }).toEqual(['2 of 60', '60 s'])
    const advance = async (seconds: string) => {
      await page.getByLabel('Seconds').fill(seconds)
      await page.getByRole('button', { name: 'Advance' }).click()
    }
    await advance('30')
    await expect.poll(read, { timeout: 5000 }).toEqual(['2 of 60', '30 s'])
    await shot(page, 'inspector-control')
    await axe(page, 'Control')
    await advance('30')
    await expect.poll(read, { timeout: 5000 }).toEqual(['0 of 60', '—'])
    // Only this Space's clock moved.
    expect(emulator.app.emulator.clock.state().frozen).toBe(false)
    expect(errors).toEqual([])
    await context.close()
  })

  it('Data: browse and search contacts, open one; a reset empties the view, a restore fills it', async () => {
    const { id } = await newSpace('data')
    await emulator.updateSpace(id, { custom_field_labels: { profile_field_1: 'Plan' } })
    await emulator.seed({
      spaceId: id,
      contacts: [
        {
          emails: ['grace@example.com'],
          names: ['Grace Zyxwvut'],
          custom_fields: { profile_field_1: 'enterprise' },
          conversions: [{ event_name: 'sign_up', event_time: '2024-01-02T00:00:00Z' }],
          browsing_session_hits: [{ event_url: 'https://example.com/docs', event_time: '2024-01-01T00:00:00Z' }]
        },
        { emails: ['alan@example.com'], names: ['Alan Turing'] }
      ],
      generate: { count: 60, seed: 3 }
    })
    const { context, page, errors } = await open(emulator.url, '#data')
    await spacePicker(page).selectOption(String(id))
    await page.locator('table.rows tbody tr').first().waitFor()
    expect(await page.locator('table.rows tbody tr').count()).toBe(50)
    await page.getByRole('button', { name: 'Next' }).click()
    await expect.poll(async () => await page.locator('table.rows tbody tr').count()).toBe(12)

    await page.getByLabel('Search by email or name').fill('ZYXWVUT')
    await expect.poll(async () => await page.locator('table.rows tbody tr').allInnerTexts())
      .toEqual([expect.stringContaining('grace@example.com')])
    await page.getByRole('button', { name: 'grace@example.com' }).click()
    await page.getByRole('heading', { name: /Contact \d+: Grace Zyxwvut/ }).waitFor()
    expect(await page.locator('article.contact table.rows').first().locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringMatching(/profile_field_1\s+Plan\s+text\s+enterprise/)])
    expect(await page.locator('article.contact').innerText()).toContain('https://example.com/docs')
    expect(await page.locator('article.contact').innerText()).toContain('sign_up')
    await axe(page, 'Data, a contact')
    await page.getByRole('button', { name: 'Back to the list' }).click()

    // Control: a snapshot first, then Reset this Space (each confirmed); the Data panel is then empty.
    await page.getByRole('link', { name: 'Control' }).click()
    await page.getByLabel('Snapshot name').fill('ui-before-reset')
    await page.getByRole('button', { name: 'Take snapshot' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Take snapshot' }).click()
    await page.locator('tr[data-snapshot="ui-before-reset"]').waitFor()
    await page.getByRole('button', { name: 'Reset this Space' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Reset this Space' }).click()
    await page.getByText(`Space ${id} is empty.`).waitFor()
    await page.getByRole('link', { name: 'Data' }).click()
    await page.getByLabel('Search by email or name').fill('')
    await page.getByText('No contacts in this Space.').waitFor()
    expect(await page.locator('table.rows').count()).toBe(0)

    // Restoring the snapshot (confirmed) brings the contacts back.
    await page.getByRole('link', { name: 'Control' }).click()
    await page.getByRole('button', { name: 'Restore snapshot ui-before-reset' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click()
    await page.getByText('Restored "ui-before-reset".').waitFor()
    await page.getByRole('link', { name: 'Data' }).click()
    await expect.poll(async () => await page.locator('table.rows tbody tr').count()).toBe(50)
    expect(errors).toEqual([])
    await context.close()
  })

  it('Data: the Companies and Events tabs; an event opens its contact, and back returns to the events', async () => {
    const { id, key } = await newSpace('tabs')
    await emulator.seed({
      spaceId: id,
      companies: [{ domain: 'acme.example', name: 'Acme Corp', created_at: '2023-06-01T00:00:00Z' }],
      contacts: [
        { emails: ['ada@acme.example'], names: ['Ada Lovelace'] },
        { emails: ['bob@globex.example'], names: ['Bob Globex'] }
      ]
    })
    // The Space's clock stands still: the tracked event stays queued until the page applies it.
    emulator.clock.freeze(undefined, { spaceId: id })
    expect((await send(key, { event_name: 'purchase', email: 'ada@acme.example', amount: 49.9, order_id: 'o-1' },
      '/events/track')).status).toBe(202)
    const { context, page, errors } = await open(emulator.url, '#data')
    await spacePicker(page).selectOption(String(id))
    await page.locator('table[data-resource="contacts"] tbody tr').first().waitFor()

    // Companies: newest first, each with its contacts; the search narrows by domain or name.
    await page.getByRole('button', { name: 'Companies', exact: true }).click()
    const companyRows = page.locator('table[data-resource="companies"] tbody tr')
    const companyCells = async () => await companyRows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim())))
    await expect.poll(companyCells).toEqual([
      ['globex.example', 'globex.example', '1'],
      ['acme.example', 'Acme Corp', '1']
    ])
    await page.getByLabel('Search by domain or name').fill('ACME C')
    await expect.poll(companyCells).toEqual([['acme.example', 'Acme Corp', '1']])
    await axe(page, 'Data, companies')

    // Events: nothing applied yet, one queued; the page applies it.
    await page.getByRole('button', { name: 'Events', exact: true }).click()
    await page.getByText('No applied events in this Space.').waitFor()
    await page.getByText('1 accepted event waits in the queue').waitFor()
    await page.getByRole('button', { name: 'Apply queued events now' }).click()
    const eventRows = page.locator('table[data-resource="events"] tbody tr')
    await expect.poll(async () => await eventRows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(2, 7).map((td) => td.textContent?.trim()))))
      .toEqual([['conversion', 'purchase', 'ada@acme.example', '49.9', 'o-1']])
    await page.getByText('No event waits in the queue.').waitFor()
    await page.getByLabel('Kind').selectOption('touchpoint')
    await page.getByText('No event matches.').waitFor()
    await page.getByLabel('Kind').selectOption('')
    await eventRows.first().waitFor()
    await shot(page, 'inspector-data-events')
    await axe(page, 'Data, events')

    // From the keyboard: Enter on the event's contact opens the contact's page, focus on its heading.
    await eventRows.first().getByRole('button', { name: 'ada@acme.example' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /Contact \d+: Ada Lovelace/ }).waitFor()
    await expect.poll(async () => await page.evaluate('document.activeElement?.id')).toBe('contact-title')
    expect(await page.locator('article.contact').innerText()).toContain('purchase')
    // Back returns to the events as they were, focus on the row's button again.
    await page.getByRole('button', { name: 'Back to the list' }).click()
    await eventRows.first().waitFor()
    expect(await page.getByRole('button', { name: 'Events', exact: true }).getAttribute('aria-pressed')).toBe('true')
    await expect.poll(async () => await page.evaluate('document.activeElement?.textContent')).toBe('ada@acme.example')
    // And the contacts list is where it was left.
    await page.getByRole('button', { name: 'Contacts', exact: true }).click()
    expect(await page.locator('table[data-resource="contacts"] tbody tr').count()).toBe(2)
    expect(errors).toEqual([])
    await context.close()
  })

  it('asks for the admin token when one is set, and keeps it out of every URL', async () => {
    const guarded = await startEmulator({ adminToken: 'admin-secret-token-1' })
    try {
      const { context, page, errors, urls } = await open(guarded.url)
      await page.getByLabel('Token', { exact: true }).fill('admin-secret-token-1')
      await page.getByRole('button', { name: 'Use this token' }).click()
      await page.waitForSelector('.list[data-loaded]')
      await page.getByText('Live', { exact: true }).waitFor()
      expect(await page.evaluate('sessionStorage.getItem("cometly-emulator.admin-token")'))
        .toBe('admin-secret-token-1')
      expect(await page.evaluate('localStorage.length')).toBe(0)
      expect(urls.some((url) => url.includes('admin-secret'))).toBe(false)
      await axe(page, 'Requests, empty')
      expect(errors).toEqual([])
      await context.close()
    } finally {
      await guarded.close()
    }
  })
})
