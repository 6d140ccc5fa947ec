// @ts-nocheck
// cometly-emulator [options]: every option of src/core/config.ts as a flag, each also an environment variable.
// Loaded by src/cli.ts once the compile cache is on.
import { help, parseFlags } from './cli-flags.js'
import { ConfigError } from './core/config.js'
import { main } from './server.js'
import { VERSION } from './version.js'

const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  console.log(help())
} else if (args.includes('--version')) {
  console.log(VERSION)
} else {
  try {
    await main(parseFlags(args))
  } catch (error) {
    const text = error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)
    console.error(`cometly-emulator: ${text}`)
    process.exit(1)
  }
}
