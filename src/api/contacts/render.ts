// How stored contacts become wire shapes, shared by get, list and exports.
import type { BrowsingSessionHit, Contact, Event } from '../../db/database.js'
import { configuredName } from '../../wire/events.js'
import { wireTimestamp } from '../../wire/time-zone.js'
import { renderSlotValue, SLOTS, slotDateErrors } from '../../wire/custom-fields.js'
import { ValidationError } from '../../wire/errors.js'

/**
 * All 30 slots, null where unset (Decision D18). With labels, a slot that has one is keyed by it; a label that an
 * earlier slot already uses, or that is blank, leaves the slot under its own name, so no value is lost. Values
 * in the one output form of Decision D16, dates as wall times of the Space's time zone.
 */
export function customFieldsOf (contact: Contact, labels: Record<string, string> | null,
  timeZone: string): Record<string, string | number | null> {
  const result: Record<string, string | number | null> = {}
  const columns = contact as unknown as Record<string, string | number | null | undefined>
  for (const slot of SLOTS) {
    const label = labels?.[slot.name] ?? ''
    const key = label.trim() !== '' && !(label in result) ? label : slot.name
    result[key] = renderSlotValue(slot, columns[slot.name] ?? null, timeZone)
  }
  return result
}

/** The slots a write sent, in the output form of Decision D16 (the create and update echoes). */
export function echoCustomFields (sent: Record<string, unknown>, stored: Record<string, unknown>,
  timeZone: string): Record<string, string | number | null> {
  const result: Record<string, string | number | null> = {}
  for (const slot of SLOTS) {
    if (!(slot.name in sent)) continue
    result[slot.name] = renderSlotValue(slot, (stored[slot.name] ?? null) as string | number | null, timeZone)
  }
  return result
}

/** Decision D20: a conversion or touchpoint as a journey item, in its documented keys and order. */
export function journeyItem (event: Event, eventLabels: Record<string, string>) {
  const eventTime = wireTimestamp(event.event_time)
  if (event.kind === 'conversion') {
    const name = event.event_name ?? ''
    return {
      type: 'conversion' as const,
      id: event.id,
      event_name: name,
      configured_name: configuredName(name, eventLabels),
      amount: event.amount,
      is_upsell: event.is_upsell === 1,
      order_id: event.order_id,
      order_name: event.order_name,
      event_url: event.event_url,
      event_time_utc: eventTime
    }
  }
  return {
    type: 'touchpoint' as const,
    id: event.id,
    source: event.source,
    event_url: event.event_url,
    referrer_host: event.referrer_host,
    ad_id: event.ad_id,
    ad_name: event.ad_name,
    adset_id: event.adset_id,
    adset_name: event.adset_name,
    campaign_id: event.campaign_id,
    campaign_name: event.campaign_name,
    account_id: event.account_id,
    account_name: event.account_name,
    event_time_utc: eventTime
  }
}

/** Decision D21: a hit's nine documented keys, values as stored. */
export function hitItem (hit: BrowsingSessionHit) {
  return {
    event_url: hit.event_url,
    referrer_host: hit.referrer_host,
    source: hit.source,
    country: hit.country,
    device_type: hit.device_type,
    browser: hit.browser,
    os: hit.os,
    event_name: hit.event_name,
    event_time_utc: wireTimestamp(hit.event_time)
  }
}

/** A date slot whose instant in the Space's zone the stored form cannot hold is a 422, before anything is written. */
export function rejectUnstorableDates (customFields: Record<string, unknown> | null | undefined,
  timeZone: string): void {
  const errors = slotDateErrors(customFields ?? {}, timeZone)
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
}
