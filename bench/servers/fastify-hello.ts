// Baseline for start-up: Fastify's hello world, one route and nothing else (no schema, no validator, no logger),
// answering a fixed 201. What any Fastify server pays to load and start on this machine.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.post('/public-api/v1/contacts', async (_request, reply) => await reply.code(201).send({ id: 1 }))

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
