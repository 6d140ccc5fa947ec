import type { Migration } from 'kysely'
import * as m0001 from './0001-initial.js'

// A static, ordered index: Kysely's FileMigrationProvider cannot load .ts files under vitest on Node 20.
// Add new migrations at the end; never rename or edit a shipped one.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001
}
