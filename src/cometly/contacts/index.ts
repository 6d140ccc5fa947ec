import type { FastifyInstance } from 'fastify'
import createContactRoute from './create-contact.js'

export default async function contacts (app: FastifyInstance): Promise<void> {
  await app.register(createContactRoute)
}
