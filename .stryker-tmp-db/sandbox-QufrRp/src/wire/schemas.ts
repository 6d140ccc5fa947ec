// @ts-nocheck
// Schemas shared by every Cometly resource: the error envelope and the helpers that build field rules.
import { type Static, type TSchema, type TUnsafe, Type } from 'typebox'
import { TIME_MAX_ISO, TIME_MAX_MS, TIME_MIN_ISO, TIME_MIN_MS } from './bounds.js'

export const ErrorBodySchema = Type.Object({
  message: Type.String(),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String())))
}, { description: 'Cometly\'s error envelope; `errors` only on 422.' })

/** The error statuses every authenticated endpoint can answer. */
export const AUTHENTICATED_ERRORS = {
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  413: ErrorBodySchema,
  422: ErrorBodySchema,
  429: ErrorBodySchema
} as const

/** A schema that also accepts null (Laravel's `nullable`), without an anyOf that would blur error messages. */
export function Nullable<T extends TSchema> (schema: T): TUnsafe<Static<T> | null> {
  const { type } = schema as unknown as { type: string | string[] }
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [...[type].flat(), 'null'] })
}

/** A time the control plane takes: ISO 8601 or Unix milliseconds, within the emulator's time range. */
export const TimeSchema = Type.Unsafe<string | number>({
  type: ['string', 'integer'],
  minimum: TIME_MIN_MS,
  maximum: TIME_MAX_MS,
  description: `ISO 8601, or Unix milliseconds; from ${TIME_MIN_ISO} to ${TIME_MAX_ISO}.`
})
