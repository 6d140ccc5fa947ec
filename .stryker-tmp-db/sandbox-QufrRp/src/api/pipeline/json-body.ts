// @ts-nocheck
// Request bodies as Laravel reads them. Cometly's controllers get their input from Laravel, which turns a
// body it cannot read as JSON (malformed, empty, another content type) into empty input: the request then
// fails validation with 422 like any other incomplete request. The emulator does the same, and says what
// went wrong in X-Emulator-Warning, which Cometly would not.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { warn } from '../../http/request-context.js'

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b|\/json\b/i

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** PHP's json_decode() default depth: deeper JSON is unreadable to Laravel. */
export const MAX_JSON_DEPTH = 512
const LONE_SURROGATE = /\p{Cs}/u

/**
 * What PHP's json_decode() refuses and JSON.parse() accepts: nesting deeper than MAX_JSON_DEPTH, and a
 * `\uD800`-style escape without its other half (it could not be stored as UTF-8 and read back the same).
 * Walks with its own stack, so depth costs no recursion.
 */
function phpJsonError (value: unknown): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number]
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return 'Single unpaired UTF-16 surrogate in unicode escape'
    } else if (typeof item === 'object' && item !== null) {
      if (depth >= MAX_JSON_DEPTH) return 'Maximum stack depth exceeded'
      for (const [key, child] of Object.entries(item)) {
        if (!Array.isArray(item)) stack.push([key, depth])
        stack.push([child, depth + 1])
      }
    }
  }
  return undefined
}

async function jsonBody (app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    const body = text as string
    const type = request.headers['content-type'] ?? ''
    if (!JSON_TYPE.test(type)) {
      if (body.length > 0) warn(request, `body ignored: content type "${type}" is not JSON`)
      done(null, {})
      return
    }
    if (body.trim() === '') {
      warn(request, 'body is empty')
      done(null, {})
      return
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch (error) {
      warn(request, `body is not valid JSON: ${(error as Error).message}`)
      done(null, {})
      return
    }
    const phpError = phpJsonError(parsed)
    if (phpError !== undefined) {
      warn(request, `body is not valid JSON: ${phpError}`)
      done(null, {})
      return
    }
    if (!isPlainObject(parsed)) {
      warn(request, 'body is JSON but not an object')
      done(null, {})
      return
    }
    done(null, parsed)
  })
}

export default fp(jsonBody, { name: 'json-body' })
