// node:zlib, loaded on first use: only exports and the inspector's files gzip, and loading it at the top was about
// 1 ms of every start (docs/performance.md).
import { createRequire } from 'node:module'

export const zlib = (): typeof import('node:zlib') =>
  createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib')
