// The bundle's entry (scripts/bundle.ts makes dist/bin/emulator.cjs of it): the library and the command in one
// file, so that the package's entry and its command share one parse and one code cache (src/load-bundle.ts).
export * from './index.js'
export { runCli } from './cli-main.js'
// For the loader only (src/load-bundle.ts), not part of the library.
export { codeCacheWorthy } from './server.js'
// For the package test only (whether the build's validators are the ones used), not part of the library.
export { runtimeCompiles } from './wire/validation.js'
