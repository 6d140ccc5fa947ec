// @ts-nocheck
import { STATUS_CODES } from 'node:http'

// Every error the Cometly surface can answer, and every text it answers with. Cometly documents the envelope
// ({"message": ...}) but not most texts; the texts here are Laravel's own (Cometly runs Laravel) or a
// Decision (docs/fidelity.md lists each by number). Change a text here and it changes everywhere.

export const MESSAGES = {
  unauthenticated: 'Unauthenticated.',
  subscriptionInactive: 'Your Cometly subscription is inactive.',
  keyNotPermitted: 'This API key does not have permission to access this resource.',
  tooManyAttempts: 'Too Many Attempts.',
  serverError: 'Server Error',
  payloadTooLarge: 'The POST data is too large.',
  contactNotFound: 'Contact not found.',
  exportNotFound: 'Export not found.',
  downloadNotFound: 'Download not found.',
  downloadExpired: 'This download link has expired.',
  exportFailed: 'The export could not be completed.',
  routeNotFound: (path: string) => `The route ${path} could not be found.`,
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    `The ${method} method is not supported for route ${path}. Supported methods: ${allowed.join(', ')}.`
} as const

export type ErrorBody = { message: string, errors?: Record<string, string[]> }

/** An error that renders as a Cometly response; route code throws these, the error handler sends them. */
export class ApiError extends Error {
  readonly statusCode: number
  readonly headers: Record<string, string | number>

  constructor (statusCode: number, message: string, headers: Record<string, string | number> = {}) {
    super(message)
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.headers = headers
  }

  body (): ErrorBody {
    return { message: this.message }
  }
}

/** An error whose message is the status's own text (`Service Unavailable`), as Laravel renders an HTTP
 * exception that carries no message of its own. */
export function statusError (status: number, headers: Record<string, string | number> = {}): ApiError {
  return new ApiError(status, STATUS_CODES[status] ?? (status < 500 ? 'Bad Request' : MESSAGES.serverError), headers)
}

export class UnauthenticatedError extends ApiError {
  constructor () { super(401, MESSAGES.unauthenticated) }
}

export class ForbiddenError extends ApiError {
  constructor (message: typeof MESSAGES.subscriptionInactive | typeof MESSAGES.keyNotPermitted) { super(403, message) }
}

export class NotFoundError extends ApiError {
  constructor (message: string) { super(404, message) }
}

export class TooManyRequestsError extends ApiError {
  /** @param resetAt Unix milliseconds at which the current window ends. */
  constructor (retryAfterSeconds: number, resetAt: number) {
    super(429, MESSAGES.tooManyAttempts, {
      'retry-after': retryAfterSeconds,
      'x-ratelimit-reset': Math.ceil(resetAt / 1000)
    })
  }
}

/** Laravel's 422: the first message, a count of the others, and every message by dotted attribute path. */
export class ValidationError extends ApiError {
  readonly errors: Record<string, string[]>

  constructor (errors: Record<string, string[]>) {
    super(422, summarize(errors))
    this.errors = errors
  }

  override body (): ErrorBody {
    return { message: this.message, errors: this.errors }
  }
}

// Laravel's ValidationException::summarize().
function summarize (errors: Record<string, string[]>): string {
  const all = Object.values(errors).flat()
  const others = all.length - 1
  const first = all[0] ?? 'The given data was invalid.'
  if (others <= 0) return first
  return `${first} (and ${others} more ${others === 1 ? 'error' : 'errors'})`
}
