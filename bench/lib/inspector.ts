// The inspector's page load, in Debian's headless Chromium (never a downloaded browser): first contentful
// paint and the moment the request list is shown, on an emulator holding the seeded contacts and a full
// journal, against the same page on an empty emulator in the same run. Every load is a new browser context
// (nothing cached); the two emulators take turns.
import { existsSync } from 'node:fs'
import { send, type ServerProcess } from './processes.js'

const CHROMIUM = '/usr/bin/chromium'

export interface InspectorLoad {
  fcpMs: number
  listShownMs: number
  /** How long the list's one data call (/requests/summaries) took, from the browser's resource timing. */
  summariesMs: number
  rows: number
}

export interface InspectorResult {
  skipped?: string
  rows: Array<{
    server: string
    fcpMs: number
    listShownMs: number
    summariesMs: number
    rowsShown: number
    runs: InspectorLoad[]
  }>
}

/** Fills the Default Space's journal ring: gets by id, and 422s that store nothing. */
export async function fillJournal (server: ServerProcess, headers: Record<string, string>, ids: [number, number],
  entries: number): Promise<void> {
  const queue = Array.from({ length: entries }, (_, i) => i)
  const worker = async (): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const response = i % 5 === 4
        ? await send(server.url, {
          method: 'POST',
          path: '/public-api/v1/contacts',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ emails: [`not-an-email-${i}`] })
        })
        : await send(server.url, {
          method: 'GET',
          path: `/public-api/v1/contacts/${ids[0] + (i * 7919) % (ids[1] - ids[0] + 1)}`,
          headers
        })
      if (response.status !== 200 && response.status !== 422) {
        throw new Error(`filling the journal answered ${response.status}: ${response.body.slice(0, 120)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

// Runs in the page before its own script: notes when the list first says it has loaded.
const OBSERVE = `
  new MutationObserver((_, observer) => {
    const list = document.querySelector('.list[data-loaded]')
    if (list === null) return
    window.__listShown = performance.now()
    window.__rows = list.querySelectorAll('tbody tr').length
    observer.disconnect()
  }).observe(document, { subtree: true, childList: true, attributes: true })
`

export async function measureInspector (subjects: Array<{ server: string, process: ServerProcess }>,
  runs: number): Promise<InspectorResult> {
  if (!existsSync(CHROMIUM)) {
    return { skipped: `skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`, rows: [] }
  }
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const loads = new Map<string, InspectorLoad[]>(subjects.map((s) => [s.server, []]))
    // One load each first, not counted: the server bundles nothing at run time, but it reads its files once.
    for (let run = -1; run < runs; run++) {
      for (const subject of subjects) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
        const page = await context.newPage()
        await page.addInitScript(OBSERVE)
        await page.goto(`${subject.process.url}/_emulator/ui`)
        await page.waitForFunction(() => (globalThis as { __listShown?: number }).__listShown !== undefined,
          undefined, { timeout: 30_000 })
        const load = await page.evaluate(() => ({
          fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          listShownMs: (globalThis as unknown as { __listShown: number }).__listShown,
          summariesMs: performance.getEntriesByType('resource')
            .find((entry) => entry.name.includes('/requests/summaries'))?.duration ?? Number.NaN,
          rows: (globalThis as unknown as { __rows: number }).__rows
        }))
        await context.close()
        if (run >= 0) loads.get(subject.server)!.push(load)
      }
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    return {
      rows: subjects.map(({ server }) => {
        const runsOf = loads.get(server)!
        return {
          server,
          fcpMs: Math.round(median(runsOf.map((l) => l.fcpMs))),
          listShownMs: Math.round(median(runsOf.map((l) => l.listShownMs))),
          summariesMs: Math.round(median(runsOf.map((l) => l.summariesMs))),
          rowsShown: median(runsOf.map((l) => l.rows)),
          runs: runsOf.map((l) => ({
            ...l,
            fcpMs: Math.round(l.fcpMs),
            listShownMs: Math.round(l.listShownMs),
            summariesMs: Math.round(l.summariesMs)
          }))
        }
      })
    }
  } finally {
    await browser.close()
  }
}
