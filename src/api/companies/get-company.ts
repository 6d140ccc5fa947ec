// GET /public-api/v1/companies/{id} (docs: get-company): the company itself, not wrapped.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { findCompany } from '../../db/companies.js'
import { MESSAGES, NotFoundError } from '../../wire/errors.js'
import { readPathId } from '../../wire/path-ids.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import type { ApiOptions } from '../options.js'
import { CompanyIdParamsSchema, CompanyObjectSchema } from './schemas.js'

export default async function getCompanyRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/companies/:id', {
    config: { endpoint: 'getCompany', resource: 'companies' },
    schema: {
      summary: 'Get a company',
      tags: ['Companies'],
      params: CompanyIdParamsSchema,
      response: { 200: CompanyObjectSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    const id = readPathId(request.params.id, MESSAGES.invalidCompanyId)
    const company = id === undefined ? undefined : await findCompany(emulator.db, request.space.partitionId, id)
    if (company === undefined) throw new NotFoundError(MESSAGES.companyNotFound)
    return { id: company.id, domain: company.domain, name: company.name }
  })
}
