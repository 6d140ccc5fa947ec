// cometly-emulator [options]: every option of src/core/config.ts as a flag, each also an environment variable.
// Loaded by src/cli.ts once the compile cache is on.
import { ConfigError, OPTIONS } from './core/config.js'
import { main } from './server.js'
import { VERSION } from './version.js'

function help (): string {
  const width = Math.max(...OPTIONS.map((o) => o.flag.length)) + 8
  const lines = OPTIONS.map((o) => `  ${`${o.flag} <value>`.padEnd(width)}${o.description}\n  ${''.padEnd(width)}env ${o.env}, default ${o.defaultText === '' ? '(none)' : o.defaultText}`)
  return [
    `cometly-emulator ${VERSION}: a local emulator of Cometly's public REST API`,
    '',
    'Usage: cometly-emulator [options]',
    '',
    'Options (a flag wins over its environment variable):',
    ...lines,
    `  ${'--help'.padEnd(width)}Show this help.`,
    `  ${'--version'.padEnd(width)}Show the version.`
  ].join('\n')
}

/** Reads `--flag value` and `--flag=value` pairs; an unknown flag is an error. */
export function parseFlags (argv: readonly string[]): Record<string, string> {
  const known = new Set<string>(OPTIONS.map((o) => o.flag))
  const flags: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg : arg.slice(0, eq)
    if (!known.has(name)) throw new ConfigError(`unknown option ${name} (see --help)`)
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined) throw new ConfigError(`${name} needs a value`)
    flags[name] = value
  }
  return flags
}

const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  console.log(help())
} else if (args.includes('--version')) {
  console.log(VERSION)
} else {
  try {
    await main(parseFlags(args))
  } catch (error) {
    console.error(`cometly-emulator: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}`)
    process.exit(1)
  }
}
