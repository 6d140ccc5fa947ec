// @ts-nocheck
// What a caller sees of an export job. The work runs as fast as it can, but the visible status also follows
// the clock (so that a virtual clock can move an export along, and a real one shows each state for a
// moment): queued until created_at + queuedMs, then processing until created_at + queuedMs + processingMs
// and the work is done, then completed. Both delays are options (0: as fast as the work).
import type { ExportJob } from '../../db/exports.js'

export const DOWNLOAD_LINK_TTL_MS = 15 * 60_000

export interface ExportTiming {
  queuedMs: number
  processingMs: number
}

export type VisibleStatus =
  | { status: 'queued' | 'processing' }
  | { status: 'completed', completedAt: number }
  | { status: 'failed', message: string }

export function visibleStatus (job: ExportJob, now: number, timing: ExportTiming): VisibleStatus {
  if (job.state === 'failed') return { status: 'failed', message: job.message ?? '' }
  if (now < job.created_at + timing.queuedMs) return { status: 'queued' }
  const ready = job.created_at + timing.queuedMs + timing.processingMs
  if (job.state === 'pending' || now < ready) return { status: 'processing' }
  return { status: 'completed', completedAt: Math.max(ready, job.finished_at ?? ready) }
}
