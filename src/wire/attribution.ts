// Decision D44: which touchpoints an attribution model credits for a conversion, as a pure function of the
// conversion's time and its candidate touchpoints. The model meanings are help.cometly.com's ("Cometly
// Attribution Models and Attribution Windows"); the emulator needs only which touchpoints get credit, not how much.
import type { AttributionModel } from './events.js'

export const DAY_MS = 86_400_000

/** What attribution reads of a touchpoint. */
export interface AttributionTouchpoint {
  id: number
  source: string | null
  event_time: number
}

/** Journey order: time, then id (Decision D20). */
export function compareTouchpoints (a: AttributionTouchpoint, b: AttributionTouchpoint): number {
  return a.event_time - b.event_time || a.id - b.id
}

/** The first index of a sorted list whose item `before` is false. */
function partitionPoint<T> (items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(items[mid] as T)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The candidates of a conversion at `time`: the touchpoints at or before it and, unless the window is 0 (the
 * lifetime), no older than `windowDays` before it. `sorted` is in journey order; so is the answer.
 */
export function candidateTouchpoints<T extends AttributionTouchpoint> (sorted: readonly T[], time: number,
  windowDays: number): readonly T[] {
  const from = windowDays === 0 ? -Infinity : time - windowDays * DAY_MS
  const start = partitionPoint(sorted, (t) => t.event_time < from)
  const end = partitionPoint(sorted, (t) => t.event_time <= time)
  return start === 0 && end === sorted.length ? sorted : sorted.slice(start, end)
}

const isPaid = (t: AttributionTouchpoint): boolean => t.source?.endsWith('_ads') === true

/** The candidates a model credits, in journey order. `candidates` must be in journey order. */
export function creditedTouchpoints<T extends AttributionTouchpoint> (model: AttributionModel, candidates: readonly T[],
  sources: ReadonlySet<string>): readonly T[] {
  const one = (t: T | undefined): readonly T[] => (t === undefined ? [] : [t])
  const inSources = (t: T): boolean => t.source !== null && sources.has(t.source)
  switch (model) {
    case 'first_touch': return one(candidates[0])
    case 'last_touch': return one(candidates[candidates.length - 1])
    // A touchpoint without a source is not a direct visit: only `direct` is left out.
    case 'last_non_direct_touch': return one(candidates.findLast((t) => t.source !== 'direct'))
    // U-shaped weights first and last (40% each) but gives every touchpoint some credit, as linear does.
    case 'linear':
    case 'u_shaped': return candidates
    case 'linear_paid_ads': return candidates.filter(isPaid)
    case 'first_touch_source_specific': return one(candidates.find(inSources))
    case 'last_touch_source_specific': return one(candidates.findLast(inSources))
  }
}

/**
 * With `sources`, the touchpoint a conversion's row shows: the latest credited touchpoint whose source is one
 * of `sources`, or null when no credited touchpoint has one (and the conversion is then not returned).
 */
export function attributedTouchpoint<T extends AttributionTouchpoint> (model: AttributionModel,
  candidates: readonly T[], sources: ReadonlySet<string>): T | null {
  const credited = creditedTouchpoints(model, candidates, sources)
  return credited.findLast((t) => t.source !== null && sources.has(t.source)) ?? null
}
