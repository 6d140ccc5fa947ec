// @ts-nocheck
// The little of a logger the core needs: pino's shape, so the server's pino (or Fastify's) fits as it is.
export interface Log {
  debug: (obj: object, msg?: string) => void
  info: (obj: object, msg?: string) => void
  warn: (obj: object, msg?: string) => void
  error: (obj: object, msg?: string) => void
}

export const silentLog: Log = { debug () {}, info () {}, warn () {}, error () {} }
