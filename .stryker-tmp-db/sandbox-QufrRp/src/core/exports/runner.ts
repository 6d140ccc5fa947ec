// @ts-nocheck
// Export jobs run in the process, off the request path: a request inserts a pending job and hands it here,
// the work runs in the background and writes the file, or marks the job failed. A job still pending when the
// process stops is resumed at the next start (its work is written in one statement at the end, so a half-run
// job leaves nothing behind).
import type { Log } from '../log.js'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../../db/database.js'
import { type ExportJob, failExport, findExportById, finishExport, listPendingExports } from '../../db/exports.js'

export interface ExportOutput {
  file: Buffer
  rowCount: number
}

/** Does one resource's export; checks `signal` between batches so that a shutdown can stop it. */
export type ExportWork = (db: Kysely<Database>, job: ExportJob, signal: AbortSignal) => Promise<ExportOutput>

export interface ExportRunnerOptions {
  db: Kysely<Database>
  clock: Clock
  log: Log
  /** The text a failed job reports. */
  failureMessage: string
}

export class ExportRunner {
  readonly #options: ExportRunnerOptions
  readonly #works = new Map<string, ExportWork>()
  readonly #running = new Map<number, Promise<void>>()
  #abort = new AbortController()
  #started = false

  constructor (options: ExportRunnerOptions) {
    this.#options = options
  }

  /** Whether jobs run (between start and stop). */
  get started (): boolean {
    return this.#started
  }

  /** Says how a resource's exports are done; each resource registers once. */
  register (resource: string, work: ExportWork): void {
    this.#works.set(resource, work)
  }

  /** Resumes every job left pending by an earlier process; jobs enqueued from now on run at once. */
  async start (): Promise<void> {
    this.#abort = new AbortController()
    this.#started = true
    for (const job of await listPendingExports(this.#options.db)) this.enqueue(job.id)
  }

  /** Stops taking work and waits for running jobs to stop; unfinished ones stay pending for the next start. */
  async stop (): Promise<void> {
    this.#started = false
    this.#abort.abort()
    await this.idle()
  }

  enqueue (id: number): void {
    if (!this.#started || this.#running.has(id)) return
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => { await this.#run(id) })
      .finally(() => this.#running.delete(id))
    this.#running.set(id, run)
  }

  /** Resolves once no job is running; for tests and shutdown. */
  async idle (): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()])
  }

  async #run (id: number): Promise<void> {
    const { db, clock, log, failureMessage } = this.#options
    const signal = this.#abort.signal
    const job = await findExportById(db, id)
    if (job === undefined || job.state !== 'pending') return
    const work = this.#works.get(job.resource)
    try {
      if (work === undefined) throw new Error(`no export work for resource ${job.resource}`)
      const output = await work(db, job, signal)
      if (signal.aborted) return
      await finishExport(db, id, { ...output, finishedAt: clock.now(job.space_id) })
    } catch (error) {
      if (signal.aborted) return
      log.error({ err: error, exportId: id }, 'export failed')
      await failExport(db, id, failureMessage, clock.now(job.space_id)).catch((err: unknown) => {
        log.error({ err, exportId: id }, 'could not mark the export failed')
      })
    }
  }
}
