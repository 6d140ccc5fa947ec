import type { FastifyInstance } from 'fastify'
import type { ApiOptions } from '../options.js'
import eventExportRoutes from './event-exports.js'
import getEventRoute from './get-event.js'
import legacyEventRoute from './legacy-event.js'
import listEventsRoute from './list-events.js'
import trackEventRoute from './track-event.js'

// The events resource (Decisions D35 to D52): tracking (track, and the older POST /events), then reading (list,
// get, exports). Every route is registered with the core it serves.
export default async function events (app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(trackEventRoute, options)
  await app.register(legacyEventRoute, options)
  await app.register(listEventsRoute, options)
  await app.register(getEventRoute, options)
  await app.register(eventExportRoutes, options)
}
