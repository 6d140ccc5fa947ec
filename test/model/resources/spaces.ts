// Spaces and keys: create (a taken name is a 409), delete, add a key (given or random), revoke one, and a call
// with a revoked key (401). Ids are predicted exactly: one above the highest ever handed out.
import fc from 'fast-check'
import { expect } from 'vitest'
import {
  api, type Command, liveKey, type Model, MODEL_TIME_ZONES, pick, type Real, type Resource, type SpaceModel
} from '../model.js'

const NAMES = ['alpha', 'beta', 'gamma', 'delta']

class CreateSpace implements Command {
  constructor (readonly name: string | null, readonly timeZone: string, readonly key: string | null) {}
  check (): boolean { return true }
  async run (m: Model, r: Real): Promise<void> {
    const body = {
      ...(this.name !== null && { name: this.name }),
      time_zone: this.timeZone,
      ...(this.key !== null && { api_key: this.key })
    }
    const res = await r.control('POST', '/spaces', body)
    const taken = (this.name !== null && m.spaces.some((s) => s.name === this.name)) ||
      (this.key !== null && m.spaces.some((s) => s.keys.some((k) => k.key === this.key)))
    if (taken) {
      expect(res.status).toBe(409)
      return
    }
    expect(res.status).toBe(201)
    const id = m.maxSpaceId + 1
    const keyId = m.maxKeyId + 1
    expect({ id: res.body.id, key: res.body.api_keys[0].id }).toEqual({ id, key: keyId })
    m.maxSpaceId = id
    m.maxKeyId = keyId
    const space: SpaceModel = {
      id,
      name: res.body.name,
      timeZone: this.timeZone,
      keys: [{ id: keyId, key: res.body.api_key, revoked: false }],
      contacts: [],
      companies: [],
      events: [],
      queue: [],
      journal: 0,
      faultRules: 0,
      pendingFaults: 0,
      clock: null
    }
    m.spaces.push(space)
  }

  toString (): string { return `createSpace ${JSON.stringify({ name: this.name, tz: this.timeZone, key: this.key })}` }
}

class DeleteSpace implements Command {
  constructor (readonly index: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    expect((await r.control('DELETE', `/spaces/${space.id}`)).status).toBe(204)
    m.spaces = m.spaces.filter((s) => s !== space)
    expect((await r.control('GET', `/spaces/${space.id}`)).status).toBe(404)
  }

  toString (): string { return `deleteSpace #${this.index}` }
}

class AddKey implements Command {
  constructor (readonly index: number, readonly key: string | null) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    const res = await r.control('POST', `/spaces/${space.id}/keys`, this.key === null ? {} : { key: this.key })
    if (this.key !== null && m.spaces.some((s) => s.keys.some((k) => k.key === this.key))) {
      expect(res.status).toBe(409)
      return
    }
    expect(res.status).toBe(201)
    expect(res.body.id).toBe(m.maxKeyId + 1)
    m.maxKeyId++
    space.keys.push({ id: res.body.id, key: res.body.key, revoked: false })
  }

  toString (): string { return `addKey #${this.index} ${JSON.stringify(this.key)}` }
}

class RevokeKey implements Command {
  constructor (readonly index: number, readonly keyIndex: number) {}
  check (m: Model): boolean { return m.spaces.length > 0 }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces, this.index) as SpaceModel
    const key = pick(space.keys, this.keyIndex)
    if (key === undefined) return
    const res = await r.control('DELETE', `/spaces/${space.id}/keys/${key.id}`)
    expect(res.status).toBe(key.revoked ? 404 : 204)
    key.revoked = true
  }

  toString (): string { return `revokeKey #${this.index} key #${this.keyIndex}` }
}

/** A revoked key authenticates as nobody: 401, and nothing in the Space's journal. */
class CallWithRevokedKey implements Command {
  constructor (readonly index: number) {}
  check (m: Model): boolean { return m.spaces.some((s) => s.keys.some((k) => k.revoked)) }
  async run (m: Model, r: Real): Promise<void> {
    const space = pick(m.spaces.filter((s) => s.keys.some((k) => k.revoked)), this.index) as SpaceModel
    const key = space.keys.find((k) => k.revoked)
    if (key === undefined || liveKey(space)?.key === key.key) return
    const res = await api(m, r, space, key, 'GET', '/contacts/1')
    expect(res.body).toEqual({ message: 'Unauthenticated.' })
  }

  toString (): string { return `callWithRevokedKey #${this.index}` }
}

export const spaces: Resource = {
  name: 'spaces',
  commands: () => [
    fc.tuple(fc.option(fc.constantFrom(...NAMES)), fc.constantFrom(...MODEL_TIME_ZONES),
      fc.option(fc.constantFrom('model-key-0001', 'model-key-0002', 'cometly-dev-key')))
      .map(([name, tz, key]) => new CreateSpace(name, tz, key)),
    fc.nat().map((i) => new DeleteSpace(i)),
    fc.tuple(fc.nat(), fc.option(fc.constantFrom('model-key-0001', 'model-key-0003')))
      .map(([i, key]) => new AddKey(i, key)),
    fc.tuple(fc.nat(), fc.nat()).map(([i, k]) => new RevokeKey(i, k)),
    fc.nat().map((i) => new CallWithRevokedKey(i))
  ]
}
