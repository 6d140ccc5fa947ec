import type { FastifyInstance } from 'fastify'
import contactExportRoutes from './contact-exports.js'
import createContactRoute from './create-contact.js'
import getContactRoute from './get-contact.js'
import listContactsRoute from './list-contacts.js'
import updateContactRoute from './update-contact.js'

export default async function contacts (app: FastifyInstance): Promise<void> {
  await app.register(createContactRoute)
  await app.register(listContactsRoute)
  await app.register(getContactRoute)
  await app.register(updateContactRoute)
  await app.register(contactExportRoutes)
}
