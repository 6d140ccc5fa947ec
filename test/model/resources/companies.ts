// Companies (Decisions D32 to D34): there is no create route; contacts make them (./contacts.ts) and tracked
// events too (./events.ts). Here: list through every page (with or without a range), get (another Space's is a
// 404), update (sparse; a domain another company holds, in any case, is a 422; a PUT never relinks a contact),
// and the export file.
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { expect } from 'vitest'
import {
  api, type Command, type CompanyModel, liveKey, type Model, pick, type Real, type Resource, type SpaceModel
} from '../model.js'
import { range, spaceWithKey, spanArbitrary } from './contacts.js'

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** Newest first: creation second, then id (Decision D33). */
function listOrder (companies: CompanyModel[]): CompanyModel[] {
  return [...companies].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
}

class ListCompanies implements Command {
  constructor (readonly index: number, readonly perPage: number, readonly ranged: boolean, readonly back: number,
    readonly ahead: number) {}

  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const { query, inRange } = range(m, space, this.back, this.ahead)
    const expected = listOrder(space.companies.filter((c) => !this.ranged || inRange(c)))
    const seen: any[] = []
    let cursor = ''
    for (let page = 0; page < 50; page++) {
      const res = await api(m, r, space, liveKey(space) as never, 'GET',
        `/companies?per_page=${this.perPage}${this.ranged ? `&${query}` : ''}${cursor}`)
      if (res.faulted) return
      expect(res.status).toBe(200)
      seen.push(...res.body.data)
      if (res.body.next_cursor === null) break
      cursor = `&cursor=${res.body.next_cursor as string}`
    }
    expect(seen).toEqual(expected.map((c) => ({ id: c.id, domain: c.domain })))
  }

  toString (): string {
    const { perPage, ranged, back, ahead } = this
    return `listCompanies #${this.index} ${JSON.stringify({ perPage, ranged, back, ahead })}`
  }
}

class GetCompany implements Command {
  constructor (readonly index: number, readonly companyIndex: number, readonly other: boolean) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const others = m.spaces.filter((s) => s !== space).flatMap((s) => s.companies)
    const company = this.other ? undefined : pick(space.companies, this.companyIndex)
    const id = company?.id ?? pick(others, this.companyIndex)?.id ?? 999_999_999
    const res = await api(m, r, space, liveKey(space) as never, 'GET', `/companies/${id}`)
    if (res.faulted) return
    if (company === undefined) {
      expect(res).toMatchObject({ status: 404, body: { message: 'Company not found' } })
      return
    }
    expect(res).toMatchObject({ status: 200, body: { id: company.id, domain: company.domain, name: company.name } })
  }

  toString (): string {
    return `getCompany #${this.index} company #${this.companyIndex}${this.other ? ' (another Space\'s)' : ''}`
  }
}

type Field = string | null | undefined

class UpdateCompany implements Command {
  constructor (readonly index: number, readonly companyIndex: number, readonly domain: Field, readonly name: Field) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const company = pick(space.companies, this.companyIndex)
    const body = {
      ...(this.domain !== undefined && { domain: this.domain }),
      ...(this.name !== undefined && { name: this.name })
    }
    const res = await api(m, r, space, liveKey(space) as never, 'PUT', `/companies/${company?.id ?? 999_999_999}`,
      JSON.stringify(body))
    if (res.faulted) return
    // Decision D34: an empty string is absent; at least one of the two; each a string of at most 255.
    const value = (v: Field): Field => v === '' ? null : v
    const [domain, name] = [value(this.domain), value(this.name)]
    const blank = (v: Field): boolean => v === undefined || v === null
    const invalid = (blank(domain) && blank(name)) || domain === null || name === null ||
      (domain?.length ?? 0) > 255 || (name?.length ?? 0) > 255
    if (invalid) {
      expect(res.status).toBe(422)
      return
    }
    if (company === undefined) {
      expect(res).toMatchObject({ status: 404, body: { message: 'Company not found' } })
      return
    }
    const taken = domain !== undefined &&
      space.companies.some((c) => c !== company && c.domain.toLowerCase() === domain.toLowerCase())
    if (taken) {
      expect(res).toMatchObject({ status: 422, body: { errors: { domain: ['The domain has already been taken.'] } } })
      return
    }
    if (domain !== undefined) company.domain = domain
    if (name !== undefined) company.name = name
    expect(res).toMatchObject({ status: 200, body: { id: company.id, domain: company.domain, name: company.name } })
  }

  toString (): string {
    const body = JSON.stringify({ domain: this.domain, name: this.name }).slice(0, 120)
    return `updateCompany #${this.index} company #${this.companyIndex} ${body}`
  }
}

class ExportCompanies implements Command {
  constructor (readonly index: number, readonly back: number, readonly ahead: number) {}
  check (m: Model): boolean { return m.spaces.some((s) => liveKey(s) !== undefined) }
  async run (m: Model, r: Real): Promise<void> {
    const space = spaceWithKey(m, this.index) as SpaceModel
    const { body, inRange } = range(m, space, this.back, this.ahead)
    const queued = await api(m, r, space, liveKey(space) as never, 'POST', '/companies/exports', JSON.stringify(body))
    if (queued.faulted) return
    expect(queued.status).toBe(202)
    await r.t.app.emulator.exports.idle()
    const status = await api(m, r, space, liveKey(space) as never, 'GET',
      `/companies/exports/${queued.body.export_id as number}`)
    if (status.faulted) return
    expect(status.body.status).toBe('completed')
    const file = await r.t.app.inject({ method: 'GET', url: new URL(status.body.download_url as string).pathname })
    const lines = gunzipSync(file.rawPayload).toString('utf8').split('\n').filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown)
    expect(lines).toEqual(listOrder(space.companies.filter(inRange))
      .map((c) => ({ id: c.id, domain: c.domain, created_at: iso(c.createdAt) })))
  }

  toString (): string { return `exportCompanies #${this.index} back ${this.back} ahead ${this.ahead}` }
}

const DOMAINS = ['acme.example', 'ACME.Example', 'beta.example', 'new.example', 'd'.repeat(255), 'd'.repeat(256)]
const NAMES = ['Acme', 'Émile & Co', 'n'.repeat(255), 'n'.repeat(256)]
const fieldArbitrary = (values: string[]): fc.Arbitrary<Field> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...values) },
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(null, '') }
)

export const companies: Resource = {
  name: 'companies',
  commands: () => [
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.boolean(), spanArbitrary, spanArbitrary)
      .map(([i, perPage, ranged, back, ahead]) => new ListCompanies(i, perPage, ranged, back, ahead)),
    fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, c, other]) => new GetCompany(i, c, other)),
    fc.tuple(fc.nat(), fc.nat(), fieldArbitrary(DOMAINS), fieldArbitrary(NAMES))
      .map(([i, c, domain, name]) => new UpdateCompany(i, c, domain, name)),
    fc.tuple(fc.nat(), spanArbitrary, spanArbitrary).map(([i, back, ahead]) => new ExportCompanies(i, back, ahead))
  ]
}
