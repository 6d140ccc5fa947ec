// Contacts: create (values past a bound are a 422 that writes nothing; a business primary email links the
// company of its domain), update, get (another Space's contact is a 404), list through every page with random
// flags and ranges, and the export file.
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { expect } from 'vitest'
import { TIME_MAX_MS } from '../../../src/wire/bounds.js'
import {
  type ContactWrite, contactWriteArbitrary, customFieldsArbitrary, refusedSlots, sameCustomFields, type SentValue,
  type SlotValue, toJson
} from '../../helpers/contact-forms.js'
import {
  api, type Command, type ContactModel, linkCompany, liveKey, type Model, namesOf, nowOf, pick, primaryName,
  type Real, type Resource, type SpaceModel, wallTime
} from '../model.js'

/** Emails that tracked events also send, so that events land on contacts and contacts share companies. */
export const SHARED_EMAILS = ['ada@acme.example', 'Bob@ACME.example', 'eve@gmail.com', 'zed@beta.example',
  'kim@Gamma.example']

/** A Space with a live key, chosen by index among those that have one. */
export function spaceWithKey (m: Model, index: number): SpaceModel | undefined {
  return pick(m.spaces.filter((s) => liveKey(s) !== undefined), index)
}

function expectContact (got: any, contact: ContactModel, timeZone: string): void {
  const { emails, phones, locations } = contact.write
  expect({ emails: got.emails, phones: got.phones, names: got.names, locations: got.locations })
    .toEqual({ emails, phones, names: namesOf(contact), locations })
  expect(sameCustomFields(contact.slots, got.custom_fields, timeZone)).toEqual([])
}

class CreateContact implements Command {
  constructor (readonly index: number, readonly write: ContactWrite) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const res = await api(m, r, space, liveKey(space) as { id: number, key: string, revoked: false }, 'POST',
      '/contacts', toJson(this.write))
    if (res.faulted) return
    const refused = refusedSlots(this.write.custom_fields)
    if (refused.length > 0) {
      expect(res.status).toBe(422)
      expect(Object.keys(res.body.errors).sort()).toEqual(refused.sort())
      return
    }
    expect(res.status).toBe(201)
    // Contact ids are one sequence for the whole emulator: the next is one above the highest handed out.
    expect(res.body.id).toBe(m.maxContactId + 1)
    m.maxContactId = res.body.id
    const createdAt = nowOf(m, space)
    space.contacts.push({
      id: res.body.id,
      write: this.write,
      slots: { ...this.write.custom_fields as Record<string, SlotValue> },
      createdAt,
      companyId: linkCompany(m, space, this.write.emails[0], createdAt, true),
      gainedNames: []
    })
  }

  toString (): string { return `createContact #${this.index} ${toJson(this.write).slice(0, 200)}` }
}

class UpdateContact implements Command {
  constructor (readonly index: number, readonly contactIndex: number, readonly names: string[],
    readonly customFields: Record<string, SentValue> | null) {}

  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const contact = pick(space.contacts, this.contactIndex)
    const body = { names: this.names, ...(this.customFields !== null && { custom_fields: this.customFields }) }
    const res = await api(m, r, space, liveKey(space) as never, 'PUT', `/contacts/${contact?.id ?? 999_999_999}`,
      toJson(body))
    if (res.faulted) return
    const refused = refusedSlots(this.customFields ?? undefined)
    if (refused.length > 0) {
      expect(res.status).toBe(422)
      return
    }
    if (contact === undefined) {
      expect(res).toMatchObject({ status: 404, body: { message: 'Contact not found' } })
      return
    }
    expect(res.status).toBe(200)
    // Decision D25: the sent collection replaces the stored one, names gained through tracking included.
    contact.write = { ...contact.write, names: this.names }
    contact.gainedNames = []
    if (this.customFields !== null) contact.slots = { ...this.customFields as Record<string, SlotValue> }
  }

  toString (): string {
    const body = toJson({ names: this.names, custom_fields: this.customFields }).slice(0, 200)
    return `updateContact #${this.index} contact #${this.contactIndex} ${body}`
  }
}

class GetContact implements Command {
  constructor (readonly index: number, readonly contactIndex: number, readonly other: boolean) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    // Another Space's contact is exactly as absent as one that never existed.
    const others = m.spaces.filter((s) => s !== space).flatMap((s) => s.contacts)
      .filter((c) => !space.contacts.some((own) => own.id === c.id))
    const contact = this.other ? undefined : pick(space.contacts, this.contactIndex)
    const id = contact?.id ?? pick(others, this.contactIndex)?.id ?? 999_999_999
    const res = await api(m, r, space, liveKey(space) as never, 'GET', `/contacts/${id}`)
    if (res.faulted) return
    if (contact === undefined) {
      expect(res).toMatchObject({ status: 404, body: { message: 'Contact not found' } })
      return
    }
    expect(res.status).toBe(200)
    expectContact(res.body, contact, space.timeZone)
  }

  toString (): string {
    return `getContact #${this.index} contact #${this.contactIndex}${this.other ? ' (another Space\'s)' : ''}`
  }
}

/** A creation-time range around the Space's now, in its zone; the model works out which contacts are in it. */
export function range (m: Model, space: SpaceModel, back: number, ahead: number) {
  const now = nowOf(m, space)
  // A wall time has four-digit years: the range ends by the end of 9999 (in UTC, which every model zone is
  // at or ahead of, except Bogotá, whose wall times then stay in 9999 too).
  const last = Math.floor((TIME_MAX_MS - 14 * 3_600_000) / 1000) * 1000
  const to = Math.min(last, Math.floor((now + ahead) / 1000) * 1000)
  const from = Math.min(to - 1000, Math.floor((now - back) / 1000) * 1000)
  return {
    query: `start_date=${encodeURIComponent(wallTime(from, space.timeZone))}` +
      `&end_date=${encodeURIComponent(wallTime(to, space.timeZone))}`,
    body: { start_date: wallTime(from, space.timeZone), end_date: wallTime(to, space.timeZone) },
    inRange: (c: { createdAt: number }) => c.createdAt >= from && c.createdAt <= to + 999
  }
}

class ListContacts implements Command {
  constructor (readonly index: number, readonly perPage: number, readonly back: number, readonly ahead: number,
    readonly customFields: boolean, readonly allEmails: boolean) {}

  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const { query, inRange } = range(m, space, this.back, this.ahead)
    const flags = `&per_page=${this.perPage}${this.customFields ? '&include_custom_fields=1' : ''}` +
      `${this.allEmails ? '&include_all_emails=1' : ''}`
    const expected = space.contacts.filter(inRange).sort((a, b) => b.id - a.id)
    const seen: any[] = []
    let cursor = ''
    for (let page = 0; page < 50; page++) {
      const res = await api(m, r, space, liveKey(space) as never, 'GET', `/contacts?${query}${flags}${cursor}`)
      if (res.faulted) return
      expect(res.status).toBe(200)
      seen.push(...res.body.data)
      if (res.body.next_cursor === null) break
      cursor = `&cursor=${res.body.next_cursor as string}`
    }
    expect(seen.map((row) => row.id)).toEqual(expected.map((c) => c.id))
    for (const [i, contact] of expected.entries()) {
      const row = seen[i]
      expect(row).toMatchObject({
        email: contact.write.emails[0] ?? null,
        name: primaryName(contact),
        phone: contact.write.phones[0] ?? null,
        location: contact.write.locations[0] ?? null
      })
      if (this.allEmails) expect(row.emails).toEqual(contact.write.emails)
      if (this.customFields) expect(sameCustomFields(contact.slots, row.custom_fields, space.timeZone)).toEqual([])
    }
  }

  toString (): string {
    const { perPage, back, ahead, customFields, allEmails } = this
    return `listContacts #${this.index} ${JSON.stringify({ perPage, back, ahead, customFields, allEmails })}`
  }
}

class ExportContacts implements Command {
  constructor (readonly index: number, readonly back: number, readonly ahead: number) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const { body, inRange } = range(m, space, this.back, this.ahead)
    const queued = await api(m, r, space, liveKey(space) as never, 'POST', '/contacts/exports',
      JSON.stringify({ ...body, include_all_emails: 1 }))
    if (queued.faulted) return
    expect(queued.status).toBe(202)
    await r.t.app.emulator.exports.idle()
    const status = await api(m, r, space, liveKey(space) as never, 'GET',
      `/contacts/exports/${queued.body.export_id as number}`)
    if (status.faulted) return
    expect(status.body.status).toBe('completed')
    const file = await r.t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
    const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { id: number, email: string | null, emails: string[] })
    const expected = space.contacts.filter(inRange).sort((a, b) => b.id - a.id)
    expect(lines.map((l) => [l.id, l.email, l.emails]))
      .toEqual(expected.map((c) => [c.id, c.write.emails[0] ?? null, c.write.emails]))
  }

  toString (): string { return `exportContacts #${this.index} back ${this.back} ahead ${this.ahead}` }
}

const HOUR = 3_600_000
export const spanArbitrary = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 48 * HOUR }),
  fc.constant(400 * 86_400_000))

export const contacts: Resource = {
  name: 'contacts',
  commands: () => [
    fc.tuple(fc.nat(), contactWriteArbitrary, fc.option(fc.constantFrom(...SHARED_EMAILS), { freq: 2 }))
      .map(([i, write, shared]) => new CreateContact(i, shared === null
        ? write
        : { ...write, emails: [shared, ...write.emails.slice(1)] })),
    fc.tuple(fc.nat(), fc.nat(), fc.array(fc.constantFrom('Ada', 'Grace', 'Émile'), { maxLength: 2 }),
      fc.option(customFieldsArbitrary)).map(([i, c, names, cf]) => new UpdateContact(i, c, names, cf)),
    fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, c, other]) => new GetContact(i, c, other)),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 }), spanArbitrary, spanArbitrary, fc.boolean(), fc.boolean())
      .map(([i, perPage, back, ahead, cf, emails]) => new ListContacts(i, perPage, back, ahead, cf, emails)),
    fc.tuple(fc.nat(), spanArbitrary, spanArbitrary).map(([i, back, ahead]) => new ExportContacts(i, back, ahead))
  ]
}
