// @ts-nocheck
// Fastify's own schema compilers (Ajv for validation, fast-json-stringify for responses), each compiling a
// route's schema on that route's first use instead of at start. Compiling every route up front was a large
// part of the cold start, for routes most runs never call. Results are the same; only the moment moves.
// (The Cometly and control-plane routes have their own, equally lazy, validator: src/wire/validation.ts.)
import AjvCompiler from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type Validate = ((data: unknown) => unknown) & { errors?: unknown }

const buildSerializer: Factories['buildSerializer'] = (externalSchemas, serializerOpts) => {
  let build: ReturnType<ReturnType<typeof SerializerSelector>> | undefined
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined
    return (data: unknown) => {
      build ??= SerializerSelector()(externalSchemas,
        serializerOpts as Parameters<ReturnType<typeof SerializerSelector>>[1])
      return (serialize ??= build(route as Parameters<typeof build>[0]))(data)
    }
  }
}

const buildValidator: Factories['buildValidator'] = (externalSchemas, ajvOptions) => {
  // Even the Ajv instance waits: making one (with its formats) costs a few milliseconds.
  let build: ReturnType<ReturnType<typeof AjvCompiler>> | undefined
  return (route) => {
    let validate: Validate | undefined
    const lazy: Validate = (data: unknown) => {
      build ??= AjvCompiler()(externalSchemas as Parameters<ReturnType<typeof AjvCompiler>>[0],
        ajvOptions as Parameters<ReturnType<typeof AjvCompiler>>[1])
      validate ??= build(route as Parameters<typeof build>[0]) as unknown as Validate
      const result = validate(data)
      // Fastify reads an Ajv function's errors from the function it was given.
      lazy.errors = validate.errors
      return result
    }
    return lazy as ReturnType<ReturnType<NonNullable<Factories['buildValidator']>>>
  }
}

export const lazyCompilers: Factories = { buildSerializer, buildValidator }
