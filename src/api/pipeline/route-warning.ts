// A route may carry a warning of its own in X-Emulator-Warning on every answer, 401 included (the older
// POST /events says "legacy endpoint", Decision D52). Registered before authentication, so it runs first.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { warn } from '../../http/request-context.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Said in X-Emulator-Warning on every answer of the route. */
    warning?: string
  }
}

async function routeWarning (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const warning = request.routeOptions.config.warning
    if (warning !== undefined) warn(request, warning)
  })
}

export default fp(routeWarning, { name: 'cometly-route-warning' })
