// @ts-nocheck
// The start_date/end_date pair of list and export requests: wall times in the Space's time zone.
import { TIME_MAX_ISO, TIME_MAX_MS, TIME_MIN_ISO, TIME_MIN_MS } from './bounds.js'
import { zonedWallTimeToUtc } from './time-zone.js'
import { RULE_MESSAGES, validationError } from './validation.js'

/**
 * A time of TimeSchema in Unix milliseconds: a 422 naming `field` when it is not a date, or when it lies
 * outside the emulator's time range (1970 to the end of 9999), so that every stored time renders.
 */
export function readTime (value: string | number, field: string): number {
  const ms = typeof value === 'number' ? value : Date.parse(value)
  if (Number.isNaN(ms)) throw validationError(field, RULE_MESSAGES.date)
  if (ms < TIME_MIN_MS) throw validationError(field, RULE_MESSAGES.afterOrEqual(TIME_MIN_ISO))
  if (ms > TIME_MAX_MS) throw validationError(field, RULE_MESSAGES.beforeOrEqual(TIME_MAX_ISO))
  return ms
}

export interface DateRange {
  /** Unix milliseconds, both ends included: end_date names a second, and the whole of it is in range. */
  from: number
  to: number
}

export function readDateRange (startDate: string, endDate: string, timeZone: string): DateRange {
  const from = zonedWallTimeToUtc(startDate, timeZone)
  const end = zonedWallTimeToUtc(endDate, timeZone)
  // Laravel's after:start_date compares the two as dates: equal is not after.
  if (end <= from) throw validationError('end_date', RULE_MESSAGES.after('start date'))
  return { from, to: end + 999 }
}
