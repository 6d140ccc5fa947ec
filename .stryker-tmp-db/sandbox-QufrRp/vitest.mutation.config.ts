// @ts-nocheck
// The tests StrykerJS runs against each mutant (stryker.config.mjs): those that exercise the wire facts, the
// storage layer and the rate-limit store in process. Real processes, the browser, the docs and the long
// property and model runs stay out: they add minutes per mutant and kill nothing the others miss.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/wire/**/*.test.ts',
      'test/db/**/*.test.ts',
      'test/core/**/*.test.ts',
      'test/api/**/*.test.ts',
      'test/control/**/*.test.ts',
      'test/http/errors.test.ts',
      'test/reliability/extreme-numbers.test.ts'
    ],
    exclude: ['test/control/docs-ui.test.ts', 'test/control/import-size.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
