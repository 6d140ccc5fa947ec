// @ts-nocheck
// Mutation testing (StrykerJS 9; 10 needs Node 22): `npm run test:mutation`, on demand, never in CI. It mutates
// the wire facts, the storage layer and the rate-limit store, and runs, per mutant, only the tests that cover
// it (perTest). Scores: docs/testing.md. One module: `npm run test:mutation -- --mutate src/wire/cursor.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['src/wire/**/*.ts', 'src/db/**/*.ts', 'src/core/rate-limit-windows.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (code run when a module loads: tables, regular expressions) needs every test re-run in a
  // fresh environment; on two cores that is hours. They are counted as ignored, not as killed.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
