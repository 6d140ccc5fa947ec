// @ts-nocheck
import { describe, expect, it } from 'vitest'
import { help, parseFlags } from '../src/cli-flags.js'
import { OPTIONS } from '../src/core/config.js'

describe('command-line flags', () => {
  it('reads --flag value and --flag=value', () => {
    expect(parseFlags(['--port', '0', '--database=:memory:', '--log-level=silent'])).toEqual({
      '--port': '0', '--database': ':memory:', '--log-level': 'silent'
    })
    expect(parseFlags([])).toEqual({})
  })

  it.each([
    [['--foo'], 'unknown option --foo (see --help)'],
    [['stray'], 'unknown option stray (see --help)'],
    [['-p', '1'], 'unknown option -p (see --help)'],
    [['--port'], '--port needs a value'],
    [['--port', '--host', 'x'], '--port needs a value']
  ])('refuses %j with "%s"', (argv, message) => {
    expect(() => parseFlags(argv)).toThrow(message)
  })

  it('lists every option of the table in --help', () => {
    const text = help()
    for (const option of OPTIONS) expect(text).toContain(`${option.flag} <value>`)
  })
})
