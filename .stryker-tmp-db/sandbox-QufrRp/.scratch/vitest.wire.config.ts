// @ts-nocheck
import { defineConfig } from 'vitest/config'
export default defineConfig({ test: { include: ['test/wire/**/*.test.ts'] } })
