// @ts-nocheck
// The part of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'
  export interface Result {
    /** Seconds the run lasted. */
    duration: number
    non2xx: number
    errors: number
    timeouts: number
  }
  function autocannon (
    options: Record<string, unknown>,
    done: (error: Error | null, result: Result) => void
  ): EventEmitter
  export default autocannon
}
