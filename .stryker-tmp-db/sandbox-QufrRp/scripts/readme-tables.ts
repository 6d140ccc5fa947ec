// @ts-nocheck
// Writes the configuration and rate-limit tables of docs/configuration.md from the one place each is defined
// (OPTIONS in src/core/config.ts, RATE_LIMITS in src/wire/rate-limits.ts). `--check` fails if they differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { OPTIONS } from '../src/core/config.js'
import { RATE_LIMITS } from '../src/wire/rate-limits.js'

export const CONFIGURATION_PAGE = new URL('../docs/configuration.md', import.meta.url)

function configTable (): string {
  const rows = OPTIONS.map((o) => `| \`${o.env}\` | \`${o.flag}\` | ` +
    `${o.defaultText === '' ? '(none)' : `\`${o.defaultText}\``} | ${o.description} | \`${o.key}\` |`)
  return [
    '| variable | flag | default | meaning | `startEmulator()` option |',
    '|---|---|---|---|---|',
    ...rows
  ].join('\n')
}

function limitsTable (): string {
  const rows = Object.entries(RATE_LIMITS)
    .map(([endpoint, { perMinute, documented }]) =>
      `| ${endpoint} | ${perMinute} | ${documented ? 'documented' : 'Decision'} |`)
  return ['| endpoint | per minute | source |', '|---|---|---|', ...rows].join('\n')
}

function replaceBetween (text: string, marker: string, content: string): string {
  const start = `<!-- ${marker} -->`
  const end = `<!-- /${marker} -->`
  const from = text.indexOf(start)
  if (from === -1) throw new Error(`docs/configuration.md has no ${start}`)
  const to = text.indexOf(end, from)
  const tail = to === -1 ? text.slice(from + start.length) : text.slice(to + end.length)
  return `${text.slice(0, from)}${start}\n${content}\n${end}${tail}`
}

/** The page with both generated tables as the code defines them. */
export function renderTables (text: string): string {
  return replaceBetween(replaceBetween(text, 'CONFIG TABLE', configTable()), 'LIMITS TABLE', limitsTable())
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const current = readFileSync(CONFIGURATION_PAGE, 'utf8')
  const rendered = renderTables(current)
  if (process.argv.includes('--check')) {
    if (rendered !== current) {
      console.error('docs/configuration.md: the tables are out of date: run npm run readme')
      process.exit(1)
    }
  } else {
    writeFileSync(CONFIGURATION_PAGE, rendered)
  }
}
