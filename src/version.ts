import { readFileSync } from 'node:fs'

/** The version, written into the bundle when it is built (scripts/bundle.ts), so a start reads no file for it. */
declare const COMETLY_VERSION: string | undefined

// Run from its sources (tsx, vitest), the emulator reads package.json, one or two levels up.
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

export const VERSION = typeof COMETLY_VERSION === 'string' ? COMETLY_VERSION : readVersion()
