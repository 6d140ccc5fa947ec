import type { Migration } from 'kysely'
import * as m0001 from './0001-initial.js'
import * as m0002 from './0002-contact-activity.js'
import * as m0003 from './0003-exports.js'
import * as m0004 from './0004-space-rate-limits.js'
import * as m0005 from './0005-companies.js'
import * as m0006 from './0006-id-high-water.js'
import * as m0010 from './0010-events.js'
import * as m0011 from './0011-row-id-high-water.js'

// A static, ordered index: Kysely's FileMigrationProvider cannot load .ts files under vitest on Node 20.
// Add new migrations at the end; never rename or edit a shipped one.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-contact-activity': m0002,
  '0003-exports': m0003,
  '0004-space-rate-limits': m0004,
  '0005-companies': m0005,
  '0006-id-high-water': m0006,
  '0010-events': m0010,
  '0011-row-id-high-water': m0011
}
