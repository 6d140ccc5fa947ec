// The start_date/end_date pair of list and export requests: wall times in the Space's time zone.
import { zonedWallTimeToUtc } from './time-zone.js'
import { RULE_MESSAGES, validationError } from './validation.js'

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

/** A range whose ends are each optional (list companies): the same rules for the ends that are sent. */
export function readOptionalDateRange (startDate: string | undefined, endDate: string | undefined,
  timeZone: string): Partial<DateRange> {
  if (startDate !== undefined && endDate !== undefined) return readDateRange(startDate, endDate, timeZone)
  return {
    ...(startDate !== undefined && { from: zonedWallTimeToUtc(startDate, timeZone) }),
    ...(endDate !== undefined && { to: zonedWallTimeToUtc(endDate, timeZone) + 999 })
  }
}
