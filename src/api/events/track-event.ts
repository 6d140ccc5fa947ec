// POST /public-api/v1/events/track (docs: create-event; Decisions D35 to D41).
import type { FastifyInstance } from 'fastify'
import type { ApiOptions } from '../options.js'
import { trackRoute } from './track.js'

export default async function trackEventRoutes (app: FastifyInstance, { emulator }: ApiOptions): Promise<void> {
  trackRoute(app, emulator, { url: '/events/track', endpoint: 'trackEvent', summary: 'Track an event', legacy: false })
}
