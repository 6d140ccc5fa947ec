// Tracked events are asynchronous, as Cometly's are (Decision D37): a 202 puts the event in a durable queue, and
// it takes effect when the emulator's clock reaches its acceptance time plus the configured delay. Each Space's
// events apply in arrival order, each in one transaction with its removal from the queue, so a crash loses
// none and applies none twice. Events still queued at shutdown are applied after the next start.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import {
  acceptIdempotencyKey, deleteQueuedEvent, enqueueEvent, listQueuedEvents, listQueuedPartitions
} from '../../db/events.js'
import type { TrackedEvent } from '../../wire/track-event.js'
import type { VirtualClock } from '../clock.js'
import type { Log } from '../log.js'
import type { SpaceRegistry } from '../spaces/registry.js'
import { applyEvent } from './apply.js'

/** Decision D40: a key the Space accepted less than this long ago makes a request a no-op. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000

const BATCH = 200
/** How often, in real time, a queue that is not due yet is looked at again (a frozen clock never gets there). */
const MAX_WAIT_MS = 1000

export interface EventProcessorDeps {
  db: Kysely<Database>
  clock: VirtualClock
  registry: SpaceRegistry
  log: Log
  delayMs: number
}

export class EventProcessor {
  readonly #deps: EventProcessorDeps
  #running: Promise<number> | null = null
  #again = false
  #timer: NodeJS.Timeout | null = null
  #started = false

  constructor (deps: EventProcessorDeps) {
    this.#deps = deps
    deps.clock.onChange(() => { this.wake() })
  }

  /**
   * Accepts an event for a Space: records its idempotency key and queues it in one transaction. Answers false
   * when the key was accepted within the last 24 hours: the request is then a no-op (Decision D40). With no
   * delay, the event is applied before this returns (so before the 202 is written).
   */
  async accept (spaceId: number, partitionId: number, event: TrackedEvent, now: number): Promise<boolean> {
    const { db, delayMs } = this.#deps
    const queued = await db.transaction().execute(async (trx) => {
      if (event.idempotency_key !== undefined &&
        !await acceptIdempotencyKey(trx, partitionId, event.idempotency_key, now, IDEMPOTENCY_TTL_MS)) return false
      await enqueueEvent(trx, {
        space_id: spaceId,
        partition_id: partitionId,
        payload: JSON.stringify(event),
        accepted_at: now,
        due_at: now + delayMs
      })
      return true
    })
    if (queued && delayMs === 0) await this.run(false)
    else if (queued) this.wake()
    return queued
  }

  /** Starts applying: events an earlier process left queued are applied once due. */
  start (): void {
    this.#started = true
    this.wake()
  }

  /** Stops taking work and waits for the pass under way; what is queued stays queued. */
  async stop (): Promise<void> {
    this.#started = false
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    await this.#running?.catch(() => 0)
  }

  /** Looks at the queue again soon (after the pass under way). */
  wake (): void {
    if (!this.#started) return
    if (this.#running !== null) {
      this.#again = true
      return
    }
    this.run(false).catch((err: unknown) => { this.#deps.log.error({ err }, 'applying tracked events failed') })
  }

  /**
   * One pass over the queue: applies every due event (or, with `all`, every event, whatever its delay; the
   * control plane's drain) and answers how many were applied. Passes never overlap.
   */
  async run (all: boolean, spaceId?: number): Promise<number> {
    while (this.#running !== null) await this.#running.catch(() => 0)
    this.#running = this.#pass(all, spaceId)
    try {
      return await this.#running
    } finally {
      this.#running = null
      if (this.#again) {
        this.#again = false
        this.wake()
      }
    }
  }

  async #pass (all: boolean, onlySpace?: number): Promise<number> {
    const { db, clock, registry, log } = this.#deps
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    let applied = 0
    let nextDue = Infinity
    for (const queue of await listQueuedPartitions(db)) {
      if (onlySpace !== undefined && queue.space_id !== onlySpace) continue
      const space = registry.space(queue.space_id)
      // A reset or delete retired this partition: its queue goes with it, unapplied.
      if (space === undefined || space.partitionId !== queue.partition_id) continue
      for (;;) {
        const now = clock.now(space.id)
        const due = (await listQueuedEvents(db, queue.partition_id, BATCH)).filter((row) => all || row.due_at <= now)
        for (const row of due) {
          await db.transaction().execute(async (trx) => {
            const event = JSON.parse(row.payload) as TrackedEvent
            if (!await applyEvent(trx, space, event, row.accepted_at, clock.now(space.id))) {
              log.debug({ spaceId: space.id, orderId: event.order_id }, 'tracked event dropped as a duplicate order')
            }
            await deleteQueuedEvent(trx, row.id)
          })
          applied++
        }
        if (due.length < BATCH) break
      }
      const rest = await listQueuedEvents(db, queue.partition_id, 1)
      if (rest[0] !== undefined) nextDue = Math.min(nextDue, rest[0].due_at - clock.now(space.id))
    }
    if (this.#started && Number.isFinite(nextDue)) {
      this.#timer = setTimeout(() => { this.wake() }, Math.max(10, Math.min(MAX_WAIT_MS, nextDue)))
      this.#timer.unref()
    }
    return applied
  }
}
