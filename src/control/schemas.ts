// Wire shapes shared by the control plane's routes.
import { Type } from 'typebox'

export const ErrorSchema = Type.Object({
  message: Type.String(),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String())))
})

/** Statuses any guarded control call can answer besides its own. */
export const CONTROL_ERRORS = { 401: ErrorSchema, 422: ErrorSchema } as const

export const SpaceIdParamsSchema = Type.Object({ spaceId: Type.Integer({ minimum: 1 }) })
