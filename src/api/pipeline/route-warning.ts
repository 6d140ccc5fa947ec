// A route may carry a warning of its own in X-Emulator-Warning on every answer, 401 included (the older
// POST /events says "legacy endpoint", Decision D52). Registered before authentication, so it runs first.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { routeOf, warn } from '../../http/request-context.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Said in X-Emulator-Warning on every answer of the route. */
    warning?: string
  }
}

async function routeWarning (app: FastifyInstance): Promise<void> {
  // A callback hook: no promise per request (docs/performance.md, "Get by id").
  app.addHook('onRequest', (request, _reply, done) => {
    const warning = routeOf(request).config.warning
    if (warning !== undefined) warn(request, warning)
    done()
  })
}

export default fp(routeWarning, { name: 'cometly-route-warning' })
