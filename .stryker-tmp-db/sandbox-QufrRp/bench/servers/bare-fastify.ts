// @ts-nocheck
// Baseline (a): Fastify with the emulator's create-contact body schema and validator, and nothing else:
// no auth, no database, a fixed 201. The ceiling for any Fastify + TypeBox route on this machine.
import Fastify from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ContactDetailSchema, CreateContactBodySchema } from '../../src/api/contacts/schemas.js'
import { createValidatorCompiler } from '../../src/wire/validation.js'

const FIXED = { id: 1, emails: ['a@example.com'], phones: [], names: [], locations: [] }

const app = Fastify({ logger: false })
app.setValidatorCompiler(createValidatorCompiler({ strict: false }))
app.withTypeProvider<TypeBoxTypeProvider>().post('/public-api/v1/contacts', {
  schema: { body: CreateContactBodySchema, response: { 201: ContactDetailSchema } }
}, async (_request, reply) => await reply.code(201).send(FIXED))

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
