// @ts-nocheck
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes keep each test file's handles to itself.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
