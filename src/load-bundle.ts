// Loads the bundled emulator (dist/bin/emulator.cjs) with a V8 code cache kept beside it. Compiling the bundle's
// code (parsing it, then each function on its first call) was about a third of a cold start; with the bytecode
// of the last run's start and first requests read back, the start skips that. The cache file's name carries the
// bundle's content hash and the Node version, and V8 rejects a cache made by another V8 or with other flags, so
// stale bytecode never runs. No cache, an unreadable one or a read-only folder only means compiling as usual.
// COMETLY_EMULATOR_CODE_CACHE=off neither reads nor writes it.
import { isAscii } from 'node:buffer'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'

type Exports = Record<string, unknown>

function save (script: Script, cacheFile: string): void {
  try {
    const data = script.createCachedData()
    mkdirSync(dirname(cacheFile), { recursive: true })
    // Several processes may finish at once (test workers): each writes its own file and renames it into place.
    const partial = `${cacheFile}.${process.pid}.tmp`
    writeFileSync(partial, data)
    renameSync(partial, cacheFile)
  } catch {}
}

/** Runs the CommonJS bundle `file` (whose content hash is `hash`) and returns its exports. */
export function loadBundle (file: string, hash: string): Exports {
  // The bundle is ASCII (scripts/bundle.ts), and latin1 reads ASCII as it is, many times faster than UTF-8.
  const bytes = readFileSync(file)
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')
  const enabled = process.env.COMETLY_EMULATOR_CODE_CACHE !== 'off'
  const cacheFile = join(dirname(file), '.code-cache', `${hash}-${process.version}-${process.arch}.bin`)
  let cachedData: Buffer | undefined
  if (enabled) {
    try {
      cachedData = readFileSync(cacheFile)
    } catch {}
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData !== undefined && { cachedData }) })
  const module = { exports: {} as Exports }
  // Written once the process ends, so that it holds every function the run compiled, not only the top level; and
  // only by a process that answered a request (the bundle's codeCacheWorthy), so that it holds a start's code.
  if (enabled && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => {
      const worthy = module.exports.codeCacheWorthy
      if (typeof worthy !== 'function' || worthy() === true) save(script, cacheFile)
    })
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file))
  return module.exports
}
