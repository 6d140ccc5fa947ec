// The facts of Cometly's events (docs: create-event, list-events; Decisions D36, D39, D42, D43): event names,
// sources, attribution models and windows, and how an event's time is read.
import { TIME_MAX_MS, TIME_MIN_MS } from './bounds.js'

export const STANDARD_EVENTS = [
  'lead_generated', 'view_content', 'schedule', 'purchase', 'subscribe', 'add_to_cart', 'contact',
  'initiate_checkout', 'add_payment_info', 'complete_registration', 'start_trial', 'sign_up', 'submit_application',
  'webinar_registration'
] as const

export const CUSTOM_EVENT_COUNT = 50
export const CUSTOM_EVENTS: readonly string[] =
  Array.from({ length: CUSTOM_EVENT_COUNT }, (_, i) => `custom_event_${i + 1}`)

/** What /events/track takes as `event_name`. */
export const TRACKABLE_EVENTS: readonly string[] = [...STANDARD_EVENTS, ...CUSTOM_EVENTS]

/** Decision D42: a filter value only, selecting upsell purchases. */
export const UPSELL_PURCHASE = 'upsell_purchase'

/** What `event_names` filters take. */
export const FILTER_EVENTS: readonly string[] = [...STANDARD_EVENTS, UPSELL_PURCHASE, ...CUSTOM_EVENTS]

const PLATFORMS = ['facebook', 'google', 'linkedin', 'tiktok', 'youtube', 'instagram', 'bing', 'yahoo', 'pinterest',
  'reddit', 'snapchat', 'telegram', 'twitch', 'x', 'quora', 'duckduckgo'] as const

/** The `sources` of list-events: paid, then organic (Decision D43 ends the cut-off list at threads_organic). */
export const SOURCES: readonly string[] = [
  ...PLATFORMS.map((p) => `${p}_ads`),
  ...PLATFORMS.map((p) => `${p}_organic`),
  'messenger_organic', 'brave_organic', 'threads_organic'
]

export const ATTRIBUTION_MODELS = [
  'first_touch', 'last_touch', 'last_non_direct_touch', 'linear', 'linear_paid_ads', 'u_shaped',
  'first_touch_source_specific', 'last_touch_source_specific'
] as const
export type AttributionModel = typeof ATTRIBUTION_MODELS[number]

/** Decision D43: days; 0 is the contact's lifetime. */
export const ATTRIBUTION_WINDOWS = [0, 1, 7, 14, 30, 60, 90] as const

/** The touchpoint fields of a list row; they need `sources` (docs: list-events). */
export const TOUCHPOINT_FIELDS = ['ad_id', 'ad_name', 'adset_id', 'adset_name', 'campaign_id', 'campaign_name',
  'account_id', 'account_name'] as const

/** Decision D46: the fields a list row (or an export line) may ask for, in any order. */
export const EVENT_FIELDS = ['id', 'profile_id', 'company_id', 'space_id', 'event_name', 'configured_name', 'amount',
  'is_upsell', 'event_time_utc', 'event_url', 'order_id', 'order_name', ...TOUCHPOINT_FIELDS] as const
export type EventField = typeof EVENT_FIELDS[number]

/**
 * Decision D39: the touchpoint source of an event's attribution fields. The lower-cased comet_source if it is a
 * list-events source; else `<source>_organic` when comet_type is organic, `<source>_ads` otherwise, if that is
 * one; else the lower-cased comet_source as it is (matching no filter), or null.
 */
export function touchpointSource (cometSource: string | undefined, cometType: string | undefined): string | null {
  if (cometSource === undefined || cometSource === '') return null
  const source = cometSource.toLowerCase()
  if (SOURCES.includes(source)) return source
  const derived = `${source}_${cometType?.toLowerCase() === 'organic' ? 'organic' : 'ads'}`
  return SOURCES.includes(derived) ? derived : source
}

/** Unix seconds at or above this are read as milliseconds and refused (Decision D36). */
export const UNIX_SECONDS_LIMIT = 1e11

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * An event's time in Unix milliseconds (Decision D36): ISO 8601 (no offset: UTC) or Unix seconds as an integer
 * or a string of digits, below 10^11; null when it is neither, or when an offset puts the instant outside the
 * emulator's time range (1970 to the end of 9999, src/wire/bounds.ts), where no list range or export reads it.
 */
export function readEventTime (value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value < UNIX_SECONDS_LIMIT ? value * 1000 : null
  }
  if (typeof value !== 'string') return null
  if (/^\d{1,11}$/.test(value)) {
    const seconds = Number(value)
    return seconds < UNIX_SECONDS_LIMIT ? seconds * 1000 : null
  }
  const m = ISO.exec(value)
  if (m === null) return null
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as
    [number, number, number, number, number, number]
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  const offset = m[8] ?? 'Z'
  const zone = offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`)
  return Number.isFinite(ms) && ms >= TIME_MIN_MS && ms <= TIME_MAX_MS ? ms : null
}

/** Decision D48: a custom event's configured name (its label, when it has one), else its event name. */
export function configuredName (eventName: string, labels: Record<string, string>): string {
  const label = labels[eventName]
  return label !== undefined && label.trim() !== '' ? label : eventName
}

/** How a fingerprint + ip pair is stored as one identity (Decision D38), and read back. */
export function fingerprintKey (fingerprint: string, ip: string): string {
  return JSON.stringify([fingerprint, ip])
}

export function readFingerprintKey (key: string): { fingerprint: string, ip: string } {
  const [fingerprint, ip] = JSON.parse(key) as [string, string]
  return { fingerprint, ip }
}
