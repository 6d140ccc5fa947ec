// Export jobs and their download links (migration 0003).
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database, ExportLinksTable, ExportsTable } from './database.js'
import { nextId } from './spaces.js'

/** A job without its file: what status requests and the runner read. */
export type ExportJob = Omit<Selectable<ExportsTable>, 'file'>
export type NewExportJob = Omit<Insertable<ExportsTable>,
  'id' | 'state' | 'message' | 'file' | 'row_count' | 'finished_at'>
export type ExportLink = Selectable<ExportLinksTable>

const JOB_COLUMNS = ['id', 'space_id', 'partition_id', 'resource', 'params', 'max_row_id', 'state', 'message',
  'row_count', 'created_at', 'finished_at'] as const

/** A new job, under an id never handed out before (migration 0011). Run it in a transaction. */
export async function insertExport (db: Kysely<Database>, job: NewExportJob): Promise<number> {
  const id = await nextId(db, 'exports')
  await db.insertInto('exports').values({ ...job, id, state: 'pending' }).execute()
  return id
}

/** A job of one partition and resource; undefined when that partition has no such job. */
export async function findExport (db: Kysely<Database>, partitionId: number, resource: string,
  id: number): Promise<ExportJob | undefined> {
  return await db.selectFrom('exports').select(JOB_COLUMNS)
    .where('partition_id', '=', partitionId).where('resource', '=', resource).where('id', '=', id).executeTakeFirst()
}

export async function findExportById (db: Kysely<Database>, id: number): Promise<ExportJob | undefined> {
  return await db.selectFrom('exports').select(JOB_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/** Jobs whose work is not done, oldest first: what a start-up resumes. */
export async function listPendingExports (db: Kysely<Database>): Promise<ExportJob[]> {
  return await db.selectFrom('exports').select(JOB_COLUMNS).where('state', '=', 'pending').orderBy('id').execute()
}

export async function finishExport (db: Kysely<Database>, id: number,
  { file, rowCount, finishedAt }: { file: Buffer, rowCount: number, finishedAt: number }): Promise<void> {
  await db.updateTable('exports').set({ state: 'done', file, row_count: rowCount, finished_at: finishedAt })
    .where('id', '=', id).where('state', '=', 'pending').execute()
}

export async function failExport (db: Kysely<Database>, id: number, message: string,
  finishedAt: number): Promise<void> {
  await db.updateTable('exports').set({ state: 'failed', message, finished_at: finishedAt })
    .where('id', '=', id).where('state', '=', 'pending').execute()
}

export async function insertExportLink (db: Kysely<Database>, link: ExportLink): Promise<void> {
  await db.insertInto('export_links').values(link).execute()
}

/** A link with its job's file, or undefined for an unknown token. */
export async function findExportDownload (db: Kysely<Database>, token: string): Promise<{
  link: ExportLink,
  resource: string,
  spaceId: number,
  file: Buffer | null
} | undefined> {
  const row = await db.selectFrom('export_links as l')
    .innerJoin('exports as e', 'e.id', 'l.export_id')
    .select(['l.token', 'l.export_id', 'l.expires_at', 'l.created_at', 'e.resource', 'e.space_id', 'e.file'])
    .where('l.token', '=', token)
    .executeTakeFirst()
  if (row === undefined) return undefined
  const { resource, space_id: spaceId, file, ...link } = row
  return { link, resource, spaceId, file }
}
