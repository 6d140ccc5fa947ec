import type { FastifyInstance } from 'fastify'
import type { ApiOptions } from '../options.js'
import companyExportRoutes from './company-exports.js'
import getCompanyRoute from './get-company.js'
import listCompaniesRoute from './list-companies.js'
import updateCompanyRoute from './update-company.js'

// The companies resource (Decisions D32 to D34): every route registered with the core it serves.
export default async function companies (app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(listCompaniesRoute, options)
  await app.register(getCompanyRoute, options)
  await app.register(updateCompanyRoute, options)
  await app.register(companyExportRoutes, options)
}
