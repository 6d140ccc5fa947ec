// The one file format of every export (contacts, companies, events): gzipped NDJSON, one record a line, as
// Cometly's export docs describe it. Records arrive in batches so that a large export yields to requests.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { zlib } from '../zlib.js'

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
