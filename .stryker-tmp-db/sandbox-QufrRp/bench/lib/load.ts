// @ts-nocheck
// Runs load in a separate autocannon process, samples the server's RSS meanwhile, and compares servers in
// alternating rounds so that a busy moment of a shared machine falls on every server alike.
import { execFile } from 'node:child_process'
import type { LoadResult, LoadSpec } from './load-worker.js'
import { cpuMs, rssMb } from './processes.js'

export type { LoadResult, LoadSpec }

export interface Measured {
  requests: number
  seconds: number
  throughput: number
  p50Ms: number
  p99Ms: number
  /** Non-2xx answers, connection errors and timeouts. */
  failed: number
  /** The server's CPU time (user + system) per request, µs: less at the mercy of a busy machine than req/s. */
  cpuUsPerRequest: number | undefined
  /** Highest RSS of the server seen while it was under load, MB. */
  rssMaxMb: number | undefined
}

export interface Subject {
  name: string
  url: string
  pid: number | undefined
  spec: Omit<LoadSpec, 'url' | 'duration'>
}

const RSS_SAMPLE_MS = 250

async function runWorker (worker: string, spec: LoadSpec): Promise<LoadResult> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [worker, JSON.stringify(spec)], {
      // Bounded: autocannon stops itself after `duration`; this only catches a hung generator.
      timeout: (spec.duration + 30) * 1000,
      maxBuffer: 256 * 1024 * 1024
    }, (error, out, err) => {
      if (error !== null) reject(new Error(`load generator failed: ${error.message} ${err}`))
      else resolve(out)
    })
  })
  return JSON.parse(stdout) as LoadResult
}

function percentile (sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/**
 * Warms every subject up once, then runs `rounds` rounds of `seconds` each, rotating the order every round.
 * Throughput is all requests over all seconds; percentiles are over every latency of every round.
 */
export async function compare (
  worker: string,
  subjects: readonly Subject[],
  options: { warmup: number, seconds: number, rounds: number }
): Promise<Map<string, Measured>> {
  const totals = new Map(subjects.map((s) => [s.name, {
    requests: 0,
    seconds: 0,
    failed: 0,
    latencies: [] as number[][],
    rss: undefined as number | undefined,
    cpuMs: 0
  }]))
  if (options.warmup > 0) {
    for (const subject of subjects) {
      await runWorker(worker, { ...subject.spec, url: subject.url, duration: options.warmup })
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(i + round) % subjects.length]!
      const total = totals.get(subject.name)!
      const sampler = setInterval(() => {
        const rss = rssMb(subject.pid)
        if (rss !== undefined) total.rss = Math.max(total.rss ?? 0, rss)
      }, RSS_SAMPLE_MS)
      const cpuBefore = cpuMs(subject.pid)
      try {
        const result = await runWorker(worker, { ...subject.spec, url: subject.url, duration: options.seconds })
        total.cpuMs += (cpuMs(subject.pid) ?? Number.NaN) - (cpuBefore ?? Number.NaN)
        total.requests += result.requests
        total.seconds += result.seconds
        total.failed += result.non2xx + result.errors + result.timeouts
        total.latencies.push(result.latencies)
      } finally {
        clearInterval(sampler)
      }
    }
  }
  const measured = new Map<string, Measured>()
  for (const [name, total] of totals) {
    const sorted = Float64Array.from(total.latencies.flat()).sort()
    measured.set(name, {
      requests: total.requests,
      seconds: total.seconds,
      throughput: total.requests / total.seconds,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      failed: total.failed,
      cpuUsPerRequest: total.requests === 0 ? undefined : total.cpuMs * 1000 / total.requests,
      rssMaxMb: total.rss
    })
  }
  return measured
}
