// @ts-nocheck
// How stored contacts become wire shapes, shared by get, list and exports.
import type { Contact } from '../../db/database.js'
import { SLOTS } from '../../wire/custom-fields.js'

/**
 * All 30 slots, null where unset. With labels, a slot that has one is keyed by it (Decision D18: a label that an
 * earlier slot already uses, or that is blank, leaves the slot under its own name, so no value is lost).
 * Numbers come back as JSON numbers, dates as stored: `YYYY-MM-DD HH:MM:SS` in UTC.
 */
export function customFieldsOf (contact: Contact,
  labels: Record<string, string> | null): Record<string, string | number | null> {
  const result: Record<string, string | number | null> = {}
  const columns = contact as unknown as Record<string, string | number | null | undefined>
  for (const slot of SLOTS) {
    const label = labels?.[slot.name] ?? ''
    const key = label.trim() !== '' && !(label in result) ? label : slot.name
    result[key] = columns[slot.name] ?? null
  }
  return result
}
