// The served app's part of the control plane: the health route, answered in place (container healthchecks
// probe it from the first second), and one catch-all route that hands every other /_emulator request to the
// control plane's own instance (src/app.ts), built on the first such request. The hand-over happens in the
// catch-all's onRequest hook, before this app reads the body: the raw request and response go to the other
// instance's router as they came, so its parsers, hooks, log line, 404s and 405s are the only ones that run.
import type { FastifyInstance } from 'fastify'
import health from './health.js'

export interface ForwardOptions {
  version: string
  /** The control plane's instance, built on the first call (src/app.ts, which also closes it); null when the
   * control plane is off. */
  instance: (() => Promise<FastifyInstance>) | null
}

export default async function forwardControlPlane (app: FastifyInstance,
  { version, instance }: ForwardOptions): Promise<void> {
  await app.register(health, { version })
  if (instance === null) return
  app.all('/*', {
    schema: { hide: true },
    // The control plane's instance writes the request's log line; this app's would be a second one.
    logLevel: 'silent',
    onRequest: (request, reply, done) => {
      reply.hijack()
      instance().then((control) => { control.routing(request.raw, reply.raw) }, (error: unknown) => {
        // Not expected (the instance registers only this project's plugins), but never a hung request.
        app.log.error({ err: error }, 'the control plane could not be built')
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' })
        reply.raw.end(JSON.stringify({ message: 'The emulator\'s control plane could not start.' }))
      })
      done()
    }
  }, () => {})
}
