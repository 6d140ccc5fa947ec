// How stored contacts become wire shapes, shared by get, list and exports.
import type { Contact } from '../../db/database.js'
import { renderSlotValue, SLOTS } from '../../wire/custom-fields.js'

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
