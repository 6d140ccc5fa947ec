// The one reset mechanism: a Space gets a new, empty partition in one short transaction (the old one is
// purged in the background), and everything the emulator holds in memory for it is dropped. Resetting
// everything does that for every Space, so it costs milliseconds whatever is stored.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { swapPartition } from '../db/partitions.js'
import { findSpaceById, listSpaces } from '../db/spaces.js'
import { CONTROL_MESSAGES, notFound } from '../wire/control-errors.js'
import { CONTROL_ERRORS, ErrorSchema, SpaceIdParamsSchema } from './schemas.js'
import { forgetSpace } from './spaces.js'

const ResetResultSchema = Type.Object({ reset: Type.Array(Type.Integer(), { description: 'The Spaces that were emptied.' }) })

export async function resetSpace (app: FastifyInstance, spaceId: number): Promise<void> {
  if (await findSpaceById(app.db, spaceId) === undefined) throw notFound(CONTROL_MESSAGES.spaceNotFound(spaceId))
  const now = app.clock.now()
  await app.db.transaction().execute(async (trx) => { await swapPartition(trx, spaceId, now) })
  await app.spaces.reload()
  forgetSpace(app, spaceId)
  app.emulator.purger.wake()
}

/** Empties every Space (Spaces and keys stay), and clears journals, faults, rate-limit windows and the clock. */
export async function resetAll (app: FastifyInstance): Promise<number[]> {
  const now = app.clock.now()
  const ids = await app.db.transaction().execute(async (trx) => {
    const spaces = await listSpaces(trx)
    for (const space of spaces) await swapPartition(trx, space.id, now)
    return spaces.map((space) => space.id)
  })
  await app.spaces.reload()
  const { journal, faults, windows, clock, purger } = app.emulator
  journal.clear()
  faults.clear()
  windows.clear()
  clock.reset()
  purger.wake()
  return ids
}

export default async function resetRoutes (app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post('/reset', {
    schema: {
      summary: 'Reset everything: empty every Space, clear journals, faults, rate-limit windows and the virtual clock',
      tags: ['State'],
      response: { 200: ResetResultSchema, ...CONTROL_ERRORS }
    }
  }, async () => ({ reset: await resetAll(app) }))

  r.post('/spaces/:spaceId/reset', {
    schema: {
      summary: 'Reset one Space: its data, journal, faults, rate-limit windows and clock',
      tags: ['State'],
      params: SpaceIdParamsSchema,
      response: { 200: ResetResultSchema, 404: ErrorSchema, ...CONTROL_ERRORS }
    }
  }, async (request) => {
    await resetSpace(app, request.params.spaceId)
    return { reset: [request.params.spaceId] }
  })
}
