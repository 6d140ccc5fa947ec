// @ts-nocheck
// Wall-clock times of a Space's time zone, and back. Cometly reads list and export date ranges in the Space's
// time zone (Decision D7).
import { utcMs } from './custom-fields.js'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter (timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** How far the zone's wall clock is ahead of UTC at the instant `ms`. */
function offsetAt (ms: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const asUtc = utcMs(parts.year ?? 0, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0,
    parts.second ?? 0)
  return asUtc - Math.floor(ms / 1000) * 1000
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/**
 * The instant of a `YYYY-MM-DD HH:MM:SS` wall time in `timeZone`, in Unix milliseconds. A time skipped by a
 * daylight-saving jump is read with the offset from before the jump (it lands after the gap); a time that
 * happens twice is the first of the two.
 */
export function zonedWallTimeToUtc (wallTime: string, timeZone: string): number {
  const m = WALL_TIME.exec(wallTime)
  if (m === null) throw new Error(`not a wall time: ${wallTime}`)
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const asUtc = utcMs(y, mo, d, h, mi, s)
  const before = offsetAt(asUtc - offsetAt(asUtc, timeZone) - 3 * 3_600_000, timeZone)
  const after = offsetAt(asUtc - offsetAt(asUtc, timeZone) + 3 * 3_600_000, timeZone)
  // Prefer the earlier reading when both offsets give this wall time (the repeated hour of a fall-back).
  for (const offset of [Math.max(before, after), Math.min(before, after)]) {
    if (offsetAt(asUtc - offset, timeZone) === offset) return asUtc - offset
  }
  return asUtc - before
}

/** Laravel's JSON form of a date: `2024-01-01T00:00:00.000000Z`. */
export function laravelTimestamp (ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}
