// The live journal, read with fetch() and a stream reader: EventSource cannot send the Authorization header,
// and the admin token must never travel in a URL. Reconnects by itself after a drop (the server restarting, a
// network blip); `onOpen` runs on every (re)connection so the list can fetch what it missed.
import { authHeaders, PREFIX, tokenRefused } from './api.js'
import type { Summary } from './types.js'

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped'

export interface StreamHandlers {
  onEntry: (summary: Summary) => void
  /** Entries were skipped (the page fell behind) or may have been (a reconnection): fetch them. */
  onGap: () => void
  onState: (state: StreamState) => void
}

const RETRY_MS = 1500

export function openJournalStream ({ onEntry, onGap, onState }: StreamHandlers): () => void {
  let stopped = false
  let controller: AbortController | undefined
  let connections = 0

  const handle = (block: string): void => {
    let event = 'message'
    let data = ''
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data += line.slice(5).trim()
    }
    if (event === 'request' && data !== '') onEntry(JSON.parse(data) as Summary)
    else if (event === 'gap') onGap()
  }

  const run = async (): Promise<void> => {
    for (;;) {
      if (stopped) return
      controller = new AbortController()
      try {
        const response = await fetch(`${PREFIX}/requests/stream`, {
          headers: authHeaders(),
          signal: controller.signal,
          cache: 'no-store'
        })
        if (response.status === 401) {
          tokenRefused()
          onState('stopped')
          return
        }
        if (!response.ok || response.body === null) throw new Error(`the stream answered ${response.status}`)
        onState('live')
        if (connections++ > 0) onGap()
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            handle(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
          }
        }
      } catch {
        // A drop or an abort; stopping is checked below.
      }
      if (stopped) return
      onState('reconnecting')
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
  onState('connecting')
  run().catch(() => { onState('stopped') })
  return () => {
    stopped = true
    controller?.abort()
    onState('stopped')
  }
}
