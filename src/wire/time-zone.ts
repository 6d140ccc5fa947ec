// Wall-clock times of a Space's time zone, and back. Cometly reads list and export date ranges in the Space's
// time zone (Decision D7).

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

/** Decision D4: every timestamp on the wire is UTC with whole seconds, `2024-01-15T10:30:00Z` (truncated). */
export function wireTimestamp (ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function pad (n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** The `YYYY-MM-DD HH:MM:SS` wall time of the instant `ms` in `timeZone` (UTC when absent). */
export function zonedWallTime (ms: number, timeZone = 'UTC'): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + (timeZone === 'UTC' ? 0 : offsetAt(ms, timeZone)))
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** Unix milliseconds of a UTC wall time; unlike Date.UTC, years 0–99 are years 0–99, not 1900–1999. */
export function utcMs (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second))
  date.setUTCFullYear(year, month - 1, day)
  return date.getTime()
}
