// @ts-nocheck
// The command line: --help's text and the flags, read with node:util's parseArgs from the one options table.
import { parseArgs } from 'node:util'
import { ConfigError, OPTIONS } from './core/config.js'
import { VERSION } from './version.js'

export function help (): string {
  const width = Math.max(...OPTIONS.map((o) => o.flag.length)) + 8
  const lines = OPTIONS.map((o) => {
    const fallback = o.defaultText === '' ? '(none)' : o.defaultText
    const flag = `${o.flag} <value>`.padEnd(width)
    return `  ${flag}${o.description}\n  ${''.padEnd(width)}env ${o.env}, default ${fallback}`
  })
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

/**
 * Reads `--flag value` and `--flag=value` with node:util's parseArgs; an unknown flag, a flag without a value
 * or a stray argument is an error that names it.
 */
export function parseFlags (argv: readonly string[]): Record<string, string> {
  const options = Object.fromEntries(OPTIONS.map((o) => [o.flag.slice(2), { type: 'string' as const }]))
  let values: Record<string, unknown>
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }))
  } catch (error) {
    // The same texts as before parseArgs: the argument by name, and what to do.
    const { code, message } = error as { code?: string, message: string }
    const name = /'(-{0,2}[^' ]+)/.exec(message)?.[1] ?? message
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new ConfigError(`${name} needs a value`)
    throw new ConfigError(`unknown option ${name} (see --help)`)
  }
  const flags: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) if (typeof value === 'string') flags[`--${name}`] = value
  return flags
}
