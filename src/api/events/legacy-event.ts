// POST /public-api/v1/events, the older ingest that Pipedream's and Zapier's "Send Event" still call
// (Decision D52): as /events/track, except that ip needs no fingerprint; its own budget; always a warning.
import type { FastifyInstance } from 'fastify'
import type { ApiOptions } from '../options.js'
import { trackRoute } from './track.js'

export default async function legacyEventRoutes (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  trackRoute(app, emulator, {
    url: '/events',
    endpoint: 'legacyEvent',
    summary: 'Track an event (the older ingest; Decision D52)',
    legacy: true,
    warning: 'legacy endpoint'
  })
}
