// @ts-nocheck
// Wire shapes shared by the control plane's routes.
import { Type } from 'typebox'
import { CONTROL_ID_MAX } from '../wire/bounds.js'

export const ErrorSchema = Type.Object({
  message: Type.String(),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String())))
})

/** Statuses any guarded control call can answer besides its own. */
export const CONTROL_ERRORS = { 401: ErrorSchema, 422: ErrorSchema } as const

/** An id in a control-plane path: decimal digits (`1e3` and `0x10` are not ids), from 1 to 2^53−1. */
export function ControlId (what: string) {
  return Type.Integer({ minimum: 1, maximum: CONTROL_ID_MAX, description: `The ${what} id, 1 to 2^53−1.` })
}

export const SpaceIdParamsSchema = Type.Object({ spaceId: ControlId('Space') })
