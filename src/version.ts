import { readFileSync } from 'node:fs'

// This module runs from src/ under tsx and vitest and from the bundle, dist/bin/emulator.cjs, once built:
// package.json is one or two levels up.
function readVersion (): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string,
        version?: string
      }
      if (pkg.name === 'cometly-emulator' && pkg.version !== undefined) return pkg.version
    } catch {}
  }
  return '0.0.0'
}

export const VERSION = readVersion()
