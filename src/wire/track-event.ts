// The body of POST /events/track (docs: create-event; Decision D36) and of the older POST /events
// (Decision D52): every documented field read and checked as Laravel's rules would, with their texts. What
// passes is a TrackedEvent, the form the queue keeps and processing reads.
import { TRACK_AMOUNT_MAX as AMOUNT_MAX } from './bounds.js'
import { ValidationError } from './errors.js'
import { readEventTime, TRACKABLE_EVENTS } from './events.js'
import { characterCount, RULE_MESSAGES, displayName } from './validation.js'

/** A tracked event as accepted: strings trimmed of nothing, absent fields left out. */
export interface TrackedEvent {
  event_name: string
  email?: string
  comet_token?: string
  fingerprint?: string
  ip?: string
  tracking_id?: string
  full_name?: string
  first_name?: string
  last_name?: string
  phone?: string
  user_agent?: string
  /** Unix milliseconds; absent: the time of acceptance. */
  event_time?: number
  url?: string
  amount?: number
  order_id?: string
  order_name?: string
  checkout_token?: string
  is_upsell: boolean
  upsell_common_id?: string
  comet_source?: string
  comet_network?: string
  comet_campaign?: string
  comet_ad_group?: string
  comet_ad_id?: string
  comet_keyword?: string
  comet_type?: string
  idempotency_key?: string
  do_not_capi: boolean
}

const LONG_FIELDS = ['url', 'user_agent'] as const
const STRING_FIELDS = ['email', 'comet_token', 'fingerprint', 'ip', 'tracking_id', 'full_name', 'first_name',
  'last_name', 'phone', 'user_agent', 'url', 'order_id', 'order_name', 'checkout_token', 'upsell_common_id',
  'comet_source', 'comet_network', 'comet_campaign', 'comet_ad_group', 'comet_ad_id', 'comet_keyword', 'comet_type',
  'idempotency_key'] as const
const BOOLEAN_FIELDS = ['is_upsell', 'do_not_capi'] as const

/** Every field the endpoint reads; any other key is ignored (Decision D8). */
export const TRACK_FIELDS: readonly string[] =
  ['event_name', 'event_time', 'amount', ...STRING_FIELDS, ...BOOLEAN_FIELDS]

export const EVENT_TIME_MESSAGE = (a: string): string =>
  `The ${a} field must be ISO 8601 or a Unix timestamp in seconds.`

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const NUMERIC = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/

/**
 * Reads a track body; throws Laravel's 422 with every failing rule. `legacy`: the older POST /events, whose
 * callers send email + ip, so that ip does not need a fingerprint there (Decision D52).
 */
export function readTrackedEvent (body: Record<string, unknown>, { legacy }: { legacy: boolean }): TrackedEvent {
  const errors: Record<string, string[]> = {}
  const fail = (field: string, message: (a: string) => string): void => {
    (errors[field] ??= []).push(message(displayName([field])))
  }
  // Laravel's ConvertEmptyStringsToNull: an empty string is as good as absent.
  const value = (field: string): unknown => body[field] === '' ? null : body[field]
  const present = (field: string): boolean => value(field) !== undefined && value(field) !== null

  const event: Partial<TrackedEvent> = { is_upsell: false, do_not_capi: false }
  if (!present('event_name')) fail('event_name', RULE_MESSAGES.required)
  else if (typeof value('event_name') !== 'string' || !TRACKABLE_EVENTS.includes(value('event_name') as string)) {
    fail('event_name', RULE_MESSAGES.selectedInvalid)
  } else event.event_name = value('event_name') as string

  // Decision D36: email, or comet_token, or fingerprint and ip together.
  if (!present('email') && !present('comet_token') && !present('fingerprint')) {
    fail('email', RULE_MESSAGES.requiredWithoutAll(['comet token', 'fingerprint']))
  }
  if (present('ip') && !present('fingerprint') && !legacy) fail('fingerprint', RULE_MESSAGES.requiredWith('ip'))
  if (present('fingerprint') && !present('ip')) fail('ip', RULE_MESSAGES.requiredWith('fingerprint'))

  for (const field of STRING_FIELDS) {
    if (!present(field) || errors[field] !== undefined) continue
    const text = value(field)
    const max = (LONG_FIELDS as readonly string[]).includes(field) ? 2048 : 255
    if (typeof text !== 'string') fail(field, RULE_MESSAGES.string)
    else if (characterCount(text) > max) fail(field, RULE_MESSAGES.maxString(max))
    else if (field === 'email' && !EMAIL.test(text)) fail(field, (a) => `The ${a} field must be a valid email address.`)
    else (event as Record<string, unknown>)[field] = text
  }

  if (present('amount')) {
    const raw = value('amount')
    const amount = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMERIC.test(raw) ? Number(raw) : NaN
    if (!Number.isFinite(amount)) fail('amount', RULE_MESSAGES.numeric)
    else if (Math.abs(amount) > AMOUNT_MAX) fail('amount', RULE_MESSAGES.between(-AMOUNT_MAX, AMOUNT_MAX))
    // -0 is stored and shown as 0.
    else event.amount = amount === 0 ? 0 : amount
  }

  for (const field of BOOLEAN_FIELDS) {
    if (!present(field)) continue
    const flag = value(field)
    // Laravel's boolean rule: true, false, 1, 0, "1" and "0".
    if (flag === true || flag === 1 || flag === '1') event[field] = true
    else if (flag === false || flag === 0 || flag === '0') event[field] = false
    else fail(field, RULE_MESSAGES.boolean)
  }

  if (present('event_time')) {
    const time = readEventTime(value('event_time'))
    if (time === null) fail('event_time', EVENT_TIME_MESSAGE)
    else event.event_time = time
  }

  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return event as TrackedEvent
}
