// Writes the README's configuration and rate-limit tables from the one place each is defined
// (OPTIONS in src/config.ts, RATE_LIMITS in src/cometly/rate-limits.ts). `--check` fails if they differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { OPTIONS } from '../src/core/config.js'
import { RATE_LIMITS } from '../src/wire/rate-limits.js'

const README = new URL('../README.md', import.meta.url)

function configTable (): string {
  const rows = OPTIONS.map((o) => `| \`${o.env}\` | \`${o.flag}\` | ${o.defaultText === '' ? '(none)' : `\`${o.defaultText}\``} | ${o.description} |`)
  return ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n')
}

function limitsTable (): string {
  return Object.entries(RATE_LIMITS)
    .map(([endpoint, { perMinute, documented }]) => `| ${endpoint} | ${perMinute} | ${documented ? 'documented' : 'Decision'} |`)
    .join('\n')
}

function replaceBetween (text: string, marker: string, content: string): string {
  const start = `<!-- ${marker} -->`
  const end = `<!-- /${marker} -->`
  const from = text.indexOf(start)
  if (from === -1) throw new Error(`README has no ${start}`)
  const to = text.indexOf(end, from)
  const tail = to === -1 ? text.slice(from + start.length) : text.slice(to + end.length)
  return `${text.slice(0, from)}${start}\n${content}\n${end}${tail}`
}

export function renderReadme (text: string): string {
  return replaceBetween(replaceBetween(text, 'CONFIG TABLE', configTable()), 'LIMITS TABLE', limitsTable())
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const current = readFileSync(README, 'utf8')
  const rendered = renderReadme(current)
  if (process.argv.includes('--check')) {
    if (rendered !== current) {
      console.error('README tables are out of date: run npm run readme')
      process.exit(1)
    }
  } else {
    writeFileSync(README, rendered)
  }
}
