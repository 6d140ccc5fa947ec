// Request validation with Laravel's messages. Route schemas (TypeBox) are compiled by Ajv, and Ajv's errors
// are translated here into Laravel's 422 shape, so the schema stays the single statement of each rule.
// The texts are Laravel 11's lang/en/validation.php.
import { createHash } from 'node:crypto'
import { _, Ajv, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv'
import type { FastifySchemaCompiler } from 'fastify'
import { ValidationError } from './errors.js'
import { AJV_FORMATS, FORMATS, outsideNumericBounds } from './formats.js'
import { PRECOMPILED } from './precompiled.js'

export { FORMATS } from './formats.js'

/**
 * A keyword for a number that may also come as a numeric string (the number slots): the string, read as a
 * number, must lie within the schema's own `minimum` and `maximum`, as Ajv checks a JSON number.
 */
export const NUMERIC_BOUNDS = 'x-numeric-bounds'

const FORMAT_MESSAGES: Record<string, (attribute: string) => string> = {
  [FORMATS.email]: (a) => `The ${a} field must be a valid email address.`,
  [FORMATS.numeric]: (a) => `The ${a} field must be a number.`,
  [FORMATS.date]: (a) => `The ${a} field must be a valid date.`,
  [FORMATS.dateTime]: (a) => `The ${a} field must match the format Y-m-d H:i:s.`,
  [FORMATS.flag]: (a) => `The ${a} field must be true or false.`
}

/** Laravel's texts for rules that a route checks in code, beyond its schema. */
export const RULE_MESSAGES = {
  required: (a: string) => `The ${a} field is required.`,
  selectedInvalid: (a: string) => `The selected ${a} is invalid.`,
  numeric: (a: string) => `The ${a} field must be a number.`,
  date: (a: string) => `The ${a} field must be a valid date.`,
  integer: (a: string) => `The ${a} field must be an integer.`,
  after: (other: string) => (a: string) => `The ${a} field must be a date after ${other}.`,
  afterOrEqual: (date: string) => (a: string) => `The ${a} field must be a date after or equal to ${date}.`,
  beforeOrEqual: (date: string) => (a: string) => `The ${a} field must be a date before or equal to ${date}.`,
  between: (min: number, max: number) => (a: string) => `The ${a} field must be between ${min} and ${max}.`,
  requiredWithoutAll: (others: readonly string[]) => (a: string) =>
    `The ${a} field is required when none of ${others.join(' / ')} are present.`,
  requiredWithout: (other: string) => (a: string) => `The ${a} field is required when ${other} is not present.`,
  requiredWith: (other: string) => (a: string) => `The ${a} field is required when ${other} is present.`,
  boolean: (a: string) => `The ${a} field must be true or false.`,
  string: (a: string) => `The ${a} field must be a string.`,
  maxString: (max: number) => (a: string) => `The ${a} field must not be greater than ${max} characters.`,
  unique: (a: string) => `The ${a} has already been taken.`
} as const

/**
 * A string's length as Laravel's `max` rule counts it (mb_strlen: characters), and as the JSON schemas' maxLength
 * does: an emoji is one, not the two UTF-16 units of `.length`.
 */
export function characterCount (text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    // A high surrogate followed by a low one is one character.
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
    count++
  }
  return count
}

/** A query-string flag's value: `1`/`true` on, `0`/`false` off. */
export function readFlag (value: string | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value === '1' || value === 'true'
}

/** A JSON body flag's value under Laravel's `boolean` rule: true, 1 and "1" are on. */
export function readBodyFlag (value: boolean | number | string | undefined): boolean {
  return value === true || value === 1 || value === '1'
}

/** Marks a schema whose failures read as Laravel's `boolean` rule: "must be true or false". */
export const BOOLEAN_RULE = 'x-laravel-boolean'

/** Where the validators generated at build time (src/wire/precompiled.ts) find what Ajv's compile refers to. */
const FORMATS_MODULE = './formats.ts'

// The number slots' keyword as code rather than a function, so that a validator generated at build time can
// carry it (Ajv's standalone code cannot serialize a keyword's function).
function numericBoundsCode (cxt: KeywordCxt): void {
  if (cxt.schema !== true) return
  const { minimum, maximum } = cxt.parentSchema as { minimum?: unknown, maximum?: unknown }
  if (typeof minimum !== 'number' || typeof maximum !== 'number') {
    throw new Error(`${NUMERIC_BOUNDS} needs a numeric minimum and maximum beside it`)
  }
  const outside = cxt.gen.scopeValue('func', {
    ref: outsideNumericBounds,
    code: _`require(${FORMATS_MODULE}).outsideNumericBounds`
  })
  cxt.fail(_`${outside}(${cxt.data}, ${minimum}, ${maximum})`)
}

/** Which of the two Ajv set-ups compiles a schema: JSON bodies, or text (query strings and path parameters). */
export type AjvKind = 'body' | 'text'

/**
 * Ajv as the routes use it. `standalone` keeps each validator's source and says where its formats and
 * functions live, for scripts/precompile-validators.ts; the validators it makes are the same.
 */
export function newAjv (kind: AjvKind, { standalone = false } = {}): Ajv {
  const coerce = kind === 'text'
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    removeAdditional: false,
    // The schemas are TypeBox's output, not user input: checking them against the meta-schema would only
    // compile the meta-schema (about 60 ms) on the first request.
    validateSchema: false,
    // Ajv's optimisation passes over the code it generates cost a route's first request more than they save
    // later: without them the create route's first validation is about 6 ms sooner (docs/performance.md).
    code: {
      optimize: false,
      ...(standalone && { source: true, formats: _`require(${FORMATS_MODULE}).AJV_FORMATS` })
    }
  })
  for (const [name, format] of Object.entries(AJV_FORMATS)) ajv.addFormat(name, format)
  ajv.addKeyword({ keyword: NUMERIC_BOUNDS, type: 'string', schemaType: 'boolean', code: numericBoundsCode })
  return ajv
}

// Bodies are JSON and validated as they are (Laravel's `string` rule rejects 5, `array` rejects "a");
// query strings and path parameters are text, so they are coerced as Laravel's rules would read them. Each is
// made on its first use: with every route's validator generated at build time, the bundle never makes them.
const ajvs: Partial<Record<AjvKind, Ajv>> = {}
const ajvFor = (kind: AjvKind): Ajv => (ajvs[kind] ??= newAjv(kind))

/** How many route schemas this process compiled with Ajv rather than took from the build (src/wire/precompiled.ts). */
let compiledHere = 0
export const runtimeCompiles = (): number => compiledHere

/** The key of a schema among the validators generated at build time: its kind and a digest of its JSON. */
export function precompiledKey (kind: AjvKind, schema: object): string {
  return `${kind}:${createHash('sha256').update(JSON.stringify(schema)).digest('hex')}`
}

const hasPrecompiled = Object.keys(PRECOMPILED).length > 0

/** The build's validator of the schema when it has one, else Ajv's compile (the result is the same). */
function validatorOf (kind: AjvKind, schema: object): ValidateFunction {
  const made = hasPrecompiled ? PRECOMPILED[precompiledKey(kind, schema)] : undefined
  if (made !== undefined) return made()
  compiledHere++
  return ajvFor(kind).compile(schema)
}

/** A validator of JSON as the bodies are checked (formats and bounds included), for input read elsewhere. */
export function compileJsonSchema (schema: object): ValidateFunction {
  return ajvFor('body').compile(schema)
}

/** Checks a value against a schema as a body is checked: a ValidationError (422) with Laravel's texts. */
export function assertValid (validate: ValidateFunction, value: unknown): void {
  if (!validate(value)) throw new ValidationError(laravelErrors(validate.errors ?? []))
}

/** Laravel shows `custom_fields.profile_field_16` as "custom fields.profile field 16", but keeps an
 * attribute that came from a wildcard rule (`emails.0`) as it is. */
export function displayName (path: string[]): string {
  const joined = path.join('.')
  return path.some((segment) => /^\d+$/.test(segment)) ? joined : joined.replaceAll('_', ' ')
}

function pathOf (error: ErrorObject): string[] {
  const segments = error.instancePath === ''
    ? []
    : error.instancePath.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty))
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty))
  return segments
}

function isEmpty (value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

// Laravel's `required` fails on null, '' and []; the schemas say "required and not empty" with
// minItems / minLength 1, so an empty value under such a schema is reported as required.
function requiresValue (schema: Record<string, unknown>): boolean {
  return (schema.minItems as number) >= 1 || (schema.minLength as number) >= 1
}

function typeMessage (a: string, schema: Record<string, unknown>, expected: string): string {
  const format = schema.format as string | undefined
  if (format !== undefined && FORMAT_MESSAGES[format] !== undefined) return FORMAT_MESSAGES[format](a)
  const type = expected.split(',').find((t) => t !== 'null') ?? expected
  switch (type) {
    case 'array':
    case 'object': return `The ${a} field must be an array.`
    case 'string': return `The ${a} field must be a string.`
    case 'number': return `The ${a} field must be a number.`
    case 'integer': return `The ${a} field must be an integer.`
    case 'boolean': return `The ${a} field must be true or false.`
    default: return `The ${a} field is invalid.`
  }
}

function messageFor (error: ErrorObject, a: string): string {
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required': return `The ${a} field is required.`
    case 'additionalProperties': return `The ${a} field is prohibited.`
    case 'type':
      if (isEmpty(error.data) && requiresValue(schema)) return `The ${a} field is required.`
      return typeMessage(a, schema, String(p.type))
    case 'minItems':
      return isEmpty(error.data)
        ? `The ${a} field is required.`
        : `The ${a} field must have at least ${String(p.limit)} items.`
    case 'minLength':
      return error.data === ''
        ? `The ${a} field is required.`
        : `The ${a} field must be at least ${String(p.limit)} characters.`
    case 'maxItems': return `The ${a} field must not have more than ${String(p.limit)} items.`
    case 'maxLength': return `The ${a} field must not be greater than ${String(p.limit)} characters.`
    case NUMERIC_BOUNDS:
    case 'minimum':
    case 'maximum':
      if (schema.minimum !== undefined && schema.maximum !== undefined) {
        return `The ${a} field must be between ${String(schema.minimum)} and ${String(schema.maximum)}.`
      }
      return error.keyword === 'minimum'
        ? `The ${a} field must be at least ${String(p.limit)}.`
        : `The ${a} field must not be greater than ${String(p.limit)}.`
    case 'format': return FORMAT_MESSAGES[String(p.format)]?.(a) ?? `The ${a} field format is invalid.`
    case 'enum':
    case 'const':
      return schema[BOOLEAN_RULE] === true ? `The ${a} field must be true or false.` : `The selected ${a} is invalid.`
    case 'pattern': return `The ${a} field format is invalid.`
    default: return `The ${a} field is invalid.`
  }
}

/** Turns Ajv's errors into Laravel's `errors` map: dotted keys, in the order the rules were checked. */
export function laravelErrors (errors: readonly ErrorObject[]): Record<string, string[]> {
  // Where a value has the wrong type, only that is said of it (Ajv would also report, say, minItems on a
  // string). anyOf/if wrappers only repeat what their branches said.
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath))
  const result: Record<string, string[]> = {}
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue
    const ownsPath = error.keyword === 'required' || error.keyword === 'additionalProperties'
    if (!ownsPath && error.keyword !== 'type' && mistyped.has(error.instancePath)) continue
    const path = pathOf(error)
    const message = messageFor(error, displayName(path))
    const list = (result[path.join('.')] ??= [])
    if (!list.includes(message)) list.push(message)
  }
  return result
}

/** One more error, for rules that a JSON schema cannot express (e.g. "end must be after start"). */
export function validationError (path: string, message: (attribute: string) => string): ValidationError {
  return new ValidationError({ [path]: [message(displayName(path.split('.')))] })
}

function wrap (validate: ValidateFunction, emptyAs: unknown, prepare?: (value: unknown) => void) {
  return (data: unknown) => {
    const value = data ?? emptyAs
    prepare?.(value)
    if (validate(value)) return { value }
    return { error: new ValidationError(laravelErrors(validate.errors ?? [])) }
  }
}

// Laravel's `integer` rule on text (PHP's FILTER_VALIDATE_INT): an optional sign and decimal digits without
// leading zeros. Ajv's coercion would also read `1e3`, `0x10`, `1.0` and ` 1` as integers.
const DECIMAL_INTEGER = /^[+-]?(0|[1-9][0-9]*)$/
const NOT_AN_INTEGER = Object.freeze({})

/** Integer properties of a params or query schema, whose text must be decimal digits before coercion. */
function decimalIntegerCheck (schema: object): ((value: unknown) => void) | undefined {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {}
  const names = Object.keys(properties).filter((name) => [properties[name]?.type].flat().includes('integer'))
  if (names.length === 0) return undefined
  return (value) => {
    if (typeof value !== 'object' || value === null) return
    const record = value as Record<string, unknown>
    for (const name of names) {
      const text = record[name]
      // Something no coercion turns into an integer: the validator then says "must be an integer".
      if (typeof text === 'string' && !DECIMAL_INTEGER.test(text)) record[name] = NOT_AN_INTEGER
    }
  }
}

/**
 * Fastify's validator compiler. In strict mode a body schema that lets unknown top-level fields through (as
 * Laravel does) refuses them instead, each with Laravel's `prohibited` text. With `decimalIntegers`, an
 * integer in a path or query is written in decimal digits, as Laravel's `integer` rule reads text (the control
 * plane's ids and counts).
 */
export function createValidatorCompiler ({ strict, decimalIntegers = false }: {
  strict: boolean
  decimalIntegers?: boolean
}): FastifySchemaCompiler<any> {
  const compile: FastifySchemaCompiler<any> = (route) => {
    const { kind, schema } = ajvInput(route, strict)
    if (kind === 'body') return wrap(validatorOf(kind, schema), {})
    return wrap(validatorOf(kind, schema), route.httpPart === 'querystring' ? {} : undefined,
      decimalIntegers ? decimalIntegerCheck(schema) : undefined)
  }
  // Compiled on first use: compiling every route's schemas at start was about a third of the cold start,
  // and most routes of a run are never called.
  return (route) => {
    let validate: ReturnType<FastifySchemaCompiler<any>> | undefined
    return (data: unknown) => (validate ??= compile(route))(data)
  }
}

/** What Ajv compiles for a route's part: the kind, and the schema (in strict mode, a body schema that lets
 * unknown top-level fields through, as Laravel does, refuses them instead). */
export function ajvInput ({ schema, httpPart }: { schema: unknown, httpPart?: string }, strict: boolean):
{ kind: AjvKind, schema: object } {
  if (httpPart !== 'body') return { kind: 'text', schema: schema as object }
  return {
    kind: 'body',
    schema: strict && (schema as { additionalProperties?: unknown }).additionalProperties === true
      ? { ...schema as object, additionalProperties: false }
      : schema as object
  }
}
