// The inspector at /_emulator/ui: one HTML page and its two hashed files. The page holds no data; everything it
// shows comes from the guarded control routes, with the admin token the page asks for. So the page itself is
// served without the token, like the API docs, and exists only while the control plane does.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { madeOnce } from '../../http/made-once.js'
import { ApiError, MESSAGES } from '../../wire/errors.js'
import { type Asset, type InspectorAssets, loadInspectorAssets } from './assets.js'
import { inspectorPage } from './page.js'

const IMMUTABLE = 'public, max-age=31536000, immutable'
// Nothing from elsewhere: no CDN, no font, no frame; the page talks only to this emulator.
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

function acceptsGzip (request: FastifyRequest): boolean {
  return /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
}

async function sendAsset (request: FastifyRequest, reply: FastifyReply, asset: Asset, cache: string) {
  const gzip = acceptsGzip(request)
  reply.header('content-type', asset.type).header('cache-control', cache).header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
  if (gzip) reply.header('content-encoding', 'gzip')
  return await reply.send(gzip ? asset.gzip : asset.body)
}

export default async function inspector (app: FastifyInstance): Promise<void> {
  // A failed load (a build missing its files) is tried again on the next request, not kept.
  const load = madeOnce(loadInspectorAssets).get
  const base = `${app.prefix}/ui`

  let page: { for: InspectorAssets, asset: Asset } | undefined
  app.get('/ui', { schema: { hide: true } }, async (request, reply) => {
    const loaded = await load()
    if (page?.for !== loaded) {
      const { scriptName, styleName } = loaded
      const html = inspectorPage({ script: `${base}/assets/${scriptName}`, style: `${base}/assets/${styleName}` })
      page = { for: loaded, asset: { type: 'text/html; charset=utf-8', ...html } }
    }
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
    // no-cache: the page names the current hashed files, so a browser must ask again after an upgrade.
    return await sendAsset(request, reply, page.asset, 'no-cache')
  })

  app.get<{ Params: { file: string } }>('/ui/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = (await load()).files.get(request.params.file)
    // An old hash (a page cached before a rebuild) is a 404 like any unknown path; the page is never cached.
    if (file === undefined) throw new ApiError(404, MESSAGES.routeNotFound(request.url.slice(1).split('?', 1)[0] ?? ''))
    return await sendAsset(request, reply, file, IMMUTABLE)
  })
}
