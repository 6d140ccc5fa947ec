// @ts-nocheck
import type { FastifyInstance } from 'fastify'
import type { ApiOptions } from '../options.js'
import contactExportRoutes from './contact-exports.js'
import createContactRoute from './create-contact.js'
import getContactRoute from './get-contact.js'
import listContactsRoute from './list-contacts.js'
import updateContactRoute from './update-contact.js'

// The contacts resource: every route registered with the core it serves.
export default async function contacts (app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(createContactRoute, options)
  await app.register(listContactsRoute, options)
  await app.register(getContactRoute, options)
  await app.register(updateContactRoute, options)
  await app.register(contactExportRoutes, options)
}
