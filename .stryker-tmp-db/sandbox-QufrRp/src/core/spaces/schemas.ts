// @ts-nocheck
// The shapes of a Space as the emulator shows and takes them: its settings, its keys and its view. The control
// plane's routes and the in-process handle both speak them.
import { type Static, Type } from 'typebox'
import { PER_MINUTE_MAX, SCALE_MAX, SCALE_MIN } from '../../wire/bounds.js'
import { RATE_LIMITS } from '../../wire/rate-limits.js'

export const RateLimitOverridesSchema = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  scale: Type.Optional(Type.Number({
    minimum: SCALE_MIN,
    maximum: SCALE_MAX,
    description: `Multiplies every limit of the table, ${SCALE_MIN} to ${SCALE_MAX}.`
  })),
  per_minute: Type.Optional(Type.Object(
    Object.fromEntries(Object.keys(RATE_LIMITS).map((endpoint) => [endpoint,
      Type.Optional(Type.Integer({ minimum: 1, maximum: PER_MINUTE_MAX }))])),
    { additionalProperties: false, description: `Requests a minute per endpoint, 1 to ${PER_MINUTE_MAX}.` }
  ))
}, {
  additionalProperties: false,
  description: 'The Space\'s own limits: on/off, a scale, or a number per endpoint of the limits table.'
})

export const SpaceSettingsSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  time_zone: Type.Optional(Type.String({ minLength: 1 })),
  custom_field_labels: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 255 }))),
  subscription_active: Type.Optional(Type.Boolean()),
  rate_limits: Type.Optional(RateLimitOverridesSchema)
}, { additionalProperties: false })
export type SpaceSettings = Static<typeof SpaceSettingsSchema>

export const ApiKeyViewSchema = Type.Object({
  id: Type.Integer(),
  key_hint: Type.String(),
  scopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  created_at: Type.String(),
  revoked_at: Type.Union([Type.String(), Type.Null()])
})
export type ApiKeyView = Static<typeof ApiKeyViewSchema>

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
export type SpaceView = Static<typeof SpaceViewSchema>

export const NewKeySchema = Type.Object({
  key: Type.Optional(Type.String({
    minLength: 8,
    maxLength: 255,
    description: 'The key to use; a random one when absent.'
  })),
  scopes: Type.Optional(Type.Array(Type.String(),
    { description: 'Resources the key may use (e.g. contacts); all when absent.' }))
}, { additionalProperties: false })
export type NewKey = Static<typeof NewKeySchema>

export const CreateSpaceBodySchema = Type.Object({
  ...SpaceSettingsSchema.properties,
  api_key: Type.Optional(Type.String({
    minLength: 8,
    maxLength: 255,
    description: 'The Space\'s first key; a random one when absent.'
  }))
}, { additionalProperties: false })
export type CreateSpaceBody = Static<typeof CreateSpaceBodySchema>

export const CreatedSpaceSchema = Type.Object({
  ...SpaceViewSchema.properties,
  api_key: Type.String({ description: 'The full key; shown only here.' })
})
export type CreatedSpace = Static<typeof CreatedSpaceSchema>
export const CreatedKeySchema = Type.Object({
  ...ApiKeyViewSchema.properties,
  key: Type.String({ description: 'The full key; shown only here.' })
})
export type CreatedKey = Static<typeof CreatedKeySchema>
