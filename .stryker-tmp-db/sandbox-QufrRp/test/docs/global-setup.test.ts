// @ts-nocheck
// startEmulator() from vitest's globalSetup, as docs/in-process.md shows it: a nested vitest run over two test files
// that each take their own Space from one shared emulator.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('vitest globalSetup', () => {
  it('starts one emulator for the run, serves every file, and closes it', () => {
    const run = spawnSync(process.execPath, [
      'node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fixtures/global-setup/vitest.config.ts'
    ], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1', CI: '1' }
    })
    const output = `${run.stdout}\n${run.stderr}`
    expect(output).toMatch(/Test Files\s+2 passed \(2\)/)
    expect(output).toMatch(/Tests\s+2 passed \(2\)/)
    expect(run.status, output).toBe(0)
  })
})
