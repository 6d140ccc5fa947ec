// A thing made on its first use and then kept (a lazily built Fastify instance, files read from the build). A
// failed making is not kept: the next use tries again, so one bad moment does not break every later request.

export interface MadeOnce<T> {
  /** The thing, made now if it never was or its last making failed. */
  get: () => Promise<T>
  /** The thing if it was made or is being made, without making it (for closing what exists). */
  peek: () => Promise<T> | undefined
}

export function madeOnce<T> (make: () => Promise<T>): MadeOnce<T> {
  let made: Promise<T> | undefined
  return {
    get: async () => {
      made ??= make().catch((error: unknown) => {
        made = undefined
        throw error
      })
      return await made
    },
    peek: () => made
  }
}
