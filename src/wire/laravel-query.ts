// Query strings as PHP (and so Laravel) reads them: `a[b][0]=x` nests, `a[]=x` appends, a repeated plain key
// keeps its last value, `+` is a space, and dots and spaces in a top-level name become underscores.
// Fastify's own parser (node:querystring) knows none of this; routes that need it parse request.raw.url.

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue }
export type Query = Record<string, QueryValue>

const MAX_DEPTH = 8

function decode (text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text.replaceAll('+', ' ')
  }
}

/** The path segments of a PHP key: `a[b][]` → ['a', 'b', '']. */
function keySegments (key: string): string[] {
  const open = key.indexOf('[')
  if (open <= 0 || !key.includes(']', open)) return [key.replace(/[. ]/g, '_')]
  const segments = [key.slice(0, open).replace(/[. ]/g, '_')]
  const pattern = /\[([^\]]*)\]/gy
  pattern.lastIndex = open
  let match: RegExpExecArray | null
  while ((match = pattern.exec(key)) !== null && segments.length <= MAX_DEPTH) segments.push(match[1] ?? '')
  return segments
}

function isContainer (value: QueryValue | undefined): value is Record<string, QueryValue> {
  return typeof value === 'object' && value !== null
}

// Objects are built with null prototypes so that a key like `__proto__` is only a key.
function container (): Record<string, QueryValue> {
  return Object.create(null) as Record<string, QueryValue>
}

function nextIndex (target: Record<string, QueryValue>): string {
  const indexes = Object.keys(target).filter((k) => /^\d+$/.test(k)).map(Number)
  return String(indexes.length === 0 ? 0 : Math.max(...indexes) + 1)
}

/** A PHP array whose keys are 0…n-1 is a list; JSON (and our schemas) see it as one. */
function toLists (value: QueryValue): QueryValue {
  if (!isContainer(value)) return value
  const keys = Object.keys(value)
  const converted = container()
  for (const key of keys) converted[key] = toLists((value as Record<string, QueryValue>)[key] as QueryValue)
  const isList = keys.length > 0 && keys.every((key, i) => key === String(i))
  return isList ? keys.map((key) => converted[key] as QueryValue) : { ...converted }
}

export function parseLaravelQuery (queryString: string): Query {
  // Most gets send no query at all: what the loop below would come to, without its work.
  if (queryString === '') return {}
  const root = container()
  for (const pair of queryString.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decode(eq === -1 ? pair : pair.slice(0, eq))
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1))
    const segments = keySegments(key)
    if (segments[0] === '') continue
    let target = root
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] === '' ? nextIndex(target) : segments[i] as string
      if (i === segments.length - 1) {
        target[segment] = value
      } else {
        const existing = target[segment]
        const next = isContainer(existing) ? existing : container()
        target[segment] = next
        target = next
      }
    }
  }
  return toLists(root) as Query
}

/** A request target's path: everything before its first `?`. */
export function pathOf (url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

/** A request target's query string, without the `?`: empty when there is none. */
export function queryStringOf (url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? '' : url.slice(q + 1)
}

/** The raw `key=value` pairs of a URL's query, as sent. */
export function rawQueryPairs (url: string): string[] {
  return queryStringOf(url).split('&').filter((pair) => pair !== '')
}

/**
 * The decoded name of a raw pair, without brackets: `cursor`, or `custom_field_filters` for
 * `custom_field_filters[0][field]`.
 */
export function pairName (pair: string): string {
  const eq = pair.indexOf('=')
  return keySegments(decode(eq === -1 ? pair : pair.slice(0, eq)))[0] ?? ''
}
