// @ts-nocheck
// The load generator, run as its own process so that it does not share an event loop with the orchestrator
// or any server. Reads one LoadSpec (JSON) from argv, runs autocannon, prints one LoadResult (JSON).
import autocannon, { type Result } from 'autocannon'

export interface LoadSpec {
  url: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  connections: number
  /** Seconds. */
  duration: number
  /** When set, `{id}` in the path is replaced by a random id from this inclusive range on every request. */
  ids?: [number, number]
}

export interface LoadResult {
  /** Completed requests and the seconds they took, for a throughput that adds up across rounds. */
  requests: number
  seconds: number
  /** Every response's latency, ms (two decimals), for percentiles over all rounds together. */
  latencies: number[]
  non2xx: number
  errors: number
  timeouts: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec
const ids = spec.ids
const latencies: number[] = []
const result = await new Promise<Result>((resolve, reject) => {
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    pipelining: 1,
    timeout: 10,
    requests: [{
      method: spec.method,
      path: spec.path,
      headers: spec.headers,
      ...(spec.body !== undefined && { body: spec.body }),
      ...(ids !== undefined && {
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          path: spec.path.replace('{id}', String(ids[0] + Math.floor(Math.random() * (ids[1] - ids[0] + 1))))
        })
      })
    }]
  }, (error: Error | null, done: Result) => { if (error !== null) reject(error); else resolve(done) })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(Math.round(ms * 100) / 100)
  })
})
const out: LoadResult = {
  requests: latencies.length,
  seconds: result.duration,
  latencies,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts
}
process.stdout.write(JSON.stringify(out))
