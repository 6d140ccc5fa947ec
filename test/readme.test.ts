import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderReadme } from '../scripts/readme-tables.js'

describe('README', () => {
  it('shows the configuration and rate-limit tables as the code defines them (npm run readme)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(renderReadme(readme)).toBe(readme)
  })
})
