// Laravel's validation texts from Ajv's errors (src/wire/validation.ts), checked through the validator compiler
// both surfaces use: what an empty value means under `required`, each rule's text, attribute names, the summary.
import { type TSchema, Type } from 'typebox'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/wire/errors.js'
import {
  assertValid, compileJsonSchema, createValidatorCompiler, displayName, FORMATS, NUMERIC_BOUNDS, readBodyFlag, readFlag,
  RULE_MESSAGES, validationError
} from '../../src/wire/validation.js'

type Part = 'body' | 'querystring' | 'params'

function validator (schema: object, httpPart: Part = 'body', options = { strict: false, decimalIntegers: false }) {
  const compile = createValidatorCompiler(options)
  return compile({ schema, httpPart, method: 'POST', url: '/x' } as never) as (data: unknown) =>
  { value?: unknown, error?: ValidationError }
}

function errorsOf (schema: object, data: unknown, httpPart: Part = 'body',
  options?: { strict: boolean, decimalIntegers: boolean }) {
  const result = validator(schema, httpPart, options)(data)
  return result.error === undefined ? null : { message: result.error.message, errors: result.error.errors }
}

const one = (path: string, text: string) => ({ message: text, errors: { [path]: [text] } })

describe('what an empty value means under `required`', () => {
  const schema = Type.Object({
    emails: Type.Array(Type.String(), { minItems: 1 }),
    name: Type.String({ minLength: 1 }),
    note: Type.Optional(Type.String())
  })

  it.each([
    ['left out', {}, 'emails'],
    ['null', { emails: null, name: 'a' }, 'emails'],
    ['empty text', { emails: '', name: 'a' }, 'emails'],
    ['an empty list', { emails: [], name: 'a' }, 'emails'],
    ['empty text for a string', { emails: ['a'], name: '' }, 'name'],
    ['null for a string', { emails: ['a'], name: null }, 'name']
  ])('%s is "required"', (_name, data, field) => {
    const errors = errorsOf(schema, data)
    expect(errors?.errors[field]).toEqual([`The ${field} field is required.`])
  })

  it('a wrong type that is not empty says the type', () => {
    expect(errorsOf(schema, { emails: 'a', name: 5 })).toEqual({
      message: 'The emails field must be an array. (and 1 more error)',
      errors: { emails: ['The emails field must be an array.'], name: ['The name field must be a string.'] }
    })
    expect(errorsOf(schema, { emails: ['a'], name: 'a', note: '' })).toBeNull()
    expect(errorsOf(schema, { emails: ['a'], name: 'a', note: null }))
      .toEqual(one('note', 'The note field must be a string.'))
  })

  it('an empty item of a list that needs one is required too', () => {
    const items = Type.Object({ names: Type.Array(Type.String({ minLength: 1 })) })
    expect(errorsOf(items, { names: ['a', ''] })).toEqual(one('names.1', 'The names.1 field is required.'))
    expect(errorsOf(items, { names: ['a', 'ab'] })).toBeNull()
  })
})

const A = (schema: TSchema) => Type.Object({ a: schema })

describe('each rule\'s text', () => {
  it.each([
    [A(Type.Array(Type.String(), { minItems: 2 })), { a: ['x'] }, 'The a field must have at least 2 items.'],
    [A(Type.Array(Type.String(), { maxItems: 1 })), { a: ['x', 'y'] }, 'The a field must not have more than 1 items.'],
    [A(Type.String({ minLength: 3 })), { a: 'xy' }, 'The a field must be at least 3 characters.'],
    [A(Type.String({ maxLength: 1 })), { a: 'xy' }, 'The a field must not be greater than 1 characters.'],
    [A(Type.Integer({ minimum: 1 })), { a: 0 }, 'The a field must be at least 1.'],
    [A(Type.Integer({ maximum: 9 })), { a: 10 }, 'The a field must not be greater than 9.'],
    [A(Type.Integer({ minimum: 1, maximum: 9 })), { a: 10 }, 'The a field must be between 1 and 9.'],
    [A(Type.Integer({ minimum: 1, maximum: 9 })), { a: 0 }, 'The a field must be between 1 and 9.'],
    [A(Type.Number()), { a: 'x' }, 'The a field must be a number.'],
    [A(Type.Integer()), { a: 1.5 }, 'The a field must be an integer.'],
    [A(Type.Boolean()), { a: 'x' }, 'The a field must be true or false.'],
    [A(Type.Object({})), { a: 'x' }, 'The a field must be an array.'],
    [A(Type.Null()), { a: 'x' }, 'The a field is invalid.'],
    [A(Type.Union([Type.Literal('x'), Type.Literal('y')])), { a: 'z' }, 'The selected a is invalid.'],
    [A(Type.Unsafe({ enum: [1, 2] })), { a: 3 }, 'The selected a is invalid.'],
    [A(Type.String({ pattern: '^x$' })), { a: 'y' }, 'The a field format is invalid.'],
    [A(Type.String({ format: FORMATS.email })), { a: 'y' }, 'The a field must be a valid email address.'],
    [A(Type.String({ format: FORMATS.numeric })), { a: 'y' }, 'The a field must be a number.'],
    [A(Type.String({ format: FORMATS.date })), { a: 'y' }, 'The a field must be a valid date.'],
    [A(Type.String({ format: FORMATS.dateTime })), { a: '2024-01-01' },
      'The a field must match the format Y-m-d H:i:s.'],
    [A(Type.String({ format: FORMATS.dateTime })), { a: '2024-02-30 00:00:00' },
      'The a field must match the format Y-m-d H:i:s.'],
    [A(Type.String({ format: FORMATS.flag })), { a: 'yes' }, 'The a field must be true or false.'],
    [A(Type.Unsafe({ type: 'string', format: 'no-such-format' })), { a: 5 }, 'The a field must be a string.'],
    [A(Type.Unsafe({ type: ['string', 'null'], format: FORMATS.date })), { a: 5 }, 'The a field must be a valid date.'],
    [Type.Object({}, { additionalProperties: false }), { a: 1 }, 'The a field is prohibited.'],
    [A(Type.Unsafe({ type: 'string', minLength: 1, maxLength: 3 })), { a: 7 }, 'The a field must be a string.'],
    [Type.Object({ a: Type.Unsafe({ not: {} }) }), { a: 1 }, 'The a field is invalid.']
  ])('%# %j', (schema, data, text) => {
    expect(errorsOf(schema, data)).toEqual(one('a', text))
  })

  it('a number that may come as a numeric string is bounded both ways, with one text for the slot', () => {
    const schema = Type.Object({
      n: Type.Unsafe({
        type: ['number', 'string', 'null'], format: FORMATS.numeric, minimum: -10, maximum: 10, [NUMERIC_BOUNDS]: true
      })
    })
    const between = one('n', 'The n field must be between -10 and 10.')
    for (const n of [11, -11, '11', '-11', ' 1e1000 ', '10.000001']) expect(errorsOf(schema, { n })).toEqual(between)
    for (const n of [10, -10, '10', '-10', ' 1e1 ', '-0', null]) expect(errorsOf(schema, { n })).toBeNull()
    expect(errorsOf(schema, { n: 'abc' })).toEqual(one('n', 'The n field must be a number.'))
    expect(errorsOf(schema, { n: true })).toEqual(one('n', 'The n field must be a number.'))
  })

  it('a mistyped value is reported once, by its type; `required` and `prohibited` still show', () => {
    const schema = Type.Object({ a: Type.Array(Type.String(), { minItems: 2, maxItems: 3 }) },
      { additionalProperties: false })
    expect(errorsOf(schema, { a: 'x', b: 1 })).toEqual({
      message: 'The b field is prohibited. (and 1 more error)',
      errors: { a: ['The a field must be an array.'], b: ['The b field is prohibited.'] }
    })
  })

  it('a value with the wrong type is not also reported for an enum it could not be in', () => {
    expect(errorsOf(A(Type.Unsafe({ type: 'string', enum: ['x'] })), { a: 5 }))
      .toEqual(one('a', 'The a field must be a string.'))
    expect(errorsOf(A(Type.Unsafe({ type: ['null', 'string'] })), { a: 5 }))
      .toEqual(one('a', 'The a field must be a string.'))
  })

  it('of a union\'s branches, each says its own rule: required and prohibited are kept beside a type', () => {
    const schema = Type.Object({
      v: Type.Union([Type.Object({ a: Type.String() }, { additionalProperties: false }), Type.String()])
    })
    expect(errorsOf(schema, { v: { b: 1 } })?.errors).toEqual({
      'v.a': ['The v.a field is required.'],
      'v.b': ['The v.b field is prohibited.'],
      v: ['The v field must be a string.']
    })
  })

  it('an if/then rule reports what `then` asks, not the `if` itself', () => {
    const schema = Type.Unsafe({
      type: 'object',
      if: { properties: { a: { const: 1 } }, required: ['a'] },
      then: { required: ['b'] }
    })
    expect(errorsOf(schema, { a: 1 })).toEqual(one('b', 'The b field is required.'))
    expect(errorsOf(schema, { a: 2 })).toBeNull()
  })

  it('counts every message in the summary: "(and 2 more errors)"', () => {
    const schema = Type.Object({ a: Type.String(), b: Type.String(), c: Type.String() })
    expect(errorsOf(schema, {})?.message).toBe('The a field is required. (and 2 more errors)')
  })

  it('a message said twice for one field is kept once', () => {
    const schema = Type.Object({ a: Type.Union([Type.String({ minLength: 5 }), Type.String({ minLength: 5 })]) })
    expect(errorsOf(schema, { a: 'x' })).toEqual(one('a', 'The a field must be at least 5 characters.'))
  })
})

describe('attribute names', () => {
  it.each([
    [['custom_fields', 'profile_field_16'], 'custom fields.profile field 16'],
    [['emails', '0'], 'emails.0'],
    [['custom_field_filters', '2', 'field'], 'custom_field_filters.2.field'],
    [['per_page'], 'per page'],
    [['a/b~c'], 'a/b~c']
  ])('%j → %s', (path, shown) => { expect(displayName(path)).toBe(shown) })

  it('a key with / or ~ in it is named as written (JSON pointer escapes undone)', () => {
    const schema = Type.Object({}, { additionalProperties: false })
    expect(errorsOf(schema, { 'a/b~c': 1 })).toEqual(one('a/b~c', 'The a/b~c field is prohibited.'))
  })

  it('validationError names a path as Laravel shows it', () => {
    const error = validationError('custom_fields.profile_field_16', RULE_MESSAGES.numeric)
    expect(error.body()).toEqual(one('custom_fields.profile_field_16',
      'The custom fields.profile field 16 field must be a number.'))
    expect(error.statusCode).toBe(422)
  })

  it.each([
    [RULE_MESSAGES.required, 'The x y field is required.'],
    [RULE_MESSAGES.selectedInvalid, 'The selected x y is invalid.'],
    [RULE_MESSAGES.numeric, 'The x y field must be a number.'],
    [RULE_MESSAGES.date, 'The x y field must be a valid date.'],
    [RULE_MESSAGES.integer, 'The x y field must be an integer.'],
    [RULE_MESSAGES.after('start date'), 'The x y field must be a date after start date.'],
    [RULE_MESSAGES.afterOrEqual('2024'), 'The x y field must be a date after or equal to 2024.'],
    [RULE_MESSAGES.beforeOrEqual('2025'), 'The x y field must be a date before or equal to 2025.'],
    [RULE_MESSAGES.between(-1, 2.5), 'The x y field must be between -1 and 2.5.'],
    [RULE_MESSAGES.requiredWithoutAll(['a', 'b c']), 'The x y field is required when none of a / b c are present.']
  ])('%# Laravel\'s rule text', (message, text) => { expect(message('x y')).toBe(text) })
})

describe('bodies, queries and path parameters', () => {
  it('a missing body is validated as {}; a missing query as {}; missing params stay missing', () => {
    const schema = Type.Object({ a: Type.Optional(Type.String()) })
    expect(validator(schema)(undefined)).toEqual({ value: {} })
    expect(validator(schema, 'querystring')(undefined)).toEqual({ value: {} })
    expect(validator(Type.Object({ id: Type.Integer() }), 'params')(undefined).error).toBeInstanceOf(ValidationError)
  })

  it('text is coerced as Laravel reads it; bodies are not', () => {
    const schema = Type.Object({ n: Type.Integer(), list: Type.Optional(Type.Array(Type.String())) })
    expect(validator(schema, 'querystring')({ n: '5', list: 'x' })).toEqual({ value: { n: 5, list: ['x'] } })
    expect(errorsOf(schema, { n: '5' })).toEqual(one('n', 'The n field must be an integer.'))
  })

  it('without options, text integers are coerced as Ajv does, and missing params stay missing', () => {
    const compile = createValidatorCompiler({ strict: false })
    const params = compile({ schema: Type.Object({ id: Type.Integer() }), httpPart: 'params' } as never)
    expect(params({ id: '1e3' })).toEqual({ value: { id: 1000 } })
    const optional = Type.Unsafe({ properties: { a: { type: 'integer' } } })
    expect(validator(optional, 'params')(undefined)).toEqual({ value: undefined })
    expect(validator(optional, 'params', { strict: false, decimalIntegers: true })(undefined))
      .toEqual({ value: undefined })
  })

  it('strict mode refuses unknown top-level body fields that Laravel would ignore', () => {
    const schema = Type.Object({ a: Type.Optional(Type.String()) }, { additionalProperties: true })
    expect(errorsOf(schema, { b: 1 }, 'body', { strict: false, decimalIntegers: false })).toBeNull()
    expect(errorsOf(schema, { b: 1 }, 'body', { strict: true, decimalIntegers: false }))
      .toEqual(one('b', 'The b field is prohibited.'))
    expect(errorsOf(schema, { b: 1 }, 'querystring', { strict: true, decimalIntegers: false })).toBeNull()
    // Only a schema that lets unknown fields through on purpose is made strict; one that says nothing is not.
    expect(errorsOf(Type.Unsafe({ type: 'object' }), { b: 1 }, 'body', { strict: true, decimalIntegers: false }))
      .toBeNull()
  })

  it('with decimalIntegers, an integer in a path or query is decimal digits only', () => {
    const schema = Type.Object({ id: Type.Integer(), q: Type.Optional(Type.Unsafe({ type: ['integer', 'null'] })) })
    const options = { strict: false, decimalIntegers: true }
    const integer = (field: string) => one(field, `The ${field} field must be an integer.`)
    for (const id of ['1e3', '0x10', '1.0', '01', ' 1', '1 ', '', '+', '--1']) {
      expect(errorsOf(schema, { id }, 'params', options)).toEqual(integer('id'))
    }
    for (const [id, n] of [['1', 1], ['0', 0], ['-7', -7], ['+7', 7], ['123456789', 123456789]] as const) {
      expect(validator(schema, 'params', options)({ id })).toEqual({ value: { id: n } })
    }
    expect(errorsOf(schema, { id: '1', q: '1e2' }, 'querystring', options)).toEqual(integer('q'))
    // Without the option, Ajv's own coercion reads 1e3 as 1000 (the Cometly surface, Decision D3's business).
    expect(validator(schema, 'params')({ id: '1e3' })).toEqual({ value: { id: 1000 } })
    // A schema without integer properties, and a non-object value, are left alone.
    const text = validator(Type.Object({ s: Type.String() }), 'params', options)
    expect(text({ s: '1e3' })).toEqual({ value: { s: '1e3' } })
    const untyped = validator(Type.Unsafe({ properties: { id: { type: 'integer' } } }), 'params', options)
    expect(untyped('1e3')).toEqual({ value: '1e3' })
  })

  it('compileJsonSchema and assertValid check JSON read elsewhere as a body, with the same texts', () => {
    const validate = compileJsonSchema(Type.Object({ a: Type.Integer({ minimum: 1, maximum: 2 }) }))
    expect(() => { assertValid(validate, { a: 1 }) }).not.toThrow()
    expect(() => { assertValid(validate, { a: 3 }) }).toThrow(ValidationError)
    try {
      assertValid(validate, { a: Infinity })
    } catch (error) {
      expect((error as ValidationError).body()).toEqual(one('a', 'The a field must be between 1 and 2.'))
    }
  })

  it('a query-string flag: 1 and true are on, 0 and false off, absent is the default', () => {
    expect([readFlag('1', false), readFlag('true', false), readFlag('0', true), readFlag('false', true)])
      .toEqual([true, true, false, false])
    expect([readFlag(undefined, true), readFlag(undefined, false)]).toEqual([true, false])
  })

  it('a body flag under Laravel\'s boolean rule: true, 1 and "1" are on', () => {
    expect([true, 1, '1', false, 0, '0', 'true', 2, '', undefined].map((v) => readBodyFlag(v)))
      .toEqual([true, true, true, false, false, false, false, false, false, false])
  })
})
