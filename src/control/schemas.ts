// Wire shapes shared by the control plane's routes.
import { Type } from 'typebox'
import { RATE_LIMITS } from '../wire/rate-limits.js'

export const ErrorSchema = Type.Object({
  message: Type.String(),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String())))
})

/** Statuses any guarded control call can answer besides its own. */
export const CONTROL_ERRORS = { 401: ErrorSchema, 422: ErrorSchema } as const

export const SpaceIdParamsSchema = Type.Object({ spaceId: Type.Integer({ minimum: 1 }) })

export const RateLimitOverridesSchema = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  scale: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  per_minute: Type.Optional(Type.Object(
    Object.fromEntries(Object.keys(RATE_LIMITS).map((endpoint) => [endpoint, Type.Optional(Type.Integer({ minimum: 1 }))])),
    { additionalProperties: false }
  ))
}, { additionalProperties: false, description: 'The Space\'s own limits: on/off, a scale, or a number per endpoint of the limits table.' })

export const SpaceSettingsSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  time_zone: Type.Optional(Type.String({ minLength: 1 })),
  custom_field_labels: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 255 }))),
  subscription_active: Type.Optional(Type.Boolean()),
  rate_limits: Type.Optional(RateLimitOverridesSchema)
}, { additionalProperties: false })

export const ApiKeyViewSchema = Type.Object({
  id: Type.Integer(),
  key_hint: Type.String(),
  scopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  created_at: Type.String(),
  revoked_at: Type.Union([Type.String(), Type.Null()])
})

export const SpaceViewSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  time_zone: Type.String(),
  subscription_active: Type.Boolean(),
  custom_field_labels: Type.Record(Type.String(), Type.String()),
  rate_limits: RateLimitOverridesSchema,
  contacts: Type.Integer({ description: 'Contacts stored in the Space now.' }),
  created_at: Type.String(),
  api_keys: Type.Array(ApiKeyViewSchema)
})
