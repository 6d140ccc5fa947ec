// One OpenAPI 3.1 document of both surfaces (the Cometly API and the control plane), generated from the route
// schemas by @fastify/swagger. 3.1 because the schemas are JSON Schema 2020-12 in places (type arrays for
// Laravel's nullable fields), which 3.0 cannot say. Only the instance that documents (src/app.ts) registers
// it, and @fastify/swagger (with its YAML library) loads only then.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function openApi (app: FastifyInstance, { version }: { version: string }): Promise<void> {
  const { default: swagger } = await import('@fastify/swagger')
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cometly-emulator',
        version,
        description: 'Cometly\'s public REST API (/public-api/v1) as the emulator serves it, ' +
          'and the emulator\'s own control plane (/_emulator).'
      },
      tags: [
        { name: 'Contacts', description: 'Cometly: contacts' },
        { name: 'Companies', description: 'Cometly: companies' },
        { name: 'Events', description: 'Cometly: events' },
        { name: 'Emulator', description: 'Emulator: health' },
        { name: 'Spaces', description: 'Emulator: Spaces and API keys' },
        { name: 'State', description: 'Emulator: reset, seed, export and import' },
        { name: 'Snapshots', description: 'Emulator: named database snapshots' },
        { name: 'Journal', description: 'Emulator: request journal' },
        { name: 'Faults', description: 'Emulator: fault injection' },
        { name: 'Clock', description: 'Emulator: virtual clock' },
        { name: 'Event queue', description: 'Emulator: tracked events waiting to apply' }
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A Space\'s API key (Cometly surface).' },
          adminToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The admin token, when one is configured (control plane).'
          }
        }
      }
    },
    transform: ({ schema, url }) => {
      const guarded = url.startsWith('/_emulator/') && !url.startsWith('/_emulator/health')
      const security = url.startsWith('/public-api/') ? [{ apiKey: [] }] : guarded ? [{ adminToken: [] }] : undefined
      return { schema: { ...schema, ...(security !== undefined && { security }) } as typeof schema, url }
    }
  })
}

export default fp(openApi, { name: 'openapi' })
