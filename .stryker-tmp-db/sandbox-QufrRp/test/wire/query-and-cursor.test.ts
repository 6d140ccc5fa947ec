// @ts-nocheck
import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from '../../src/wire/cursor.js'
import { parseLaravelQuery } from '../../src/wire/laravel-query.js'
import { zonedWallTimeToUtc } from '../../src/wire/time-zone.js'

describe('parseLaravelQuery (PHP parse_str)', () => {
  it.each([
    ['a=1&b=two+words', { a: '1', b: 'two words' }],
    ['a=1&a=2', { a: '2' }],
    ['f[0][field]=x&f[0][op]=y&f[1][field]=z', { f: [{ field: 'x', op: 'y' }, { field: 'z' }] }],
    ['f%5B0%5D%5Bfield%5D=x', { f: [{ field: 'x' }] }],
    ['l[]=a&l[]=b', { l: ['a', 'b'] }],
    ['m[x]=1&m[y]=2', { m: { x: '1', y: '2' } }],
    ['m[1]=a', { m: { 1: 'a' } }],
    ['a.b=1&c d=2', { a_b: '1', c_d: '2' }],
    ['flag&e=', { flag: '', e: '' }],
    ['bad=%E0%A4%A', { bad: '%E0%A4%A' }]
  ])('%s', (query, expected) => {
    expect(JSON.parse(JSON.stringify(parseLaravelQuery(query)))).toEqual(JSON.parse(JSON.stringify(expected)))
  })

  it('does not pollute prototypes', () => {
    const parsed = parseLaravelQuery('__proto__[polluted]=1&constructor[prototype][polluted]=1')
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor'])
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('cursor codec', () => {
  it('round-trips Laravel\'s form and refuses what is not one', () => {
    const encoded = encodeCursor({ parameters: { id: 123 }, pointsToNextItems: true })
    expect(Buffer.from(encoded, 'base64url').toString()).toBe('{"id":123,"_pointsToNextItems":true}')
    expect(encoded).not.toMatch(/[+/=]/)
    expect(decodeCursor(encoded, ['id'])).toEqual({ parameters: { id: 123 }, pointsToNextItems: true })
    for (const bad of [
      '',
      '!!',
      Buffer.from('{"id":1}').toString('base64url'),
      Buffer.from('{"_pointsToNextItems":true}').toString('base64url'),
      Buffer.from('null').toString('base64url')
    ]) {
      expect(decodeCursor(bad, ['id'])).toBeNull()
    }
  })
})

describe('zonedWallTimeToUtc', () => {
  it.each([
    ['2024-03-09 20:30:00', 'America/New_York', '2024-03-10T01:30:00.000Z'],
    ['2024-07-01 00:00:00', 'America/New_York', '2024-07-01T04:00:00.000Z'],
    ['2024-03-10 02:30:00', 'America/New_York', '2024-03-10T07:30:00.000Z'],
    ['2024-11-03 01:30:00', 'America/New_York', '2024-11-03T05:30:00.000Z'],
    ['2024-01-01 09:00:00', 'Asia/Kolkata', '2024-01-01T03:30:00.000Z'],
    ['2024-01-01 00:00:00', 'UTC', '2024-01-01T00:00:00.000Z']
  ])('%s in %s is %s', (wall, zone, utc) => {
    expect(new Date(zonedWallTimeToUtc(wall, zone)).toISOString()).toBe(utc)
  })
})
