// The bound of every number the emulator accepts, in one place. Outside its bound a number is a 422 that names
// the field (Laravel's `between` text), and nothing changes. A JSON number too large for a double (1e999)
// parses as Infinity, which is outside every bound. Each bound keeps what is stored readable on every path
// (get, list, exports, Space export and import, snapshots) and keeps every header a plain integer.

/**
 * Number slots (profile_field_16–25) and the amounts of seeded or imported conversions: |x| ≤ 10^15. Every
 * integer in that range, and every decimal a double holds, is read back through JSON as the same number; 10^15
 * is below 2^53, the largest integer a double holds exactly, so a whole number sent as digits comes back as the
 * same digits.
 */
export const NUMBER_VALUE_MAX = 1e15
export const NUMBER_VALUE_MIN = -NUMBER_VALUE_MAX

/** A tracked event's `amount` (POST /events/track and /events): |x| ≤ 10^12, a number or a numeric string. */
export const TRACK_AMOUNT_MAX = 1e12

/** Times of the virtual clock and of seeded rows, in Unix milliseconds: 1970-01-01 to the end of 9999. */
export const TIME_MIN_MS = 0
export const TIME_MAX_MS = 253_402_300_799_999
export const TIME_MIN_ISO = new Date(TIME_MIN_MS).toISOString()
export const TIME_MAX_ISO = new Date(TIME_MAX_MS).toISOString()

/** An advance of the clock moves at most the whole time range, either way. */
export const CLOCK_STEP_MAX_MS = TIME_MAX_MS - TIME_MIN_MS

/** `age_*` filters count whole days: at most the span of years 0001–9999 that a date slot holds. */
export const AGE_DAYS_MAX = 3_652_059

/** Ids in control-plane paths (Spaces, keys, fault rules): positive integers a JavaScript number holds. */
export const CONTROL_ID_MAX = Number.MAX_SAFE_INTEGER

/** Fault rules: Retry-After of a forced 429, added latency, and the after/times counts. */
export const RETRY_AFTER_MAX_SECONDS = 86_400
export const LATENCY_MAX_MS = 600_000
export const FAULT_COUNT_MAX = 1_000_000_000

/** Seeds of fake data and of fault probabilities: 32-bit unsigned, what the PRNG uses. */
export const SEED_MAX = 4_294_967_295

/** Rate limits: a Space's per-endpoint number, and the scale of the Space and of the configuration. */
export const PER_MINUTE_MAX = 1_000_000
export const SCALE_MIN = 0.001
export const SCALE_MAX = 1000

/** Journal queries: the `limit` and `since_id` parameters, and statuses (0 is a dropped connection). */
export const JOURNAL_LIMIT_MAX = 1_000_000
export const STATUS_MAX = 599
