// madeOnce: made on first use and kept, shared by concurrent first uses, and made again after a failure.
import { describe, expect, it } from 'vitest'
import { madeOnce } from '../../src/http/made-once.js'

describe('madeOnce', () => {
  it('makes the thing once, on first use, for every caller', async () => {
    let makes = 0
    const thing = madeOnce(async () => ({ n: ++makes }))
    expect(thing.peek()).toBeUndefined()
    expect(makes).toBe(0)
    const [a, b] = await Promise.all([thing.get(), thing.get()])
    expect(a).toBe(b)
    expect(await thing.get()).toBe(a)
    expect(await thing.peek()).toBe(a)
    expect(makes).toBe(1)
  })

  it('keeps no failure: the next use makes it again', async () => {
    let makes = 0
    const thing = madeOnce(async () => {
      makes++
      if (makes === 1) throw new Error('not yet')
      return makes
    })
    await expect(thing.get()).rejects.toThrow('not yet')
    expect(thing.peek()).toBeUndefined()
    expect(await thing.get()).toBe(2)
    expect(await thing.get()).toBe(2)
    expect(makes).toBe(2)
  })
})
