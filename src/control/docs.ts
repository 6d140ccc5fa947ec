// The OpenAPI document at /_emulator/openapi.json and Swagger UI at /_emulator/docs.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { madeOnce } from '../http/made-once.js'

// Headers the outer reply sets for itself.
const HOP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date'])

export interface DocsOptions {
  /** Builds the instance whose @fastify/swagger holds the document of both surfaces (src/app.ts). */
  document: () => Promise<FastifyInstance>
}

/**
 * Swagger UI with its static files and YAML library costs about 65 ms of every start (a sixth of a cold
 * start), and most runs never open the page. So its routes live in a small Fastify instance of their own,
 * built on the first request to /docs and then answering in place of the outer routes.
 */
async function buildUi (documented: FastifyInstance, routePrefix: string): Promise<FastifyInstance> {
  const { default: swaggerUi } = await import('@fastify/swagger-ui')
  const ui = Fastify({ logger: false })
  // Swagger UI requires @fastify/swagger in its own instance: this stands in for it with the app's document.
  await ui.register(fp(async (instance) => { instance.decorate('swagger', documented.swagger.bind(documented)) },
    { name: '@fastify/swagger' }))
  await ui.register(swaggerUi, { routePrefix })
  await ui.ready()
  return ui
}

export default async function docs (app: FastifyInstance, { document }: DocsOptions): Promise<void> {
  // Both built on first use, once.
  const documented = madeOnce(document)
  const viewer = madeOnce(async () => await buildUi(await documented.get(), `${app.prefix}/docs`))
  app.addHook('onClose', async () => {
    const built = await Promise.allSettled([viewer.peek(), documented.peek()].filter((made) => made !== undefined))
    for (const made of built) if (made.status === 'fulfilled') await made.value.close()
  })

  app.get('/openapi.json', {
    schema: { summary: 'This OpenAPI 3.1 document: both surfaces', tags: ['Emulator'] }
  }, async () => (await documented.get()).swagger())

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const res = await (await viewer.get()).inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers
    })
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) reply.header(name, value)
    }
    return await reply.code(res.statusCode).send(res.rawPayload.length > 0 ? res.rawPayload : undefined)
  }
  app.get('/docs', { schema: { hide: true } }, serve)
  app.get('/docs/*', { schema: { hide: true } }, serve)
}
