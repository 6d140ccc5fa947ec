// Contact routes read their query string as Laravel does (brackets, last value wins), not as Fastify's
// global parser does; the global parser stays as it is for every other route.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { warn } from '../http/request-context.js'
import { parseLaravelQuery, type Query, queryStringOf } from '../wire/laravel-query.js'

function readQuery (request: FastifyRequest): Query {
  return parseLaravelQuery(queryStringOf(request.raw.url ?? ''))
}

/** A callback hook, not an async one: no promise per request (docs/performance.md, "Get by id"). */
export function useLaravelQuery (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  request.query = readQuery(request)
  done()
}

/**
 * A list parameter sent as a string: its JSON when that is an array or object (an object keyed 0…n-1 is a
 * list, as PHP's json_decode(…, true) makes it). Anything else becomes an empty object, which is not a scalar:
 * the validator's scalar-to-array coercion leaves it alone and reports "must be an array", as Laravel would.
 */
function readJson (value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value)
    if (Array.isArray(parsed)) return parsed
    if (parsed !== null && typeof parsed === 'object') {
      return Object.keys(parsed).every((k, i) => k === String(i)) ? Object.values(parsed) : parsed
    }
  } catch {}
  return {}
}

/** Like useLaravelQuery, and a parameter sent as a JSON string (`[...]` or `{...}`) is read as that JSON. */
export function useLaravelQueryWithJson (names: readonly string[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const query: Record<string, unknown> = readQuery(request)
    for (const name of names) {
      const value = query[name]
      if (typeof value !== 'string') continue
      // Laravel's ConvertEmptyStringsToNull: an empty parameter is as good as absent.
      if (value === '') delete query[name]
      else query[name] = readJson(value)
    }
    request.query = query
  }
}

/**
 * Decision D5: a query flag documented as `1`/`0` that came as `true`/`false` is read, with a warning (Cometly
 * may refuse it).
 */
export function warnTextFlags (request: FastifyRequest, query: object): void {
  for (const [name, value] of Object.entries(query)) {
    if ((value === 'true' || value === 'false') && /^(include|hide|use)_/.test(name)) {
      warn(request, `${name}: Cometly documents 1 or 0; "${value}" was read as ${value === 'true' ? 1 : 0}`)
    }
  }
}
