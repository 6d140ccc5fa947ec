// @ts-nocheck
// What every guarded control call goes through: the admin token (when one is configured), compared in
// constant time, and a JSON body parser that reads an empty body as {}.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { bearerKey } from '../wire/api-keys.js'
import { ControlError, CONTROL_MESSAGES } from '../wire/control-errors.js'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

async function guard (app: FastifyInstance,
  { adminToken, bodyLimit }: { adminToken: string, bodyLimit: number }): Promise<void> {
  app.removeAllContentTypeParsers()
  // Its own limit: a Space export imports back whatever its size, where Cometly's surface keeps Cometly's.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (request, text, done) => {
    const body = (text as string).trim()
    if (body === '') {
      done(null, {})
      return
    }
    try {
      done(null, JSON.parse(body))
    } catch (error) {
      done(new ControlError(400, `The body is not valid JSON: ${(error as Error).message}`), undefined)
    }
  })

  if (adminToken === '') return
  const expected = digest(adminToken)
  app.addHook('onRequest', async (request) => {
    const given = bearerKey(request.headers.authorization)
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new ControlError(401,
        CONTROL_MESSAGES.adminTokenRequired)
    }
  })
}

export default fp(guard, { name: 'control-guard' })
