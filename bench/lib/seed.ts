// The data set: a database file made by the project's own migrations and start-up bootstrap, then filled
// with contacts straight through better-sqlite3 in one transaction, before any server opens it.

// From the build under test (the package's own entry, dist/bin/index.mjs), not from src/: the data must be what
// that emulator's own migrations and start-up make, even while src/ moves on.
type Library = typeof import('../../src/index.js')
const {
  createEmulator,
  defaultConfig,
  migrateToLatest,
  openDatabase
} = await import(new URL('../../dist/bin/index.mjs', import.meta.url).href) as Library

/** Seeded contacts are created one second apart from here on (2024-01-01T00:00:00Z). */
export const SEED_EPOCH_MS = Date.UTC(2024, 0, 1)

export interface SeededDatabase {
  firstId: number
  lastId: number
  ms: number
}

export async function prepareDatabase (path: string, apiKey: string, contacts: number): Promise<SeededDatabase> {
  const started = performance.now()
  const handle = openDatabase(path)
  try {
    await migrateToLatest(handle.db)
    // Creating the core is the start-up: the Default Space and its key.
    const emulator = await createEmulator({ config: defaultConfig({ apiKey }), db: handle.db })
    emulator.close()
    const { sqlite } = handle
    const { partition_id: partitionId } = sqlite.prepare('select partition_id from spaces order by id limit 1')
      .get() as { partition_id: number }
    const insertContact = sqlite.prepare(
      `insert into contacts (partition_id, email, phone, name, location, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?)`)
    const insertItems = ['emails', 'phones', 'names', 'locations'].map((table) =>
      sqlite.prepare(`insert into ${table} (contact_id, position, value, created_at) values (?, 0, ?, ?)`))
    let firstId = 0
    let lastId = 0
    sqlite.transaction(() => {
      for (let i = 0; i < contacts; i++) {
        const at = SEED_EPOCH_MS + i * 1000
        const values = [`seed${i}@example.com`, `+1555${String(i).padStart(7, '0')}`, `Seed Contact ${i}`, 'Austin, TX']
        const id = Number(insertContact.run(partitionId, ...values, at, at).lastInsertRowid)
        values.forEach((value, t) => insertItems[t]!.run(id, value, at))
        if (i === 0) firstId = id
        lastId = id
      }
    })()
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    return { firstId, lastId, ms: performance.now() - started }
  } finally {
    await handle.close()
  }
}
