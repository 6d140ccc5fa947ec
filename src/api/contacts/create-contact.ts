// POST /public-api/v1/contacts (shared/contract/cometly-api.md §4).
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Database, NewContact } from '../../db/database.js'
import { rawConnectionOf } from '../../db/connection.js'
import { insertContact, insertContactNow } from '../../db/contacts.js'
import { warnUnknownFields } from '../../http/request-context.js'
import { findSlot, toStoredSlotValue } from '../../wire/custom-fields.js'
import { AUTHENTICATED_ERRORS } from '../../wire/schemas.js'
import { CONTACT_FIELDS, type ContactDetail, ContactDetailSchema, type CreateContactBody, CreateContactBodySchema } from './schemas.js'

/** The slot columns of a validated `custom_fields` object, in their stored form. */
export function slotColumns (customFields: Record<string, unknown>): Partial<NewContact> {
  const columns: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(customFields)) {
    const slot = findSlot(name)
    if (slot !== undefined) columns[name] = toStoredSlotValue(slot, value)
  }
  return columns as Partial<NewContact>
}

export interface ContactCollections {
  emails: readonly string[]
  phones: readonly string[]
  names: readonly string[]
  locations: readonly string[]
}

/** A new contact row: the first item of each collection is its primary value (contract §4). */
export function newContactRow (partitionId: number, { emails, phones, names, locations }: ContactCollections,
  customFields: Record<string, unknown> | undefined, createdAt: number): NewContact {
  return {
    partition_id: partitionId,
    email: emails[0] ?? null,
    phone: phones[0] ?? null,
    name: names[0] ?? null,
    location: locations[0] ?? null,
    ...(customFields !== undefined && slotColumns(customFields)),
    created_at: createdAt,
    updated_at: createdAt
  }
}

export async function createContact (db: Kysely<Database>, partitionId: number, now: number, body: CreateContactBody): Promise<ContactDetail> {
  const emails = body.emails
  const phones = body.phones ?? []
  const names = body.names ?? []
  const locations = body.locations ?? []
  const customFields = body.custom_fields ?? undefined
  const contact = newContactRow(partitionId, { emails, phones, names, locations }, customFields, now)
  const items = { emails, phones, names, locations }
  const raw = rawConnectionOf(db)
  const id = (raw === undefined ? undefined : insertContactNow(db, raw, contact, items)) ??
    await db.transaction().execute((trx) => insertContact(trx, contact, items))
  // Decision: the collections come back as sent; custom_fields only when sent, echoed as sent.
  return { id, emails, phones, names, locations, ...(customFields !== undefined && { custom_fields: customFields }) }
}

export default async function createContactRoute (app: FastifyInstance): Promise<void> {
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
    const contact = await createContact(app.db, request.space.partitionId, app.clock.now(request.space.id), request.body)
    return await reply.code(201).send(contact)
  })
}
