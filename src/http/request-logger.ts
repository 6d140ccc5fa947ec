// Each request's logger (request.log) carries its request id. Fastify makes a pino child for that on every
// request, about 2 µs of serialising the binding, though at the usual levels most requests write no line at
// all. This one makes the child on the first line that the level lets through (docs/performance.md,
// "Get by id"), and is the same child from then on.
import type { FastifyBaseLogger } from 'fastify'
import type { FastifyChildLoggerFactory } from 'fastify/types/logger.js'
import type { Bindings, ChildLoggerOptions } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/** pino's loggers can say whether a level is on; a logger that cannot gets its child at once. */
type LevelAware = FastifyBaseLogger & { isLevelEnabled: (level: string) => boolean }

class RequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined
  readonly #parent: LevelAware
  readonly #bindings: Bindings

  constructor (parent: LevelAware, bindings: Bindings) {
    this.#parent = parent
    this.#bindings = bindings
  }

  #made (): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings)
    return this.#child
  }

  /** The child when it exists or when `level` is on; undefined when the line would be dropped anyway. */
  #for (level: Level): FastifyBaseLogger | undefined {
    return this.#child ?? (this.#parent.isLevelEnabled(level) ? this.#made() : undefined)
  }

  get level (): string {
    return (this.#child ?? this.#parent).level
  }

  set level (level: string) {
    this.#made().level = level
  }

  fatal (...args: unknown[]): void { log(this.#for('fatal'), 'fatal', args) }
  error (...args: unknown[]): void { log(this.#for('error'), 'error', args) }
  warn (...args: unknown[]): void { log(this.#for('warn'), 'warn', args) }
  info (...args: unknown[]): void { log(this.#for('info'), 'info', args) }
  debug (...args: unknown[]): void { log(this.#for('debug'), 'debug', args) }
  trace (...args: unknown[]): void { log(this.#for('trace'), 'trace', args) }
  silent (): void {}

  child (bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options)
  }
}

function log (logger: FastifyBaseLogger | undefined, level: Level, args: unknown[]): void {
  if (logger !== undefined) (logger[level] as (...a: unknown[]) => void)(...args)
}

/** Fastify's `childLoggerFactory`: the lazy logger above, or pino's own child when a route sets options (a
 * route's log level) or the logger cannot tell its levels. */
export const requestLoggerFactory: FastifyChildLoggerFactory = (logger, bindings, options) => {
  const aware = logger as Partial<LevelAware>
  if (typeof aware.isLevelEnabled !== 'function' || Object.keys(options).length > 0) {
    return logger.child(bindings, options)
  }
  return new RequestLogger(aware as LevelAware, bindings)
}
