// @ts-nocheck
// API keys: how a key travels (a Bearer header), and how it is stored and shown (a hash and a hint).
import { createHash } from 'node:crypto'

/** Keys are stored and looked up by their SHA-256; the key itself never reaches the database or a log. */
export function hashApiKey (key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** What may be shown of a key: its last four characters. */
export function keyHint (key: string): string {
  return key.length <= 8 ? '…' : `…${key.slice(-4)}`
}

const BEARER = /^Bearer +(\S+) *$/i

/** The key of an `Authorization: Bearer <key>` header (the scheme in any case), or undefined. */
export function bearerKey (header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  return BEARER.exec(header)?.[1]
}
