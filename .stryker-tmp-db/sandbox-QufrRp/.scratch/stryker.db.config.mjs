// @ts-nocheck
import base from '../stryker.config.mjs'
export default {
  ...base,
  vitest: { configFile: '.scratch/vitest.unit.config.ts', related: false },
  mutate: ['src/db/**/*.ts'],
  tempDirName: '.stryker-tmp-db',
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: '.scratch/db-unit.json' }
}
