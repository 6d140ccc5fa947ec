// The one file format of every export (contacts, companies, events): gzipped NDJSON, one record a line, as
// Cometly's export docs describe it. Records arrive in batches so that a large export yields to requests.
import { createRequire } from 'node:module'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'

/** node:zlib, loaded on first use: only exports and the inspector's files gzip, and loading it was about 1 ms of
 * every start (docs/performance.md). */
export const zlib = (): typeof import('node:zlib') =>
  createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib')

export interface ExportOutput {
  file: Buffer
  rowCount: number
}

/** Writes every batch the source yields, checking `signal` between batches (a shutdown stops the work). */
export async function writeNdjsonGzip (batches: AsyncIterable<readonly object[]>,
  signal: AbortSignal): Promise<ExportOutput> {
  const gzip = zlib().createGzip()
  const chunks: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => { gzip.on('end', resolve).on('error', reject) })
  let rowCount = 0
  for await (const records of batches) {
    signal.throwIfAborted()
    if (records.length > 0) gzip.write(records.map((record) => `${JSON.stringify(record)}\n`).join(''))
    rowCount += records.length
    // One batch at a time, so that requests are served while a large export runs.
    await yieldToEventLoop()
  }
  signal.throwIfAborted()
  gzip.end()
  await ended
  return { file: Buffer.concat(chunks), rowCount }
}
