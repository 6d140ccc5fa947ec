// The OpenAPI document at /_emulator/openapi.json and Swagger UI at /_emulator/docs.
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export default async function docs (app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', {
    schema: { summary: 'This OpenAPI 3.1 document: both surfaces', tags: ['Emulator'] }
  }, async () => app.swagger())
  // The page's asset links are written from routePrefix alone; indexPrefix adds this plugin's own prefix.
  await app.register(swaggerUi, { routePrefix: '/docs', indexPrefix: app.prefix })
}
