// PUT /public-api/v1/companies/{id} (docs: update-company; Decision D34): sparse; domain and/or name, each a
// string of at most 255 characters; the full company back. It never relinks contacts (Decision D32).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { SpaceState } from '../../core/spaces/registry.js'
import { findCompany, findCompanyByDomain, updateCompanyColumns } from '../../db/companies.js'
import type { Database } from '../../db/database.js'
import { warnUnknownFields } from '../../http/request-context.js'
import { MESSAGES, NotFoundError, ValidationError } from '../../wire/errors.js'
import { readPathId } from '../../wire/path-ids.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import { characterCount, RULE_MESSAGES } from '../../wire/validation.js'
import type { ApiOptions } from '../options.js'
import {
  COMPANY_FIELDS, CompanyIdParamsSchema, type CompanyObject, CompanyObjectSchema, type UpdateCompanyBody,
  UpdateCompanyBodySchema
} from './schemas.js'

const MAX_LENGTH = 255

/** Laravel's rules `required_without:<other>|string|max:255` on both fields, after ConvertEmptyStringsToNull. */
function readBody (body: UpdateCompanyBody): { domain?: string, name?: string } {
  const values: Record<string, unknown> = {}
  for (const field of COMPANY_FIELDS) {
    const value = (body as Record<string, unknown>)[field]
    if (field in body) values[field] = value === '' ? null : value
  }
  const empty = (field: string): boolean => values[field] === undefined || values[field] === null
  const errors: Record<string, string[]> = {}
  for (const field of COMPANY_FIELDS) {
    const other = COMPANY_FIELDS.find((f) => f !== field) as string
    const messages: string[] = []
    const value = values[field]
    // Laravel stops checking a field once a presence rule (required_without) has failed on it.
    if (empty(field) && empty(other)) {
      messages.push(RULE_MESSAGES.requiredWithout(other)(field))
    } else if (field in values && typeof value !== 'string') {
      messages.push(RULE_MESSAGES.string(field))
    } else if (typeof value === 'string' && characterCount(value) > MAX_LENGTH) {
      messages.push(RULE_MESSAGES.maxString(MAX_LENGTH)(field))
    }
    if (messages.length > 0) errors[field] = messages
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return values as { domain?: string, name?: string }
}

export async function updateCompany (db: Kysely<Database>, space: Pick<SpaceState, 'partitionId'>,
  id: number | undefined, now: number, body: UpdateCompanyBody): Promise<CompanyObject> {
  const changes = readBody(body)
  return await db.transaction().execute(async (trx) => {
    const company = id === undefined ? undefined : await findCompany(trx, space.partitionId, id)
    if (company === undefined) throw new NotFoundError(MESSAGES.companyNotFound)
    if (changes.domain !== undefined) {
      const holder = await findCompanyByDomain(trx, space.partitionId, changes.domain)
      if (holder !== undefined && holder.id !== company.id) {
        throw new ValidationError({ domain: [RULE_MESSAGES.unique('domain')] })
      }
    }
    await updateCompanyColumns(trx, space.partitionId, company.id, { ...changes, updated_at: now })
    return { id: company.id, domain: changes.domain ?? company.domain, name: changes.name ?? company.name }
  })
}

export default async function updateCompanyRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().put('/companies/:id', {
    config: { endpoint: 'updateCompany', resource: 'companies' },
    schema: {
      summary: 'Update a company',
      tags: ['Companies'],
      params: CompanyIdParamsSchema,
      body: UpdateCompanyBodySchema,
      response: { 200: CompanyObjectSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    warnUnknownFields(request, request.body, COMPANY_FIELDS)
    const id = readPathId(request.params.id, MESSAGES.invalidCompanyId)
    return await updateCompany(emulator.db, request.space, id, emulator.clock.now(request.space.id), request.body)
  })
}
