// POST /public-api/v1/contacts (docs/contacts.md; Decisions D13 to D16).
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Database } from '../../db/database.js'
import { createContactRow, newContactRow } from '../../db/contacts.js'
import type { SpaceState } from '../../core/spaces/registry.js'
import { warnUnknownFields } from '../../http/request-context.js'
import { companyDomainOf } from '../../wire/company-domains.js'
import { echoCustomFields, rejectUnstorableDates } from './render.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import {
  CONTACT_FIELDS,
  type ContactDetail,
  ContactDetailSchema,
  type CreateContactBody,
  CreateContactBodySchema
} from './schemas.js'
import type { ApiOptions } from '../options.js'

export async function createContact (db: Kysely<Database>, space: Pick<SpaceState, 'partitionId' | 'timeZone'>,
  now: number, body: CreateContactBody, options: { groupCommit?: boolean } = {}): Promise<ContactDetail> {
  const emails = body.emails
  const phones = body.phones ?? []
  const names = body.names ?? []
  const locations = body.locations ?? []
  const customFields = body.custom_fields ?? undefined
  rejectUnstorableDates(customFields, space.timeZone)
  const contact = newContactRow(space.partitionId, { emails, phones, names, locations }, customFields, now,
    space.timeZone)
  const items = { emails, phones, names, locations }
  // Decision D32: a business primary email links the contact to its domain's company.
  const id = await createContactRow(db, contact, items, { ...options, companyDomain: companyDomainOf(emails[0]) })
  // Decision D14: the collections come back as sent; custom_fields only when sent, in the form of Decision D16.
  return {
    id,
    emails,
    phones,
    names,
    locations,
    ...(customFields !== undefined && {
      custom_fields: echoCustomFields(customFields, contact as Record<string, unknown>, space.timeZone)
    })
  }
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
    const contact = await createContact(emulator.db, request.space, emulator.clock.now(request.space.id),
      request.body, { groupCommit: emulator.config.groupCommit })
    return await reply.code(201).send(contact)
  })
}
