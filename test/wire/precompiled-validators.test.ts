// The validators generated at build time (scripts/precompile-validators.ts) answer exactly as Ajv's compile of the
// same schema does: the same verdict, the same errors (so the same Laravel texts) and the same coerced data, for
// every schema of Cometly's routes, over values of every kind in every property.
import { createRequire } from 'node:module'
import type { ValidateFunction } from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { precompiledValidatorsSource, routeSchemas } from '../../scripts/precompile-validators.js'
import * as formats from '../../src/wire/formats.js'
import { type AjvKind, newAjv } from '../../src/wire/validation.js'

let generated: Record<string, () => ValidateFunction>
let schemas: Map<string, { kind: AjvKind, schema: object }>

/** Runs the generated module as the bundle would, with its two kinds of require. */
function load (source: string): Record<string, () => ValidateFunction> {
  const requireFrom = createRequire(import.meta.url)
  const require = (id: string): unknown => id === './formats.ts' ? formats : requireFrom(id)
  const body = source.replace('export const PRECOMPILED', 'const PRECOMPILED') + '\nreturn PRECOMPILED'
  // eslint-disable-next-line no-new-func -- the generated module is the thing under test
  return (new Function('require', body) as (r: typeof require) => Record<string, () => ValidateFunction>)(require)
}

const LONG = 'x'.repeat(256)
const SCALARS: unknown[] = [
  null, '', 'x', ' 1', '0', '1', '-1', '-0', '1.5', '1e3', '0x10', '01', '12', '1e15', '1e16', '-1e16',
  '99999999999999999999999999999999999999999', 'true', 'false', 'a@example.com', 'not-an-email', '2024-01-01',
  '2024-02-30', '2024-01-01 00:00:00', '2024-01-01T00:00:00Z', 'journey', 'desc', LONG, 'x'.repeat(10_241),
  0, -0, 1, -1, 1.5, 1e15, 1e16, -1e16, 1e308, 2 ** 53 + 1, true, false
]
const VALUES: unknown[] = [
  ...SCALARS,
  [], ['a@example.com'], ['x'], [''], [1], [null], ['a@example.com', 'not-an-email'], Array(101).fill('x'),
  {}, { a: 1 }, { profile_field_1: 'x' }, { profile_field_1: 'x'.repeat(10_241) }, { profile_field_16: '12' },
  { profile_field_16: '1e16' }, { profile_field_16: 1e16 }, { profile_field_16: 'abc' },
  { profile_field_26: '2024-02-30' }, { profile_field_26: '2024-01-01' }, { profile_field_99: 1 },
  { profile_field_16: null, profile_field_1: 5 }
]

/** Whole values, then each property of the schema set to each value alone. */
function inputs (schema: object): unknown[] {
  const properties = Object.keys((schema as { properties?: object }).properties ?? {})
  return [
    ...VALUES,
    ...properties.flatMap((name) => VALUES.map((value) => ({ [name]: value }))),
    Object.fromEntries(properties.map((name) => [name, 'x']))
  ]
}

/** What a validation leaves: the verdict, the errors as JSON (schemas in them are copies in generated code) and
 * the data after coercion and defaults (the text schemas coerce their properties, never the root). */
function outcome (validate: ValidateFunction, input: unknown): unknown {
  const data = structuredClone(input)
  const valid = validate(data)
  return { valid, errors: JSON.parse(JSON.stringify(validate.errors ?? null)) as unknown, data }
}

beforeAll(async () => {
  schemas = await routeSchemas()
  generated = load(await precompiledValidatorsSource())
})

describe('the validators generated at build time', () => {
  it('cover every schema of Cometly\'s routes, bodies, queries and paths', () => {
    expect(Object.keys(generated).sort()).toEqual([...schemas.keys()].sort())
    const kinds = [...schemas.values()].map(({ kind }) => kind)
    expect(kinds).toContain('body')
    expect(kinds).toContain('text')
    expect(schemas.size).toBeGreaterThan(10)
  })

  it('answer as Ajv\'s compile of the same schema, value for value', () => {
    let compared = 0
    for (const [key, { kind, schema }] of schemas) {
      const made = (generated[key] as () => ValidateFunction)()
      const compiled = newAjv(kind).compile(schema)
      for (const input of inputs(schema)) {
        expect(outcome(made, input), `${key} ${JSON.stringify(input)?.slice(0, 200)}`)
          .toEqual(outcome(compiled, input))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(4_000)
  })
})
