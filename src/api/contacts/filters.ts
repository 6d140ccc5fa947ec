// The custom-field filters of GET /contacts (Decisions D23 and D24): which operators each slot
// kind takes, how each is checked, and what each means in SQL terms.
import type { FastifyRequest } from 'fastify'
import type { SlotColumn, SlotCondition } from '../../db/contacts.js'
import { warn } from '../../http/request-context.js'
import { AGE_DAYS_MAX, NUMBER_VALUE_MAX, NUMBER_VALUE_MIN } from '../../wire/bounds.js'
import { findSlot, isNumericString, parseSlotDate, type SlotKind } from '../../wire/custom-fields.js'
import { ValidationError } from '../../wire/errors.js'
import { RULE_MESSAGES } from '../../wire/validation.js'
import type { CustomFieldFilter } from './schemas.js'

export const OPERATORS = {
  text: ['equal_to', 'not_equal_to', 'contains', 'not_contains', 'starts_with', 'ends_with', 'contains_word', 'any',
    'unknown'],
  number: ['equal_to', 'not_equal_to', 'greater_than', 'greater_than_or_equal_to', 'less_than', 'less_than_or_equal_to',
    'any', 'unknown'],
  date: ['equal_to', 'between', 'greater_than', 'less_than', 'age_greater_than', 'age_equal_to', 'age_less_than', 'any',
    'unknown']
} as const satisfies Record<SlotKind, readonly string[]>

const DAY_MS = 86_400_000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

function stored (ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

type Value = string | number | undefined

/**
 * A date bound in the stored form: a bare day stands for its first second in the Space's time zone, or with
 * `endOfDay` for its last (Decision D24); a time without an offset is the Space's wall time (Decision D16).
 */
function dateBound (value: string, endOfDay: boolean, timeZone: string): string {
  return parseSlotDate(endOfDay && DATE_ONLY.test(value) ? `${value} 23:59:59` : value, timeZone) as string
}

function conditionsFor (column: SlotColumn, kind: SlotKind, operator: string, filter: CustomFieldFilter,
  now: number, timeZone: string): SlotCondition[] {
  const bound = (text: string, endOfDay: boolean): string => dateBound(text, endOfDay, timeZone)
  const value = filter.value as Value
  if (operator === 'any') return [{ column, test: 'is_set' }]
  if (operator === 'unknown') return [{ column, test: 'is_null' }]
  if (kind === 'text') {
    const text = String(value)
    switch (operator) {
      case 'equal_to': return [{ column, test: '=', value: text, ignoreCase: true }]
      case 'not_equal_to': return [{ column, test: '!=', value: text, ignoreCase: true }]
      default: return [{ column, test: operator as 'contains', value: text }]
    }
  }
  if (kind === 'number') {
    const n = Number(value)
    const test = ({
      equal_to: '=',
      not_equal_to: '!=',
      greater_than: '>',
      greater_than_or_equal_to: '>=',
      less_than: '<',
      less_than_or_equal_to: '<='
    } as const)[operator as 'equal_to']
    return [{ column, test, value: n }]
  }
  // Decision D24: a date's age is in whole days before now.
  const age = (days: number): string => stored(now - days * DAY_MS)
  const text = String(value)
  switch (operator) {
    case 'equal_to':
      return DATE_ONLY.test(text)
        ? [{ column, test: 'between', from: bound(text, false), to: bound(text, true) }]
        : [{ column, test: '=', value: bound(text, false) }]
    case 'between': return [{
      column,
      test: 'between',
      from: bound(String(filter.start), false),
      to: bound(String(filter.end), true)
    }]
    case 'greater_than': return [{ column, test: '>', value: bound(text, true) }]
    case 'less_than': return [{ column, test: '<', value: bound(text, false) }]
    case 'age_greater_than': return [{ column, test: '<=', value: age(Number(text) + 1) }]
    case 'age_less_than': return [{ column, test: '>', value: age(Number(text)) }]
    default: return [
      { column, test: '>', value: age(Number(text) + 1) },
      { column, test: '<=', value: age(Number(text)) }
    ]
  }
}

function isBlank (value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/** What is wrong with one value of a condition, or null. */
function valueProblem (kind: SlotKind, operator: string, value: unknown): ((a: string) => string) | null {
  if (isBlank(value)) return RULE_MESSAGES.required
  if (operator.startsWith('age_')) {
    if (!/^\d+$/.test(String(value))) return RULE_MESSAGES.integer
    return Number(value) <= AGE_DAYS_MAX ? null : RULE_MESSAGES.between(0, AGE_DAYS_MAX)
  }
  if (kind === 'number') {
    if (typeof value !== 'number' && !isNumericString(String(value))) return RULE_MESSAGES.numeric
    const n = Number(value)
    if (n >= NUMBER_VALUE_MIN && n <= NUMBER_VALUE_MAX) return null
    return RULE_MESSAGES.between(NUMBER_VALUE_MIN, NUMBER_VALUE_MAX)
  }
  if (kind === 'date') return parseSlotDate(String(value)) !== null ? null : RULE_MESSAGES.date
  return null
}

/** The slots a Space has configured: those with a non-blank label (Decision D23). */
export function configuredSlots (labels: Record<string, string>): string[] {
  return Object.entries(labels).filter(([slot, label]) => findSlot(slot) !== undefined && label.trim() !== '')
    .map(([slot]) => slot).sort((a, b) => (findSlot(a)?.index ?? 0) - (findSlot(b)?.index ?? 0))
}

/**
 * Checks the conditions (a slot the Space has not configured, an operator that does not fit the slot's kind, a
 * missing or malformed value) and turns them into SQL conditions; every problem is reported at once,
 * Laravel-style (Decision D24).
 */
export function readFilters (filters: readonly CustomFieldFilter[], now: number,
  space: { customFieldLabels: Record<string, string>, timeZone: string }): SlotCondition[] {
  const configured = configuredSlots(space.customFieldLabels)
  const errors: Record<string, string[]> = {}
  const conditions: SlotCondition[] = []
  const fail = (path: string, message: (a: string) => string): void => { (errors[path] ??= []).push(message(path)) }
  filters.forEach((filter, i) => {
    const at = `custom_field_filters.${i}`
    const slot = findSlot(filter.field)
    if (slot === undefined || !configured.includes(slot.name)) {
      fail(`${at}.field`, RULE_MESSAGES.selectedInvalid)
      return
    }
    const operator = filter.operator
    if (!(OPERATORS[slot.kind] as readonly string[]).includes(operator)) {
      fail(`${at}.operator`, RULE_MESSAGES.selectedInvalid)
      return
    }
    if (operator === 'any' || operator === 'unknown') {
      conditions.push(...conditionsFor(slot.name as SlotColumn, slot.kind, operator, filter, now, space.timeZone))
      return
    }
    const parts = operator === 'between' ? ['start', 'end'] as const : ['value'] as const
    let ok = true
    for (const part of parts) {
      const problem = valueProblem(slot.kind, operator, filter[part])
      if (problem !== null) {
        fail(`${at}.${part}`, problem)
        ok = false
      }
    }
    if (ok) conditions.push(...conditionsFor(slot.name as SlotColumn, slot.kind, operator, filter, now, space.timeZone))
  })
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return conditions
}

/** The operators a slot takes, for the emulator's warning when one does not fit. */
export function operatorsOf (field: string): readonly string[] | undefined {
  const slot = findSlot(field)
  return slot === undefined ? undefined : OPERATORS[slot.kind]
}

/**
 * Decision D24's warning, for GET /contacts and GET /events alike: the Space's configured slots, or the
 * operators that fit.
 */
export function warnAboutFilters (request: FastifyRequest, filters: readonly CustomFieldFilter[]): void {
  const configured = configuredSlots(request.space.customFieldLabels)
  for (const [i, filter] of filters.entries()) {
    const operators = operatorsOf(filter.field)
    if (operators === undefined || !configured.includes(filter.field)) {
      const names = configured.length === 0 ? 'none' : configured.join(', ')
      warn(request, `custom_field_filters.${i}.field: the Space's configured slots are ${names}; ` +
        'label a slot (custom_field_labels in the Spaces config or PATCH /_emulator/spaces/{id}) to filter on it')
    } else if (!operators.includes(filter.operator)) {
      warn(request, `custom_field_filters.${i}.operator: ${filter.field} takes ${operators.join(', ')}`)
    }
  }
}
