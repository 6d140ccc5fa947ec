import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONFIGURATION_PAGE, renderTables } from '../../scripts/readme-tables.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DECISIONS = 52

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

function tsFiles (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return tsFiles(path)
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every Decision number a text cites: `Decision D12`, and `Decisions D12 and D13` / `D12, D13 or D14`. */
function citedDecisions (text: string): number[] {
  return [...text.matchAll(/\bDecisions? (D\d+(?:(?:,| and| or| to|, and|, or) D\d+)*)/g)]
    .flatMap((m) => [...(m[1] ?? '').matchAll(/D(\d+)/g)].map((d) => Number(d[1])))
}

describe('docs', () => {
  it('docs/configuration.md shows the configuration and rate-limit tables as the code defines them ' +
    '(npm run readme)', () => {
    const page = readFileSync(CONFIGURATION_PAGE, 'utf8')
    expect(renderTables(page)).toBe(page)
  })

  it('docs/fidelity.md has an entry for every Decision of the wire contract and every one the code cites', () => {
    const headings = [...read('docs/fidelity.md').matchAll(/^### D(\d+) /gm)].map((m) => Number(m[1]))
    // In order, each once, D1 to D52 all present.
    expect(headings).toEqual([...headings].sort((a, b) => a - b))
    expect(new Set(headings).size).toBe(headings.length)
    const missing = Array.from({ length: DECISIONS }, (_, i) => i + 1).filter((n) => !headings.includes(n))
    expect(missing).toEqual([])

    const uncovered = tsFiles(join(ROOT, 'src')).flatMap((file) =>
      citedDecisions(readFileSync(file, 'utf8'))
        .filter((n) => !headings.includes(n))
        .map((n) => `${file.slice(ROOT.length)}: D${n}`))
    expect(uncovered).toEqual([])
  })

  it('shows the retry example of docs/in-process.md exactly as test/docs/example-retry.test.ts runs it', () => {
    const page = read('docs/in-process.md')
    const block = /tested against a forced 429[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(page)?.[1]
    // The test file minus its first comment line, importing from the source where the docs import the package.
    const tested = read('test/docs/example-retry.test.ts').split('\n').slice(1).join('\n')
      .replace("from '../../src/index.js'", "from 'cometly-emulator'")
    expect(block).toBe(tested)
  })

  it('labels the Docker image with package.json\'s version', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string }
    expect(/^ARG VERSION=(\S+)$/m.exec(read('Dockerfile'))?.[1]).toBe(version)
  })

  it('keeps the README a front door: at most 260 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(260)
  })
})
