// @ts-nocheck
import base from '../stryker.config.mjs'
export default {
  ...base,
  vitest: { configFile: '.scratch/vitest.wire.config.ts', related: false },
  mutate: ['src/wire/cursor.ts', 'src/wire/time-zone.ts'],
  tempDirName: '.stryker-tmp-wire',
  concurrency: 1,
  reporters: ['clear-text', 'json'],
  jsonReporter: { fileName: '.scratch/wire-recheck.json' }
}
