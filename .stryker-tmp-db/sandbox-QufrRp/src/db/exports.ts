// @ts-nocheck
// Export jobs and their download links (migration 0003).
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, ExportLinksTable, ExportsTable } from './database.js';

/** A job without its file: what status requests and the runner read. */
export type ExportJob = Omit<Selectable<ExportsTable>, 'file'>;
export type NewExportJob = Omit<Insertable<ExportsTable>, 'id' | 'state' | 'message' | 'file' | 'row_count' | 'finished_at'>;
export type ExportLink = Selectable<ExportLinksTable>;
const JOB_COLUMNS = ['id', 'space_id', 'partition_id', 'resource', 'params', 'max_row_id', 'state', 'message', 'row_count', 'created_at', 'finished_at'] as const;
export async function insertExport(db: Kysely<Database>, job: NewExportJob): Promise<number> {
  if (stryMutAct_9fa48("356")) {
    {}
  } else {
    stryCov_9fa48("356");
    const row = await db.insertInto(stryMutAct_9fa48("357") ? "" : (stryCov_9fa48("357"), 'exports')).values(stryMutAct_9fa48("358") ? {} : (stryCov_9fa48("358"), {
      ...job,
      state: stryMutAct_9fa48("359") ? "" : (stryCov_9fa48("359"), 'pending')
    })).returning(stryMutAct_9fa48("360") ? "" : (stryCov_9fa48("360"), 'id')).executeTakeFirstOrThrow();
    return row.id;
  }
}

/** A job of one partition and resource; undefined when that partition has no such job. */
export async function findExport(db: Kysely<Database>, partitionId: number, resource: string, id: number): Promise<ExportJob | undefined> {
  if (stryMutAct_9fa48("361")) {
    {}
  } else {
    stryCov_9fa48("361");
    return await db.selectFrom(stryMutAct_9fa48("362") ? "" : (stryCov_9fa48("362"), 'exports')).select(JOB_COLUMNS).where(stryMutAct_9fa48("363") ? "" : (stryCov_9fa48("363"), 'partition_id'), stryMutAct_9fa48("364") ? "" : (stryCov_9fa48("364"), '='), partitionId).where(stryMutAct_9fa48("365") ? "" : (stryCov_9fa48("365"), 'resource'), stryMutAct_9fa48("366") ? "" : (stryCov_9fa48("366"), '='), resource).where(stryMutAct_9fa48("367") ? "" : (stryCov_9fa48("367"), 'id'), stryMutAct_9fa48("368") ? "" : (stryCov_9fa48("368"), '='), id).executeTakeFirst();
  }
}
export async function findExportById(db: Kysely<Database>, id: number): Promise<ExportJob | undefined> {
  if (stryMutAct_9fa48("369")) {
    {}
  } else {
    stryCov_9fa48("369");
    return await db.selectFrom(stryMutAct_9fa48("370") ? "" : (stryCov_9fa48("370"), 'exports')).select(JOB_COLUMNS).where(stryMutAct_9fa48("371") ? "" : (stryCov_9fa48("371"), 'id'), stryMutAct_9fa48("372") ? "" : (stryCov_9fa48("372"), '='), id).executeTakeFirst();
  }
}

/** Jobs whose work is not done, oldest first: what a start-up resumes. */
export async function listPendingExports(db: Kysely<Database>): Promise<ExportJob[]> {
  if (stryMutAct_9fa48("373")) {
    {}
  } else {
    stryCov_9fa48("373");
    return await db.selectFrom(stryMutAct_9fa48("374") ? "" : (stryCov_9fa48("374"), 'exports')).select(JOB_COLUMNS).where(stryMutAct_9fa48("375") ? "" : (stryCov_9fa48("375"), 'state'), stryMutAct_9fa48("376") ? "" : (stryCov_9fa48("376"), '='), stryMutAct_9fa48("377") ? "" : (stryCov_9fa48("377"), 'pending')).orderBy(stryMutAct_9fa48("378") ? "" : (stryCov_9fa48("378"), 'id')).execute();
  }
}
export async function finishExport(db: Kysely<Database>, id: number, {
  file,
  rowCount,
  finishedAt
}: {
  file: Buffer;
  rowCount: number;
  finishedAt: number;
}): Promise<void> {
  if (stryMutAct_9fa48("379")) {
    {}
  } else {
    stryCov_9fa48("379");
    await db.updateTable(stryMutAct_9fa48("380") ? "" : (stryCov_9fa48("380"), 'exports')).set(stryMutAct_9fa48("381") ? {} : (stryCov_9fa48("381"), {
      state: stryMutAct_9fa48("382") ? "" : (stryCov_9fa48("382"), 'done'),
      file,
      row_count: rowCount,
      finished_at: finishedAt
    })).where(stryMutAct_9fa48("383") ? "" : (stryCov_9fa48("383"), 'id'), stryMutAct_9fa48("384") ? "" : (stryCov_9fa48("384"), '='), id).where(stryMutAct_9fa48("385") ? "" : (stryCov_9fa48("385"), 'state'), stryMutAct_9fa48("386") ? "" : (stryCov_9fa48("386"), '='), stryMutAct_9fa48("387") ? "" : (stryCov_9fa48("387"), 'pending')).execute();
  }
}
export async function failExport(db: Kysely<Database>, id: number, message: string, finishedAt: number): Promise<void> {
  if (stryMutAct_9fa48("388")) {
    {}
  } else {
    stryCov_9fa48("388");
    await db.updateTable(stryMutAct_9fa48("389") ? "" : (stryCov_9fa48("389"), 'exports')).set(stryMutAct_9fa48("390") ? {} : (stryCov_9fa48("390"), {
      state: stryMutAct_9fa48("391") ? "" : (stryCov_9fa48("391"), 'failed'),
      message,
      finished_at: finishedAt
    })).where(stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), 'id'), stryMutAct_9fa48("393") ? "" : (stryCov_9fa48("393"), '='), id).where(stryMutAct_9fa48("394") ? "" : (stryCov_9fa48("394"), 'state'), stryMutAct_9fa48("395") ? "" : (stryCov_9fa48("395"), '='), stryMutAct_9fa48("396") ? "" : (stryCov_9fa48("396"), 'pending')).execute();
  }
}
export async function insertExportLink(db: Kysely<Database>, link: ExportLink): Promise<void> {
  if (stryMutAct_9fa48("397")) {
    {}
  } else {
    stryCov_9fa48("397");
    await db.insertInto(stryMutAct_9fa48("398") ? "" : (stryCov_9fa48("398"), 'export_links')).values(link).execute();
  }
}

/** A link with its job's file, or undefined for an unknown token. */
export async function findExportDownload(db: Kysely<Database>, token: string): Promise<{
  link: ExportLink;
  resource: string;
  spaceId: number;
  file: Buffer | null;
} | undefined> {
  if (stryMutAct_9fa48("399")) {
    {}
  } else {
    stryCov_9fa48("399");
    const row = await db.selectFrom(stryMutAct_9fa48("400") ? "" : (stryCov_9fa48("400"), 'export_links as l')).innerJoin(stryMutAct_9fa48("401") ? "" : (stryCov_9fa48("401"), 'exports as e'), stryMutAct_9fa48("402") ? "" : (stryCov_9fa48("402"), 'e.id'), stryMutAct_9fa48("403") ? "" : (stryCov_9fa48("403"), 'l.export_id')).select(stryMutAct_9fa48("404") ? [] : (stryCov_9fa48("404"), [stryMutAct_9fa48("405") ? "" : (stryCov_9fa48("405"), 'l.token'), stryMutAct_9fa48("406") ? "" : (stryCov_9fa48("406"), 'l.export_id'), stryMutAct_9fa48("407") ? "" : (stryCov_9fa48("407"), 'l.expires_at'), stryMutAct_9fa48("408") ? "" : (stryCov_9fa48("408"), 'l.created_at'), stryMutAct_9fa48("409") ? "" : (stryCov_9fa48("409"), 'e.resource'), stryMutAct_9fa48("410") ? "" : (stryCov_9fa48("410"), 'e.space_id'), stryMutAct_9fa48("411") ? "" : (stryCov_9fa48("411"), 'e.file')])).where(stryMutAct_9fa48("412") ? "" : (stryCov_9fa48("412"), 'l.token'), stryMutAct_9fa48("413") ? "" : (stryCov_9fa48("413"), '='), token).executeTakeFirst();
    if (stryMutAct_9fa48("416") ? row !== undefined : stryMutAct_9fa48("415") ? false : stryMutAct_9fa48("414") ? true : (stryCov_9fa48("414", "415", "416"), row === undefined)) return undefined;
    const {
      resource,
      space_id: spaceId,
      file,
      ...link
    } = row;
    return stryMutAct_9fa48("417") ? {} : (stryCov_9fa48("417"), {
      link,
      resource,
      spaceId,
      file
    });
  }
}