// @ts-nocheck
// The control plane's error texts, in the same {"message": ...} envelope as the Cometly surface.
import { ApiError } from './errors.js'

export const CONTROL_MESSAGES = {
  adminTokenRequired: 'This control call needs the admin token (Authorization: Bearer <token>).',
  spaceNotFound: (id: number) => `Space ${id} not found.`,
  spaceNameTaken: (name: string) => `A Space named "${name}" already exists.`,
  keyNotFound: (id: number) => `API key ${id} not found or already revoked.`,
  keyTaken: 'That API key is already in use.',
  faultNotFound: (id: number) => `Fault ${id} not found.`,
  snapshotNotFound: (name: string) => `Snapshot "${name}" not found.`,
  snapshotIncompatible: (name: string) =>
    `Snapshot "${name}" was taken with other migrations and cannot be restored here.`,
  seedInvalid: (detail: string) => `The seed is invalid: ${detail}`
} as const

export class ControlError extends ApiError {}

export const notFound = (message: string): ControlError => new ControlError(404, message)
export const conflict = (message: string): ControlError => new ControlError(409, message)
