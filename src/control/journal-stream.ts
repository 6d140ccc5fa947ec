// The journal as a live stream: every entry recorded from now on, as a server-sent event carrying its summary
// (no headers, no bodies: a click fetches the whole entry). The inspector reads it with fetch() and a stream
// reader rather than EventSource, which cannot send the Authorization header: the admin token never goes
// into a URL, where it would land in logs and history.
import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CONTROL_ID_MAX } from '../wire/bounds.js'
import { type JournalEntry, summarize } from '../core/journal.js'
import type { ControlOptions } from './options.js'
import { CONTROL_ERRORS } from './schemas.js'

/** Bytes a slow reader may leave unread before entries are skipped for it (then announced as a gap). */
export const STREAM_BUFFER_LIMIT = 256 * 1024
/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000

export default async function journalStream (app: FastifyInstance, { emulator }: ControlOptions): Promise<void> {
  const { journal } = emulator
  const open = new Set<ServerResponse>()
  // A stream never ends by itself: without this, closing the server would wait for every open inspector.
  app.addHook('preClose', async () => {
    for (const res of open) res.end(() => { res.socket?.destroy() })
  })

  app.withTypeProvider<TypeBoxTypeProvider>().get('/requests/stream', {
    schema: {
      summary: 'Live journal: a text/event-stream of `request` events (one summary each) and `gap` events',
      description: 'Each `request` event\'s data is what /_emulator/requests/summaries lists. A reader that falls ' +
        `more than ${STREAM_BUFFER_LIMIT / 1024} KiB behind misses entries; a \`gap\` event with their count ` +
        'follows once it catches up, and the reader can fetch them with since_id. Read it with fetch() to send ' +
        'the admin token in the Authorization header.',
      tags: ['Journal'],
      querystring: Type.Object({
        space_id: Type.Optional(Type.Integer({
          minimum: 0,
          maximum: CONTROL_ID_MAX,
          description: 'One Space; 0: requests of no Space.'
        }))
      }, { additionalProperties: false }),
      response: { ...CONTROL_ERRORS }
    }
  }, async (request, reply) => {
    const wanted = request.query.space_id
    const res = reply.raw
    const socket = request.raw.socket
    reply.hijack()
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-request-id': request.id
    })
    res.write(': journal stream\n\n')
    let missed = 0
    const flushGap = (): void => {
      if (missed === 0) return
      res.write(`event: gap\ndata: {"missed":${missed}}\n\n`)
      missed = 0
    }
    const send = (entry: JournalEntry): void => {
      if (wanted !== undefined && (entry.space_id ?? 0) !== wanted) return
      if (res.writableLength > STREAM_BUFFER_LIMIT) {
        missed += 1
        return
      }
      flushGap()
      res.write(`id: ${entry.id}\nevent: request\ndata: ${JSON.stringify(summarize(entry))}\n\n`)
    }
    const unsubscribe = journal.subscribe(send)
    const heartbeat = setInterval(() => { res.write(': ping\n\n') }, HEARTBEAT_MS)
    heartbeat.unref()
    open.add(res)
    res.on('drain', flushGap)
    res.on('close', () => {
      unsubscribe()
      clearInterval(heartbeat)
      open.delete(res)
      // A stream's connection is never reused: once the reader is gone, so is the socket (a client that went
      // away can leave it half open), so that nothing is left for the server's close to wait for.
      socket.destroy()
    })
  })
}
