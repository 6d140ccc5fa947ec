// @ts-nocheck
// Whatever a 2xx accepted comes back through every read path: get (with labels), list with every flag, the
// contact export file, Space export then import, snapshot then restore. fast-check writes generated contacts,
// the extremes of every bound included (test/helpers/contact-forms.ts), into Spaces of several time zones.
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SLOTS } from '../../src/wire/custom-fields.js'
import { testApp, type TestApp } from '../helpers/app.js'
import {
  type ContactWrite, contactWriteArbitrary, customFieldsArbitrary, refusedSlots, sameCustomFields, sameEcho,
  type SlotValue, TIME_ZONES, toJson
} from '../helpers/contact-forms.js'
import { cometlyClient, controlClient } from '../helpers/control.js'
import { reportFigures } from '../helpers/load.js'

const SEED = Number(process.env.FC_SEED ?? 15_2026)
const RUNS = Number(process.env.READ_BACK_RUNS ?? 25)
const RANGE = 'start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00'
const LABELS = { profile_field_1: 'Plan', profile_field_16: 'Score', profile_field_26: 'Plan', profile_field_27: ' ' }

let t: TestApp
let control: ReturnType<typeof controlClient>
const figures = { runs: 0, contacts: 0, refused: 0, reads: 0 }
beforeAll(async () => {
  t = await testApp({ config: { rateLimits: false, exportQueuedMs: 0, exportProcessingMs: 0 } })
  control = controlClient(t.app)
})
afterAll(async () => {
  await t.close()
  reportFigures('read back', { seed: SEED, ...figures })
})

/** A contact as it must read back: its collections, and its slots (unset ones null). */
interface Expected { id: number, write: ContactWrite, slots: Record<string, SlotValue> }

type Api = ReturnType<typeof cometlyClient>

/** What D18 keys each slot by under the Space's labels: its label, unless blank or taken by an earlier slot. */
function labelled (labels: Record<string, string>): Map<string, string> {
  const keys = new Map<string, string>()
  const used = new Set<string>()
  for (const slot of SLOTS) {
    const label = labels[slot.name] ?? ''
    const key = label.trim() !== '' && !used.has(label) ? label : slot.name
    used.add(key)
    keys.set(slot.name, key)
  }
  return keys
}

async function checkEverywhere (api: Api, contacts: Expected[], timeZone: string): Promise<void> {
  const keys = labelled(LABELS)
  for (const { id, write, slots } of contacts) {
    const got = await api('GET', `/contacts/${id}`)
    expect(got.status).toBe(200)
    expect({ emails: got.body.emails, phones: got.body.phones, names: got.body.names, locations: got.body.locations })
      .toEqual({ emails: write.emails, phones: write.phones, names: write.names, locations: write.locations })
    expect(sameCustomFields(slots, got.body.custom_fields, timeZone)).toEqual([])
    const withLabels = (await api('GET', `/contacts/${id}?use_custom_field_labels=1`)).body.custom_fields
    const unlabelled = Object.fromEntries(SLOTS.map((slot) => [slot.name, withLabels[keys.get(slot.name) as string]]))
    expect(Object.keys(withLabels).length).toBe(30)
    expect(sameCustomFields(slots, unlabelled, timeZone)).toEqual([])
    figures.reads += 2
  }

  const list = await api('GET', `/contacts?${RANGE}&per_page=5000&include_custom_fields=1&include_all_emails=1` +
    '&include_comet_tokens=1')
  expect(list.status).toBe(200)
  const newestFirst = [...contacts].sort((a, b) => b.id - a.id)
  expect(list.body.data.map((row: { id: number }) => row.id)).toEqual(newestFirst.map((c) => c.id))
  for (const [i, { write, slots }] of newestFirst.entries()) {
    const row = list.body.data[i]
    expect(row).toMatchObject({
      email: write.emails[0] ?? null,
      phone: write.phones[0] ?? null,
      name: write.names[0] ?? null,
      location: write.locations[0] ?? null,
      emails: write.emails,
      comet_tokens: []
    })
    expect(sameCustomFields(slots, row.custom_fields, timeZone)).toEqual([])
  }
  figures.reads += 1

  const queued = await api('POST', '/contacts/exports', {
    start_date: '2000-01-01 00:00:00', end_date: '2100-01-01 00:00:00', include_all_emails: 1
  })
  expect(queued.status).toBe(202)
  await t.app.emulator.exports.idle()
  const status = await api('GET', `/contacts/exports/${queued.body.export_id as number}`)
  expect(status.body.status).toBe('completed')
  const file = await t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
  const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  expect(lines.map(({ id, email, name, phone, location, emails }) => ({ id, email, name, phone, location, emails })))
    .toEqual(newestFirst.map(({ id, write }) => ({
      id,
      email: write.emails[0] ?? null,
      name: write.names[0] ?? null,
      phone: write.phones[0] ?? null,
      location: write.locations[0] ?? null,
      emails: write.emails
    })))
  figures.reads += 1
}

const writesArbitrary = fc.record({
  timeZone: fc.constantFrom(...TIME_ZONES),
  writes: fc.array(contactWriteArbitrary, { minLength: 1, maxLength: 3 }),
  update: fc.option(fc.record({
    phones: fc.array(fc.constant('+1 555 0100'), { maxLength: 2 }),
    custom_fields: customFieldsArbitrary
  }))
})

describe('every acknowledged write reads back, everywhere', () => {
  it('create (and update), then get, list, the export file, Space export → import, snapshot → restore', async () => {
    await fc.assert(fc.asyncProperty(writesArbitrary, async ({ timeZone, writes, update }) => {
      figures.runs++
      const space = (await control('POST', '/spaces', { time_zone: timeZone, custom_field_labels: LABELS })).body as
        { id: number, api_key: string }
      const api = cometlyClient(t.app, space.api_key)
      const contacts: Expected[] = []
      const send = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
        const res = await t.app.inject({
          method,
          url: `/public-api/v1${url}`,
          payload: toJson(body),
          headers: { authorization: `Bearer ${space.api_key}`, 'content-type': 'application/json' }
        })
        return { status: res.statusCode, body: res.json() }
      }
      for (const write of writes) {
        const res = await send('POST', '/contacts', write)
        const refused = refusedSlots(write.custom_fields)
        if (refused.length > 0) {
          // Outside a bound: a 422 naming exactly the slots past it, and nothing written (checked below).
          expect(res.status).toBe(422)
          expect(Object.keys(res.body.errors).sort()).toEqual(refused.sort())
          figures.refused++
          continue
        }
        expect(res.status).toBe(201)
        const { emails, phones, names, locations } = write
        expect(res.body).toMatchObject({ emails, phones, names, locations })
        const slots = (write.custom_fields ?? {}) as Record<string, SlotValue>
        expect(sameEcho(slots, res.body.custom_fields ?? {}, timeZone)).toEqual([])
        contacts.push({ id: res.body.id, write, slots: { ...slots } })
        figures.contacts++
      }
      if (contacts.length === 0) {
        expect((await api('GET', `/contacts?${RANGE}`)).body.data).toEqual([])
        return
      }
      const first = contacts[0] as Expected
      if (update !== null) {
        const res = await send('PUT', `/contacts/${first.id}`, update)
        const refused = refusedSlots(update.custom_fields)
        if (refused.length > 0) {
          expect(res.status).toBe(422)
          expect(Object.keys(res.body.errors).sort()).toEqual(refused.sort())
          figures.refused++
        } else {
          expect(res.status).toBe(200)
          const slots = update.custom_fields as Record<string, SlotValue>
          expect(sameEcho(slots, res.body.custom_fields, timeZone)).toEqual([])
          // Decision D25: a sent collection replaces the stored one; custom_fields replaces all 30 slots.
          first.write = { ...first.write, phones: update.phones }
          first.slots = { ...slots }
        }
      }
      await checkEverywhere(api, contacts, timeZone)

      // Space export, then import into another Space: the same contacts, new ids in the same order.
      const exported = (await control('GET', `/spaces/${space.id}/export`)).body
      const copy = (await control('POST', '/spaces', {})).body as { id: number, api_key: string }
      expect((await control('POST', `/spaces/${copy.id}/import`, exported)).status).toBe(200)
      const copied = (await control('GET', `/spaces/${copy.id}/export`)).body
      expect(copied.contacts).toEqual(exported.contacts)
      const copyApi = cometlyClient(t.app, copy.api_key)
      const ids = (await copyApi('GET', `/contacts?${RANGE}&per_page=5000`)).body.data.map((r: { id: number }) => r.id)
        .sort((a: number, b: number) => a - b)
      await checkEverywhere(copyApi, contacts.map((c, i) => ({ ...c, id: ids[i] as number })), timeZone)

      // Snapshot, then lose everything, then restore: the same contacts under the same ids.
      await control('POST', '/snapshots', { name: 'read-back' })
      await control('POST', `/spaces/${space.id}/reset`)
      expect((await api('GET', `/contacts/${first.id}`)).status).toBe(404)
      expect((await control('POST', '/snapshots/read-back/restore')).status).toBe(200)
      await checkEverywhere(api, contacts, timeZone)
      await control('DELETE', `/spaces/${copy.id}`)
      await control('DELETE', `/spaces/${space.id}`)
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true })
  }, 120_000)
})
