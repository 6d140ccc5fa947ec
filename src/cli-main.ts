// cometly-emulator [options]: every option of src/core/config.ts as a flag, each also an environment variable.
// Run by src/cli.ts from the sources and by dist/bin/cli.js from the bundle.
import { help, parseFlags } from './cli-flags.js'
import { ConfigError } from './core/config.js'
import { DatabaseAccessError } from './db/connection.js'
import { main } from './server.js'
import { VERSION } from './version.js'

export async function runCli (args: readonly string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(help())
  } else if (args.includes('--version')) {
    console.log(VERSION)
  } else {
    try {
      await main(parseFlags(args))
    } catch (error) {
      // Errors of configuration and access are the operator's to fix: their one line says what and where.
      const known = error instanceof ConfigError || error instanceof DatabaseAccessError
      const text = known ? error.message : String((error as Error).stack ?? error)
      console.error(`cometly-emulator: ${text}`)
      process.exit(1)
    }
  }
}
