// @ts-nocheck
// Deletes the rows of retired partitions off the request path: one small chunk at a time, yielding to the
// event loop between chunks so that requests keep flowing while 100,000 old contacts go.
import type { Log } from '../log.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { deletePartition, listPartitionedTables, listRetiredPartitions, purgeChunk } from '../../db/partitions.js'

export const PURGE_CHUNK_ROWS = 2000

export class Purger {
  readonly #db: Kysely<Database>
  readonly #log: Log | undefined
  #running: Promise<void> | null = null
  #again = false
  #stopped = false

  constructor (db: Kysely<Database>, log?: Log) {
    this.#db = db
    this.#log = log
  }

  /** Starts purging, or makes the running purge look again when it ends. */
  wake (): void {
    if (this.#stopped) return
    if (this.#running !== null) {
      this.#again = true
      return
    }
    this.#running = this.#loop().catch((err: unknown) => {
      this.#log?.error({ err }, 'purging retired partitions failed')
    }).finally(() => {
      this.#running = null
      if (this.#again) {
        this.#again = false
        this.wake()
      }
    })
  }

  /** Resolves when nothing is left to purge (or the purger stopped). */
  async idle (): Promise<void> {
    while (this.#running !== null) await this.#running
  }

  /** Stops after the chunk in progress; what is left is purged at the next start. */
  async stop (): Promise<void> {
    this.#stopped = true
    await this.#running
  }

  async #loop (): Promise<void> {
    const tables = await listPartitionedTables(this.#db)
    for (const partitionId of await listRetiredPartitions(this.#db)) {
      for (const table of tables) {
        while (!this.#stopped) {
          const deleted = await purgeChunk(this.#db, table, partitionId, PURGE_CHUNK_ROWS)
          await new Promise((resolve) => setImmediate(resolve))
          if (deleted < PURGE_CHUNK_ROWS) break
        }
      }
      if (this.#stopped) return
      await deletePartition(this.#db, partitionId)
    }
  }
}
