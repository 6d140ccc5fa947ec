// @ts-nocheck
import { defineConfig } from 'vitest/config'
export default defineConfig({ test: { include: ['test/db/**/*.test.ts', 'test/wire/**/*.test.ts', 'test/core/**/*.test.ts'] } })
