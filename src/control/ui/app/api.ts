// Every call the page makes: JSON to and from the control plane, with the admin token (if the user gave one)
// in the Authorization header. The token lives in this tab's session storage only: closing the tab forgets it.
export const PREFIX = '/_emulator'
const TOKEN_KEY = 'cometly-emulator.admin-token'

export class CallError extends Error {
  constructor (readonly status: number, message: string, readonly body: unknown) {
    super(message)
  }
}

const tokenListeners = new Set<() => void>()

/** Calls `listener` whenever the control plane refuses the page's token (or its lack of one). */
export function onTokenNeeded (listener: () => void): () => void {
  tokenListeners.add(listener)
  return () => { tokenListeners.delete(listener) }
}

export function tokenRefused (): void {
  for (const listener of tokenListeners) listener()
}

export function setToken (token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token)
}

export function authHeaders (): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY)
  return token === null || token === '' ? {} : { authorization: `Bearer ${token}` }
}

export async function call<T> (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${PREFIX}${path}`, {
    method,
    headers: { ...authHeaders(), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    cache: 'no-store'
  })
  const text = await response.text()
  let data: unknown = null
  try {
    data = text === '' ? null : JSON.parse(text)
  } catch {
    data = text
  }
  if (response.status === 401) tokenRefused()
  if (!response.ok) {
    const message = (data as { message?: unknown } | null)?.message
    throw new CallError(response.status, typeof message === 'string' ? message : response.statusText, data)
  }
  return data as T
}

export const get = async <T>(path: string): Promise<T> => await call<T>('GET', path)

/** A query string from the given values, leaving out empty ones. */
export function query (values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value))
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}
