// POST /public-api/v1/contacts (docs/contacts.md; Decisions D13 to D16).
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Database } from '../../db/database.js'
import { createContactRow, newContactRow } from '../../db/contacts.js'
import { warnUnknownFields } from '../../http/request-context.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import {
  CONTACT_FIELDS,
  type ContactDetail,
  ContactDetailSchema,
  type CreateContactBody,
  CreateContactBodySchema
} from './schemas.js'
import type { ApiOptions } from '../options.js'

export async function createContact (db: Kysely<Database>, partitionId: number, now: number,
  body: CreateContactBody, options: { groupCommit?: boolean } = {}): Promise<ContactDetail> {
  const emails = body.emails
  const phones = body.phones ?? []
  const names = body.names ?? []
  const locations = body.locations ?? []
  const customFields = body.custom_fields ?? undefined
  const contact = newContactRow(partitionId, { emails, phones, names, locations }, customFields, now)
  const items = { emails, phones, names, locations }
  const id = await createContactRow(db, contact, items, options)
  // Decision D14: the collections come back as sent; custom_fields only when sent, echoed as sent.
  return { id, emails, phones, names, locations, ...(customFields !== undefined && { custom_fields: customFields }) }
}

export default async function createContactRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().post('/contacts', {
    config: { endpoint: 'createContact', resource: 'contacts' },
    schema: {
      summary: 'Create a contact',
      tags: ['Contacts'],
      body: CreateContactBodySchema,
      response: { 201: ContactDetailSchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request, reply) => {
    warnUnknownFields(request, request.body, CONTACT_FIELDS)
    const contact = await createContact(emulator.db, request.space.partitionId, emulator.clock.now(request.space.id),
      request.body, { groupCommit: emulator.config.groupCommit })
    return await reply.code(201).send(contact)
  })
}
