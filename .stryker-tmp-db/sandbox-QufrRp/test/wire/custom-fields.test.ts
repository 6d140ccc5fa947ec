// @ts-nocheck
// The custom-field slots as wire facts: which kind each slot is, PHP's is_numeric, the date forms a date slot
// reads and their stored form, and the value each kind stores.
import { describe, expect, it } from 'vitest'
import {
  findSlot, isNumericString, parseSlotDate, SLOT_NAMES, SLOTS, toStoredSlotValue, utcMs
} from '../../src/wire/custom-fields.js'

describe('slots', () => {
  it('30 slots: 1–15 text, 16–25 numbers, 26–30 dates', () => {
    expect(SLOTS).toHaveLength(30)
    expect(SLOT_NAMES[0]).toBe('profile_field_1')
    expect(SLOT_NAMES[29]).toBe('profile_field_30')
    expect(SLOTS.map((s) => s.kind).join(',')).toBe([
      ...Array(15).fill('text'), ...Array(10).fill('number'), ...Array(5).fill('date')
    ].join(','))
    expect(SLOTS.every((s, i) => s.index === i + 1 && s.name === `profile_field_${i + 1}`)).toBe(true)
    expect(findSlot('profile_field_15')?.kind).toBe('text')
    expect(findSlot('profile_field_16')?.kind).toBe('number')
    expect(findSlot('profile_field_25')?.kind).toBe('number')
    expect(findSlot('profile_field_26')?.kind).toBe('date')
    expect(findSlot('profile_field_31')).toBeUndefined()
    expect(findSlot('profile_field_0')).toBeUndefined()
    expect(findSlot('constructor')).toBeUndefined()
  })
})

describe('isNumericString: PHP\'s is_numeric on a string', () => {
  it.each([
    '0', '-0', '+5', '42', ' 42', '42 ', '\t\n\r\v\f42\t\n\r\v\f', '1.', '.5', '-.5', '1.50', '1e5', '1E+5', '1e-5',
    '1.5e3', '1e999', '00012'
  ])('%j is numeric', (value) => { expect(isNumericString(value)).toBe(true) })

  it.each([
    '', ' ', '.', '-', '+', 'e5', '1e', '1e+', '0x10', '1_000', '1,5', '1 2', '−1', 'NaN', 'Infinity', '١', '1.2.3',
    '++1', '5a', 'a5'
  ])('%j is not numeric', (value) => { expect(isNumericString(value)).toBe(false) })
})

describe('parseSlotDate', () => {
  it.each([
    ['2024-01-15', '2024-01-15 00:00:00'],
    ['2024-01-15 10:30:00', '2024-01-15 10:30:00'],
    ['2024-01-15T10:30:00', '2024-01-15 10:30:00'],
    ['2024-01-15T10:30', '2024-01-15 10:30:00'],
    ['2024-01-15 10:30', '2024-01-15 10:30:00'],
    ['2024-01-15T10:30:59.999999999Z', '2024-01-15 10:30:59'],
    ['2024-01-15T10:30:00.5', '2024-01-15 10:30:00'],
    ['2024-01-15T10:30:00Z', '2024-01-15 10:30:00'],
    ['2024-01-15T10:30Z', '2024-01-15 10:30:00'],
    // Offsets: positive, negative, with minutes, without a colon; the stored form is UTC.
    ['2024-01-15T10:30:00+02:00', '2024-01-15 08:30:00'],
    ['2024-01-15T10:30:00-02:00', '2024-01-15 12:30:00'],
    ['2024-01-15T10:30:00+05:30', '2024-01-15 05:00:00'],
    ['2024-01-15T10:30:00-03:30', '2024-01-15 14:00:00'],
    ['2024-01-15T10:30:00+0545', '2024-01-15 04:45:00'],
    ['2024-01-15T10:30:00-0930', '2024-01-15 20:00:00'],
    ['2024-01-15T00:10:00+00:11', '2024-01-14 23:59:00'],
    ['2024-01-15T23:50:00-00:11', '2024-01-16 00:01:00'],
    ['2024-01-15T10:30:00+23:59', '2024-01-14 10:31:00'],
    ['2024-01-15T10:30:00-23:59', '2024-01-16 10:29:00'],
    ['2024-01-01T00:30:00+01:00', '2023-12-31 23:30:00'],
    ['2024-12-31T23:30:00-01:00', '2025-01-01 00:30:00'],
    // Calendar edges.
    ['2024-02-29', '2024-02-29 00:00:00'],
    ['2000-02-29', '2000-02-29 00:00:00'],
    ['2023-12-31 23:59:59', '2023-12-31 23:59:59'],
    ['2023-01-31', '2023-01-31 00:00:00'],
    ['2023-04-30', '2023-04-30 00:00:00'],
    ['2023-01-01 00:00:00', '2023-01-01 00:00:00'],
    // Years: four digits, 0001 to 9999; under 100 they are those years.
    ['0001-01-01', '0001-01-01 00:00:00'],
    ['0099-12-31 23:59:59', '0099-12-31 23:59:59'],
    ['0100-03-01', '0100-03-01 00:00:00'],
    ['9999-12-31 23:59:59', '9999-12-31 23:59:59'],
    ['0004-02-29', '0004-02-29 00:00:00']
  ])('%s → %s', (value, stored) => { expect(parseSlotDate(value)).toBe(stored) })

  it.each([
    // Lower and upper bounds of each field.
    '2024-00-10', '2024-13-10', '2024-01-00', '2024-01-32', '2024-04-31', '2023-02-29', '1900-02-29',
    '2024-01-15 24:00:00', '2024-01-15 23:60:00', '2024-01-15 23:59:60', '2024-01-15T10:30:00+24:00',
    '2024-01-15T10:30:00+05:60', '2024-01-15T10:30:00-24:00',
    // Years outside what the stored form holds, before or after the offset.
    '0000-01-01', '0000-12-31 23:59:59', '0001-01-01T00:00:00+00:01', '9999-12-31T23:59:59-00:01', '10000-01-01',
    // Not one of the forms.
    '', '2024', '2024-1-15', '2024-01-5', '24-01-15', '2024/01/15', '15-01-2024', '2024-01-15T', '2024-01-15 10',
    '2024-01-15 10:3', '2024-01-15 10:30:0', '2024-01-15t10:30:00', '2024-01-15T10:30:00z', '2024-01-15T10:30:00+2',
    '2024-01-15T10:30:00+02:0', '2024-01-15T10:30:00.Z', '2024-01-15T10:30:00.1234567890Z',
    ' 2024-01-15', '2024-01-15 ', 'tomorrow', '2024-01-15T10:30:00GMT'
  ])('%j is not a date', (value) => { expect(parseSlotDate(value)).toBeNull() })
})

describe('utcMs', () => {
  it('is Date.UTC with years 0–99 left as they are', () => {
    expect(new Date(utcMs(50, 6, 15, 12, 30, 45)).toISOString()).toBe('0050-06-15T12:30:45.000Z')
    expect(new Date(utcMs(1, 1, 1)).toISOString()).toBe('0001-01-01T00:00:00.000Z')
    expect(utcMs(2024, 1, 1)).toBe(Date.UTC(2024, 0, 1))
    expect(utcMs(2024, 3, 0)).toBe(Date.UTC(2024, 1, 29))
  })
})

describe('toStoredSlotValue', () => {
  const slot = (name: string) => findSlot(name) as NonNullable<ReturnType<typeof findSlot>>
  it.each([
    ['profile_field_1', 'abc', 'abc'],
    ['profile_field_1', '', ''],
    ['profile_field_1', null, null],
    ['profile_field_1', undefined, null],
    ['profile_field_16', 5, 5],
    ['profile_field_16', '5', 5],
    ['profile_field_16', ' 1.5e3 ', 1500],
    ['profile_field_16', -0, 0],
    ['profile_field_16', '-0', 0],
    ['profile_field_16', 0, 0],
    ['profile_field_16', null, null],
    ['profile_field_26', '2024-01-15T10:30:00+02:00', '2024-01-15 08:30:00'],
    ['profile_field_26', null, null]
  ])('%s: %j → %j', (name, value, stored) => {
    expect(Object.is(toStoredSlotValue(slot(name), value), stored)).toBe(true)
  })
})
