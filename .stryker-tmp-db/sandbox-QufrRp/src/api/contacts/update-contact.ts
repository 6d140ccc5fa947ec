// @ts-nocheck
// PUT /public-api/v1/contacts/{id} (Decision D25): sparse; each collection that is sent
// replaces the stored one, custom_fields replaces all 30 slots.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { type ContactUpdate, replaceItems, slotColumns, updateContactColumns } from '../../db/contacts.js'
import { type Database, ITEM_TABLES, PRIMARY_COLUMN } from '../../db/database.js'
import { warnUnknownFields } from '../../http/request-context.js'
import { SLOT_NAMES } from '../../wire/custom-fields.js'
import { MESSAGES, NotFoundError, ValidationError } from '../../wire/errors.js'
import { AUTHENTICATED_ERRORS, ErrorBodySchema } from '../../wire/schemas.js'
import { displayName, RULE_MESSAGES } from '../../wire/validation.js'
import {
  CONTACT_FIELDS,
  ContactIdParamsSchema,
  type UpdateContactBody,
  UpdateContactBodySchema,
  type UpdatedContact,
  UpdatedContactSchema
} from './schemas.js'
import type { ApiOptions } from '../options.js'

/** Laravel's required_without_all on each field: a body that sends none of them names all of them. */
function nothingToUpdate (): ValidationError {
  const errors: Record<string, string[]> = {}
  for (const field of CONTACT_FIELDS) {
    const others = CONTACT_FIELDS.filter((f) => f !== field).map((f) => displayName([f]))
    errors[field] = [RULE_MESSAGES.requiredWithoutAll(others)(displayName([field]))]
  }
  return new ValidationError(errors)
}

export async function updateContact (db: Kysely<Database>, partitionId: number, id: number, now: number,
  body: UpdateContactBody): Promise<UpdatedContact> {
  // Decision D25: a field is "sent" when its key is in the body, so {"phones": []} alone is a valid update.
  const sent = CONTACT_FIELDS.filter((field) => field in body)
  if (sent.length === 0) throw nothingToUpdate()
  const collections = ITEM_TABLES.filter((table) => table in body)
    .map((table) => [table, (body[table] ?? []) as string[]] as const)
  const columns: ContactUpdate = { updated_at: now }
  for (const [table, values] of collections) columns[PRIMARY_COLUMN[table]] = values[0] ?? null
  const customFields = 'custom_fields' in body ? body.custom_fields ?? {} : undefined
  if (customFields !== undefined) {
    Object.assign(columns, Object.fromEntries(SLOT_NAMES.map((name) => [name, null])), slotColumns(customFields))
  }
  const found = await db.transaction().execute(async (trx) => {
    if (!await updateContactColumns(trx, partitionId, id, columns)) return false
    for (const [table, values] of collections) await replaceItems(trx, id, table, values, now)
    return true
  })
  if (!found) throw new NotFoundError(MESSAGES.contactNotFound)
  return {
    id,
    ...Object.fromEntries(collections),
    ...(customFields !== undefined && { custom_fields: customFields })
  }
}

export default async function updateContactRoute (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().put('/contacts/:id', {
    config: { endpoint: 'updateContact', resource: 'contacts' },
    schema: {
      summary: 'Update a contact',
      tags: ['Contacts'],
      params: ContactIdParamsSchema,
      body: UpdateContactBodySchema,
      response: { 200: UpdatedContactSchema, 404: ErrorBodySchema, ...AUTHENTICATED_ERRORS }
    }
  }, async (request) => {
    warnUnknownFields(request, request.body, CONTACT_FIELDS)
    return await updateContact(emulator.db, request.space.partitionId, request.params.id,
      emulator.clock.now(request.space.id), request.body)
  })
}
