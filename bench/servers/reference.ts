// Baseline (b), "the ideal stack": what a careful engineer would hand-write for the same endpoints, with no
// framework of ours around it. Fastify, the emulator's body schema and validator, the same bearer-key auth
// (SHA-256, in-memory map), and raw better-sqlite3 prepared statements in one transaction per write, on the
// same database file and schema as the emulator (seeded by bench/lib/seed.ts). No rate limits, no logging.
import { createHash } from 'node:crypto'
import BetterSqlite3 from 'better-sqlite3'
import Fastify, { type FastifyError } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ContactDetailSchema, CreateContactBodySchema } from '../../src/api/contacts/schemas.js'
import { SLOT_NAMES } from '../../src/wire/custom-fields.js'
import { createValidatorCompiler } from '../../src/wire/validation.js'

const ITEM_TABLES = ['emails', 'phones', 'names', 'locations'] as const
const ITEM_LIMIT = 25

const sqlite = new BetterSqlite3(process.env.BENCH_DATABASE ?? ':memory:')
sqlite.pragma('journal_mode = WAL')
sqlite.pragma('synchronous = NORMAL')
sqlite.pragma('foreign_keys = ON')
sqlite.pragma('busy_timeout = 5000')
// The emulator's own settings (src/db/connection.ts), so that neither side has a pragma the other lacks.
sqlite.pragma('temp_store = MEMORY')

const partitions = new Map<string, number>()
const keyRows = sqlite.prepare(`select k.key_hash, s.partition_id from api_keys k join spaces s on s.id = k.space_id
  where k.revoked_at is null and s.subscription_active = 1`).all() as Array<{ key_hash: string, partition_id: number }>
for (const row of keyRows) partitions.set(row.key_hash, row.partition_id)

const insertContactRow = sqlite.prepare(
  `insert into contacts (partition_id, email, phone, name, location, created_at, updated_at)
  values (?, ?, ?, ?, ?, ?, ?)`)
const insertItem = Object.fromEntries(ITEM_TABLES.map((table) => [table,
  sqlite.prepare(`insert into ${table} (contact_id, position, value, created_at) values (?, ?, ?, ?)`)]))
const selectContact = sqlite.prepare('select * from contacts where id = ? and partition_id = ?')
const selectItems = Object.fromEntries(ITEM_TABLES.map((table) => [table,
  sqlite.prepare(`select value from ${table} where contact_id = ? ` +
    `order by created_at desc, position limit ${ITEM_LIMIT}`).pluck()]))
const selectPage = sqlite.prepare(`select id, email, name, phone, location from contacts
  where partition_id = ? and created_at >= ? and created_at <= ? and id < ? order by id desc limit ?`)

interface Items { emails: string[], phones: string[], names: string[], locations: string[] }

const createInTransaction = sqlite.transaction((partitionId: number, now: number, items: Items): number => {
  const id = Number(insertContactRow.run(partitionId, items.emails[0] ?? null, items.phones[0] ?? null,
    items.names[0] ?? null, items.locations[0] ?? null, now, now).lastInsertRowid)
  for (const table of ITEM_TABLES) {
    const statement = insertItem[table]!
    items[table].forEach((value, position) => statement.run(id, position, value, now))
  }
  return id
})

declare module 'fastify' {
  interface FastifyRequest { partitionId: number }
}

const app = Fastify({ logger: false })
app.setValidatorCompiler(createValidatorCompiler({ strict: false }))
app.decorateRequest('partitionId', 0)
app.setErrorHandler((error: FastifyError, _request, reply) => {
  const status = error.statusCode ?? 500
  reply.code(status).send({ message: status === 500 ? 'Server Error' : error.message })
})
app.addHook('onRequest', async (request, reply) => {
  const header = request.headers.authorization
  const key = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1]
  const partitionId = key === undefined
    ? undefined
    : partitions.get(createHash('sha256').update(key, 'utf8').digest('hex'))
  if (partitionId === undefined) return await reply.code(401).send({ message: 'Unauthenticated.' })
  request.partitionId = partitionId
})

const api = app.withTypeProvider<TypeBoxTypeProvider>()

api.post('/public-api/v1/contacts', {
  schema: { body: CreateContactBodySchema, response: { 201: ContactDetailSchema } }
}, async (request, reply) => {
  const body = request.body
  const items: Items = {
    emails: body.emails,
    phones: body.phones ?? [],
    names: body.names ?? [],
    locations: body.locations ?? []
  }
  const id = createInTransaction(request.partitionId, Date.now(), items)
  return await reply.code(201).send({ id, ...items })
})

api.get('/public-api/v1/contacts/:id', {
  schema: { params: Type.Object({ id: Type.Integer() }) }
}, async (request, reply) => {
  const row = selectContact.get(request.params.id, request.partitionId) as Record<string, unknown> | undefined
  if (row === undefined) return await reply.code(404).send({ message: 'Contact not found.' })
  const items = Object.fromEntries(ITEM_TABLES.map((table) => [table, selectItems[table]!.all(row.id)]))
  return {
    id: row.id,
    ...items,
    custom_fields: Object.fromEntries(SLOT_NAMES.map((slot) => [slot, row[slot] ?? null]))
  }
})

function parseUtc (text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`)
}

api.get('/public-api/v1/contacts', {
  schema: {
    querystring: Type.Object({
      start_date: Type.String(),
      end_date: Type.String(),
      per_page: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
      cursor: Type.Optional(Type.String())
    })
  }
}, async (request) => {
  const { start_date: startDate, end_date: endDate, per_page: perPage, cursor } = request.query
  const after = cursor === undefined
    ? Number.MAX_SAFE_INTEGER
    : (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { id: number }).id
  const rows = selectPage.all(
    request.partitionId, parseUtc(startDate), parseUtc(endDate), after, perPage + 1
  ) as Array<{ id: number }>
  const more = rows.length > perPage
  const data = more ? rows.slice(0, perPage) : rows
  const path = `http://${request.host}/public-api/v1/contacts`
  const pageUrl = (c: string | null): string | null => c === null
    ? null
    : `${path}?${new URLSearchParams({
      start_date: startDate,
      end_date: endDate,
      per_page: String(perPage),
      cursor: c
    }).toString()}`
  const encode = (id: number, next: boolean): string =>
    Buffer.from(JSON.stringify({ id, _pointsToNextItems: next })).toString('base64url')
  const nextCursor = more ? encode(data[data.length - 1]!.id, true) : null
  const prevCursor = cursor === undefined || data.length === 0 ? null : encode(data[0]!.id, false)
  return {
    data,
    path,
    per_page: perPage,
    next_cursor: nextCursor,
    next_page_url: pageUrl(nextCursor),
    prev_cursor: prevCursor,
    prev_page_url: pageUrl(prevCursor)
  }
})

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
