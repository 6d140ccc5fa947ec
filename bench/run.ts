// `npm run bench`: the emulator (the built process, dist/bin/cli.js, one bundled file) measured side by side with
// baselines in the same run, because absolute figures on a shared machine are noise and ratios are not. Every server
// and the load generator are separate processes on 127.0.0.1; every phase is bounded in time.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compare, type Measured, type Subject } from './lib/load.js'
import { type Probe, rssMb, send, type ServerProcess, startServer } from './lib/processes.js'
import { formatTable, type Row } from './lib/report.js'
import { prepareDatabase } from './lib/seed.js'
import { measureControlPlane, type ControlPlaneResult } from './lib/control-plane.js'
import { fillJournal, type InspectorResult, measureInspector } from './lib/inspector.js'
import { type ContainerResult, measureContainer } from './lib/container.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUILD = join(ROOT, 'node_modules/.cache/cometly-bench')
const SCRIPTS = {
  emulator: join(ROOT, 'dist/bin/cli.js'),
  reference: join(BUILD, 'bench/servers/reference.js'),
  bareFastify: join(BUILD, 'bench/servers/bare-fastify.js'),
  fastifyHello: join(BUILD, 'bench/servers/fastify-hello.js'),
  bareHttp: join(BUILD, 'bench/servers/bare-http.js'),
  inProcess: join(ROOT, 'bench/consumer/in-process.mjs')
}
const WORKER = join(BUILD, 'bench/lib/load-worker.js')

const seconds = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)
const SETTINGS = {
  contacts: seconds('BENCH_CONTACTS', 100_000),
  /** Each measurement is this many rounds per server, the servers taking turns. */
  rounds: seconds('BENCH_ROUNDS', 3),
  createSeconds: seconds('BENCH_CREATE_SECONDS', 4),
  readSeconds: seconds('BENCH_READ_SECONDS', 3),
  warmupSeconds: seconds('BENCH_WARMUP_SECONDS', 2),
  coldStartRuns: seconds('BENCH_COLD_START_RUNS', 9),
  inspectorRuns: seconds('BENCH_INSPECTOR_RUNS', 11),
  /** The journal's default size per Space: the inspector's emulator has its Default Space's ring full. */
  journalEntries: 1000,
  idleSettleMs: 1000,
  createConnections: [10, 100],
  readConnections: 10,
  listPerPage: 200,
  deepOffset: 0,
  /** For working on one part: e.g. BENCH_ONLY=create,cold. The published figures come from a full run. */
  only: process.env.BENCH_ONLY?.split(',') ?? ['cold', 'reads', 'create', 'control', 'inspector', 'container']
}
// The deep page starts 90% of the way down the list.
SETTINGS.deepOffset = Math.floor(SETTINGS.contacts * 0.9)
// The whole run is bounded: whatever hangs, the bench ends, and takes its servers with it.
const HARD_LIMIT_MS = 30 * 60_000

const API_KEY = 'bench-key-0123456789abcdef'
const AUTH = { authorization: `Bearer ${API_KEY}` }
const CREATE_BODY = JSON.stringify({
  emails: ['ada@example.com', 'ada.lovelace@example.org'],
  phones: ['+15551234567'],
  names: ['Ada Lovelace'],
  locations: ['London, UK']
})
const CREATE_PROBE: Probe = {
  method: 'POST',
  path: '/public-api/v1/contacts',
  headers: { ...AUTH, 'content-type': 'application/json' },
  body: CREATE_BODY,
  status: 201
}
const LIST_QUERY = 'start_date=2023-12-31%2000%3A00%3A00&end_date=2024-12-31%2000%3A00%3A00' +
  `&per_page=${SETTINGS.listPerPage}`

const running = new Set<ServerProcess>()
const work = mkdtempSync(join(tmpdir(), 'cometly-bench-'))
const emulatorEnv = (database: string): Record<string, string> => ({
  COMETLY_EMULATOR_DATABASE: database,
  COMETLY_EMULATOR_API_KEY: API_KEY,
  COMETLY_EMULATOR_RATE_LIMITS: 'off',
  // warn: no line per request. A log line per request is a cost users can switch off the same way.
  LOG_LEVEL: 'warn'
})

async function start (
  script: string,
  env: Record<string, string>,
  probe: Probe = CREATE_PROBE
): Promise<ServerProcess> {
  const server = await startServer(script, env, probe)
  running.add(server)
  return server
}

async function stop (server: ServerProcess): Promise<void> {
  await server.stop()
  running.delete(server)
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits
const log = (text: string): void => { process.stderr.write(`bench: ${text}\n`) }

function loadRow (group: string, scenario: string, server: string, result: Measured, reference?: Measured): Row {
  return {
    group,
    scenario,
    server,
    rps: round(result.throughput, 0),
    p50Ms: round(result.p50Ms, 2),
    p99Ms: round(result.p99Ms, 2),
    failed: result.failed,
    cpuUs: result.cpuUsPerRequest === undefined || Number.isNaN(result.cpuUsPerRequest)
      ? null
      : round(result.cpuUsPerRequest, 0),
    rssMaxMb: result.rssMaxMb === undefined ? null : round(result.rssMaxMb),
    vsReference: reference === undefined ? null : round(result.throughput / reference.throughput, 2)
  }
}

function skippedRow (group: string, scenario: string, server: string, note: string): Row {
  return { group, scenario, server, skipped: note }
}

// --- cold start and idle memory -------------------------------------------------------------------------

interface ColdStart { server: string, spawnToFirstMs: number[], idleRssMb: number[] }

/** A folder whose node_modules/cometly-emulator is this repository: the package as a user's project sees it. */
function consumerFolder (): string {
  const folder = join(work, 'consumer')
  mkdirSync(join(folder, 'node_modules'), { recursive: true })
  symlinkSync(ROOT, join(folder, 'node_modules', 'cometly-emulator'), 'dir')
  copyFileSync(SCRIPTS.inProcess, join(folder, 'in-process.mjs'))
  return join(folder, 'in-process.mjs')
}

/** In-process use in a fresh process: from before `import('cometly-emulator')` to the first 201, as it reports. */
async function inProcessStart (script: string, env: Record<string, string>): Promise<number> {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [script], {
      env: { ...process.env, ...env, BENCH_BODY: CREATE_BODY },
      timeout: 20_000
    }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`in-process start failed: ${error.message} ${stderr}`))
      else resolve(stdout)
    })
  })
  const { status, ms } = JSON.parse(out) as { status: number, ms: number }
  if (status !== 201) throw new Error(`in-process start answered ${status}`)
  return ms
}

const CODE_CACHE_OFF = { COMETLY_EMULATOR_CODE_CACHE: 'off' }

async function measureColdStarts (seededDatabase: string): Promise<ColdStart[]> {
  const consumer = consumerFolder()
  const newDatabase = (): string => join(mkdtempSync(join(work, 'cold-')), 'db.sqlite')
  type Cold = { server: string } & ({ script: string, env: () => Record<string, string> } |
    { inProcess: Record<string, string> })
  const subjects: Cold[] = [
    { server: 'bare node:http', script: SCRIPTS.bareHttp, env: () => ({}) },
    { server: 'Fastify hello world', script: SCRIPTS.fastifyHello, env: () => ({}) },
    { server: 'bare Fastify', script: SCRIPTS.bareFastify, env: () => ({}) },
    { server: 'emulator, new database', script: SCRIPTS.emulator, env: () => emulatorEnv(newDatabase()) },
    {
      server: `emulator, ${SETTINGS.contacts.toLocaleString('en-US')} contacts`,
      script: SCRIPTS.emulator,
      env: () => emulatorEnv(seededDatabase)
    },
    {
      server: 'emulator, new database, code cache off',
      script: SCRIPTS.emulator,
      env: () => ({ ...emulatorEnv(newDatabase()), ...CODE_CACHE_OFF })
    },
    { server: 'in-process: import, start, first 201', inProcess: {} },
    { server: 'in-process, code cache off', inProcess: CODE_CACHE_OFF }
  ]
  const results = subjects.map((s) => ({ server: s.server, spawnToFirstMs: [] as number[], idleRssMb: [] as number[] }))
  // Run 0 warms up (the file system's cache, and the code cache, which the first run of a new build writes);
  // the others are measured. Interleaved, so that a slow moment of the machine hits every subject alike.
  for (let run = 0; run <= SETTINGS.coldStartRuns; run++) {
    for (const [i, subject] of subjects.entries()) {
      if ('inProcess' in subject) {
        const ms = await inProcessStart(consumer, subject.inProcess)
        if (run > 0) results[i]!.spawnToFirstMs.push(ms)
        continue
      }
      const server = await start(subject.script, subject.env())
      await new Promise((resolve) => setTimeout(resolve, SETTINGS.idleSettleMs))
      if (run > 0) {
        results[i]!.spawnToFirstMs.push(server.spawnToFirstMs)
        results[i]!.idleRssMb.push(rssMb(server.child.pid) ?? Number.NaN)
      }
      await stop(server)
    }
  }
  return results
}

// --- reads ----------------------------------------------------------------------------------------------

/** Follows next_cursor (with big pages, to get there fast) until `offset` rows deep; the cursor is the
 * server's own, so it works whatever the cursor codec is. */
async function deepCursor (server: ServerProcess, offset: number): Promise<string> {
  let cursor: string | null = null
  let walked = 0
  while (walked < offset) {
    const perPage = Math.min(5000, offset - walked)
    const query = LIST_QUERY.replace(/per_page=\d+/, `per_page=${perPage}`) +
      (cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`)
    const response = await send(server.url, { method: 'GET', path: `/public-api/v1/contacts?${query}`, headers: AUTH })
    if (response.status !== 200) {
      throw new Error(`walking the list answered ${response.status}: ${response.body.slice(0, 200)}`)
    }
    const page = JSON.parse(response.body) as { data: unknown[], next_cursor: string | null }
    walked += page.data.length
    cursor = page.next_cursor
    if (cursor === null) throw new Error(`the list ended after ${walked} rows`)
  }
  return cursor as string
}

async function problemWith (server: ServerProcess, path: string, expected: number): Promise<string | undefined> {
  const response = await send(server.url, { method: 'GET', path, headers: AUTH })
  return response.status === expected ? undefined : `answered ${response.status}: ${response.body.slice(0, 120)}`
}

type Spec = Subject['spec']

async function measureReads (
  servers: Record<'emulator' | 'emulator, journal off' | 'reference', ServerProcess>,
  ids: [number, number]
): Promise<Row[]> {
  const rows: Row[] = []
  const group = `Reads, ${SETTINGS.contacts.toLocaleString('en-US')} contacts, ${SETTINGS.readConnections} connections`
  const get = (path: string): Spec => ({ method: 'GET', path, headers: AUTH, connections: SETTINGS.readConnections })
  const scenarios: Array<{ name: string, probe: string, spec: (server: ServerProcess) => Promise<Spec> }> = [
    {
      name: 'get contact by id (random)',
      probe: `/public-api/v1/contacts/${ids[0]}`,
      spec: async () => ({ ...get('/public-api/v1/contacts/{id}'), ids })
    },
    {
      name: `list, first page of ${SETTINGS.listPerPage}`,
      probe: `/public-api/v1/contacts?${LIST_QUERY}`,
      spec: async () => get(`/public-api/v1/contacts?${LIST_QUERY}`)
    },
    {
      name: `list, page of ${SETTINGS.listPerPage} at ${SETTINGS.deepOffset.toLocaleString('en-US')} deep`,
      probe: `/public-api/v1/contacts?${LIST_QUERY}`,
      spec: async (server) => get(`/public-api/v1/contacts?${LIST_QUERY}` +
        `&cursor=${encodeURIComponent(await deepCursor(server, SETTINGS.deepOffset))}`)
    }
  ]
  for (const scenario of scenarios) {
    const subjects: Subject[] = []
    for (const name of ['reference', 'emulator', 'emulator, journal off'] as const) {
      const server = servers[name]
      try {
        const problem = await problemWith(server, scenario.probe, 200)
        if (problem !== undefined) throw new Error(`not implemented (${problem})`)
        subjects.push({ name, url: server.url, pid: server.child.pid, spec: await scenario.spec(server) })
      } catch (error) {
        rows.push(skippedRow(group, scenario.name, name, `skipped: ${(error as Error).message}`))
      }
    }
    if (subjects.length === 0) continue
    log(`${scenario.name}: ${subjects.map((s) => s.name).join(', ')}`)
    const results = await compare(WORKER, subjects, {
      warmup: SETTINGS.warmupSeconds,
      seconds: SETTINGS.readSeconds,
      rounds: SETTINGS.rounds
    })
    for (const subject of subjects) {
      rows.push(loadRow(group, scenario.name, subject.name, results.get(subject.name)!,
        subject.name === 'reference' ? undefined : results.get('reference')))
    }
  }
  return rows
}

// --- creates --------------------------------------------------------------------------------------------

const CREATE_SERVERS = [
  'bare Fastify', 'reference', 'emulator', 'emulator, journal off', 'emulator, group commit off'
] as const

async function measureCreates (servers: Record<(typeof CREATE_SERVERS)[number], ServerProcess>): Promise<Row[]> {
  const rows: Row[] = []
  for (const connections of SETTINGS.createConnections) {
    const group = `Create contact, ${connections} connections`
    log(`create, ${connections} connections`)
    const subjects = CREATE_SERVERS.map((name) => ({
      name,
      url: servers[name].url,
      pid: servers[name].child.pid,
      spec: {
        method: 'POST' as const,
        path: CREATE_PROBE.path,
        headers: CREATE_PROBE.headers,
        body: CREATE_BODY,
        connections
      }
    }))
    const results = await compare(WORKER, subjects, {
      warmup: SETTINGS.warmupSeconds,
      seconds: SETTINGS.createSeconds,
      rounds: SETTINGS.rounds
    })
    for (const { name } of subjects) {
      rows.push(loadRow(group, 'POST /contacts', name, results.get(name)!,
        name === 'reference' ? undefined : results.get('reference')))
    }
  }
  return rows
}

// --- the run --------------------------------------------------------------------------------------------

interface Target { target: string, figure: string, met: boolean | null }

function evaluate (rows: Row[], cold: ColdStart[], control: ControlPlaneResult,
  inspector: InspectorResult, container: ContainerResult): Target[] {
  const find = (group: string, scenario: string, server: string): Row | undefined =>
    rows.find((r) =>
      r.group.startsWith(group) && r.scenario.startsWith(scenario) && r.server === server && r.skipped === undefined)
  // Against the unrounded ratio: a 0.7999 shown as 0.8× does not meet 0.8×.
  const vsReference = (group: string, scenario: string): number | null => {
    const emulator = find(group, scenario, 'emulator')
    const reference = find(group, scenario, 'reference')
    return emulator?.rps == null || reference?.rps == null ? null : emulator.rps / reference.rps
  }
  const targets: Target[] = []
  for (const [connections, p99Limit] of [[10, 10], [100, 60]] as const) {
    const emulator = find(`Create contact, ${connections} `, 'POST', 'emulator')
    const ratio = vsReference(`Create contact, ${connections} `, 'POST')
    targets.push({
      target: `create, ${connections} connections: emulator ≥ 1.0× reference req/s`,
      figure: ratio === null ? 'not measured' : `${round(ratio, 3)}×`,
      met: ratio === null ? null : ratio >= 1.0
    })
    targets.push({
      target: `create, ${connections} connections: emulator p99 ≤ ${p99Limit} ms`,
      figure: emulator === undefined ? 'not measured' : `${emulator.p99Ms} ms`,
      met: emulator?.p99Ms == null ? null : emulator.p99Ms <= p99Limit
    })
  }
  for (const connections of SETTINGS.createConnections) {
    const grouped = find(`Create contact, ${connections} `, 'POST', 'emulator')
    const single = find(`Create contact, ${connections} `, 'POST', 'emulator, group commit off')
    targets.push({
      target: `create, ${connections} connections: what group commit buys (no target: figures)`,
      figure: grouped?.rps == null || single?.rps == null
        ? 'not measured'
        : `${round(grouped.rps / single.rps, 2)}× the emulator without it (${single.vsReference}× reference without, ` +
          `${grouped.vsReference}× with; server CPU ${single.cpuUs} → ${grouped.cpuUs} µs/create)`,
      met: null
    })
  }
  const byId = vsReference('Reads', 'get contact by id')
  targets.push({
    target: 'get by id: emulator ≥ 0.8× reference req/s',
    figure: byId === null ? 'not measured' : `${round(byId, 3)}×`,
    met: byId === null ? null : byId >= 0.8
  })
  const coldOf = (prefix: string): ColdStart | undefined => cold.find((c) => c.server.startsWith(prefix))
  const versus = (subject: ColdStart | undefined, baseline: ColdStart | undefined): number | undefined =>
    subject === undefined || baseline === undefined
      ? undefined
      : median(subject.spawnToFirstMs) / median(baseline.spawnToFirstMs)
  const ms = (c: ColdStart | undefined): string => c === undefined ? '?' : `${round(median(c.spawnToFirstMs), 0)} ms`
  const startTarget = (target: string, subject: ColdStart | undefined, limit: number): void => {
    const hello = coldOf('Fastify hello world')
    const schema = coldOf('bare Fastify')
    const ratio = versus(subject, hello)
    targets.push({
      target,
      figure: ratio === undefined
        ? 'not measured'
        : `${round(ratio, 2)}× (${ms(subject)} vs ${ms(hello)}; ${round(versus(subject, schema) ?? Number.NaN, 2)}× ` +
          `bare Fastify with the create schema, ${ms(schema)})`,
      met: ratio === undefined ? null : ratio <= limit
    })
  }
  startTarget('in-process: import, start and first 201 ≤ 1.0× Fastify hello world spawn → first answer',
    coldOf('in-process: import'), 1.0)
  startTarget('in-process, code cache off (the first run of a build) ≤ 1.0× Fastify hello world',
    coldOf('in-process, code cache off'), 1.0)
  startTarget('CLI: spawn → first 201 ≤ 1.2× Fastify hello world', coldOf('emulator, new database'), 1.2)
  startTarget('CLI, code cache off (the first run of a build) ≤ 1.2× Fastify hello world',
    coldOf('emulator, new database, code cache off'), 1.2)
  const bareHttp = coldOf('bare node:http')
  const bareFastify = coldOf('bare Fastify')
  const emulator = coldOf('emulator, new database')
  if (bareHttp !== undefined && emulator !== undefined && bareFastify !== undefined) {
    const coldRatio = median(emulator.spawnToFirstMs) / median(bareHttp.spawnToFirstMs)
    targets.push({
      target: 'cold start ≤ 2.0× bare node:http',
      figure: `${round(coldRatio, 2)}× (${round(median(emulator.spawnToFirstMs), 0)} ms vs ` +
        `${round(median(bareHttp.spawnToFirstMs), 0)} ms)`,
      met: coldRatio <= 2.0
    })
    const rssRatio = median(emulator.idleRssMb) / median(bareFastify.idleRssMb)
    targets.push({
      target: 'idle RSS ≤ 1.3× bare Fastify',
      figure: `${round(rssRatio, 2)}× (${round(median(emulator.idleRssMb))} MB vs ` +
        `${round(median(bareFastify.idleRssMb))} MB)`,
      met: rssRatio <= 1.3
    })
  }
  const first = find('Reads', 'list, first', 'emulator')
  const deep = find('Reads', 'list, page', 'emulator')
  targets.push({
    target: 'deep list page within 1.2× of the first page (req/s)',
    figure: first?.rps == null || deep?.rps == null
      ? 'not measured'
      : `${round(first.rps / deep.rps, 2)}× (${first.rps} vs ${deep.rps} req/s; ` +
        `server CPU per page ${round((deep.cpuUs ?? Number.NaN) / (first.cpuUs ?? Number.NaN), 2)}×)`,
    met: first?.rps == null || deep?.rps == null ? null : first.rps / deep.rps <= 1.2
  })
  const figures = 'figures' in container ? container.figures : undefined
  const skipped = 'skipped' in container ? container.skipped : 'not measured'
  targets.push({
    target: 'container: docker run → first 201 ≤ 1.3× a hello-world node container',
    figure: figures === undefined
      ? skipped
      : `${figures.firstAnswerMs.ratio}× (${figures.firstAnswerMs.emulator} ms vs ${figures.firstAnswerMs.hello} ms)`,
    met: figures === undefined ? null : figures.firstAnswerMs.ratio <= 1.3
  })
  targets.push({
    target: 'container: idle CPU, healthcheck included, < 1% of a core',
    figure: figures === undefined
      ? skipped
      : `${figures.idleCpuPercentOfCore.emulator}% (${figures.idleCpuPercentOfCore.emulatorWithNodeProbe}% with the ` +
        `node probe it had: ${round(figures.idleCpuPercentOfCore.emulator /
          figures.idleCpuPercentOfCore.emulatorWithNodeProbe, 2)}×)`,
    met: figures === undefined ? null : figures.idleCpuPercentOfCore.emulator < 1
  })
  targets.push({
    target: 'container: image ≤ its base + 15 MB',
    figure: figures === undefined ? skipped : `+${figures.image.overBaseMb} MB`,
    met: figures === undefined ? null : figures.image.overBaseMb <= 15
  })
  targets.push({
    target: `control plane with ${SETTINGS.contacts.toLocaleString('en-US')} contacts (no target: figures)`,
    figure: control.skipped ?? control.rows.map((r) => `${r.operation.replace(/ \(.*/, '')} ${r.ms} ms`).join('; '),
    met: null
  })
  const [empty, full] = inspector.rows
  targets.push({
    target: `inspector with ${SETTINGS.contacts.toLocaleString('en-US')} contacts and a full journal, ` +
      'against an empty emulator (no target: figures)',
    figure: inspector.skipped ?? (empty === undefined || full === undefined
      ? 'not measured'
      : `request list shown ${round(full.listShownMs / empty.listShownMs, 2)}× (${full.listShownMs} vs ` +
        `${empty.listShownMs} ms); first paint ${round(full.fcpMs / empty.fcpMs, 2)}× (${full.fcpMs} vs ` +
        `${empty.fcpMs} ms)`),
    met: null
  })
  return targets
}

function machine (): Record<string, string | number> {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${process.platform} ${release()}`
  }
}

async function main (): Promise<void> {
  const startedAt = new Date()
  // On a shared machine the other work shows here; the ratios of one run share it, the absolute figures do not.
  const loadStart = round(loadavg()[0] ?? 0)
  const host = machine()
  log(`machine: ${host.cpu}, ${host.cores} cores, node ${host.node}; work folder ${work}`)

  log(`seeding ${SETTINGS.contacts} contacts`)
  const seedPath = join(work, 'seed.sqlite')
  const seed = await prepareDatabase(seedPath, API_KEY, SETTINGS.contacts)
  log(`seeded in ${round(seed.ms / 1000)} s`)
  const databaseFor = (name: string): string => {
    mkdirSync(join(work, name))
    const path = join(work, name, 'db.sqlite')
    copyFileSync(seedPath, path)
    return path
  }

  log('cold starts')
  const cold = SETTINGS.only.includes('cold') ? await measureColdStarts(databaseFor('cold-seeded')) : []

  const servers = {
    emulator: await start(SCRIPTS.emulator, emulatorEnv(databaseFor('emulator'))),
    // The request journal (on by default) keeps every request and response for inspection; this shows its cost.
    'emulator, journal off': await start(SCRIPTS.emulator, {
      ...emulatorEnv(databaseFor('emulator-no-journal')),
      COMETLY_EMULATOR_JOURNAL_SIZE: '0'
    }),
    // Creates that arrive together share one commit by default; this shows what that buys.
    'emulator, group commit off': await start(SCRIPTS.emulator, {
      ...emulatorEnv(databaseFor('emulator-no-group-commit')),
      COMETLY_EMULATOR_GROUP_COMMIT: 'off'
    }),
    reference: await start(SCRIPTS.reference, { BENCH_DATABASE: databaseFor('reference') }),
    'bare Fastify': await start(SCRIPTS.bareFastify, {})
  }
  // Reads first: the creates add contacts that would become the list's first page.
  const rows = SETTINGS.only.includes('reads') ? await measureReads(servers, [seed.firstId, seed.lastId]) : []
  if (SETTINGS.only.includes('create')) rows.push(...await measureCreates(servers))

  for (const server of Object.values(servers)) await stop(server)

  log('control plane')
  let control: ControlPlaneResult = { skipped: 'skipped: not selected (BENCH_ONLY)', rows: [] }
  if (SETTINGS.only.includes('control')) {
    // Its own emulator on a fresh copy of the seeded data, so that the Space holds exactly the seeded contacts.
    const folder = join(work, 'control')
    const emulator = await start(SCRIPTS.emulator, {
      ...emulatorEnv(databaseFor('control')),
      COMETLY_EMULATOR_SNAPSHOT_DIR: join(folder, 'snapshots')
    })
    try {
      control = await measureControlPlane(emulator, {
        contacts: SETTINGS.contacts,
        headers: AUTH,
        listPath: `/public-api/v1/contacts?${LIST_QUERY}`
      })
    } catch (error) {
      control = { skipped: `skipped: ${(error as Error).message}`, rows: [] }
    } finally {
      await stop(emulator)
    }
  }

  log('inspector')
  let inspector: InspectorResult = { skipped: 'skipped: not selected (BENCH_ONLY)', rows: [] }
  if (SETTINGS.only.includes('inspector')) {
    // The same page on two emulators: one with the seeded contacts and its Default Space's journal full, one
    // on a new database (holding only the contact and journal entry of the start-up probe).
    const full = await start(SCRIPTS.emulator, emulatorEnv(databaseFor('inspector')))
    const empty = await start(SCRIPTS.emulator, emulatorEnv(join(mkdtempSync(join(work, 'inspector-')), 'db.sqlite')))
    try {
      await fillJournal(full, AUTH, [seed.firstId, seed.lastId], SETTINGS.journalEntries)
      inspector = await measureInspector([
        { server: 'empty emulator', process: empty },
        { server: `${SETTINGS.contacts.toLocaleString('en-US')} contacts, full journal`, process: full }
      ], SETTINGS.inspectorRuns)
    } catch (error) {
      inspector = { skipped: `skipped: ${(error as Error).message}`, rows: [] }
    } finally {
      await stop(full)
      await stop(empty)
    }
  }

  let container: ContainerResult = { skipped: 'skipped: not selected (BENCH_ONLY)' }
  if (SETTINGS.only.includes('container')) {
    log('container (docker build, then scripts/container-figures.mjs)')
    container = await measureContainer(ROOT)
  }

  const targets = evaluate(rows, cold, control, inspector, container)
  const coldRows = cold.map((c) => ({
    server: c.server,
    spawnToFirstMs: round(median(c.spawnToFirstMs), 0),
    runs: c.spawnToFirstMs.map((ms) => round(ms, 0)),
    idleRssMb: c.idleRssMb.length === 0 ? null : round(median(c.idleRssMb))
  }))
  const loadEnd = round(loadavg()[0] ?? 0)
  const result = {
    startedAt: startedAt.toISOString(),
    loadAverage: { start: loadStart, end: loadEnd },
    machine: host,
    settings: SETTINGS,
    seedMs: round(seed.ms, 0),
    load: rows,
    coldStart: coldRows,
    controlPlane: control,
    inspector,
    container,
    targets
  }

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const file = join(ROOT, 'bench/results', `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)

  const out = [
    `Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGb} GB, Node ${host.node}, ${host.os}; ` +
      `load average (1 min) ${loadStart} at the start, ${loadEnd} at the end: other work on the machine`,
    `Load: autocannon in its own process, 127.0.0.1; per server ${SETTINGS.warmupSeconds} s warm-up, then ` +
      `${SETTINGS.rounds} rounds of ${SETTINGS.createSeconds} s (create) / ${SETTINGS.readSeconds} s (reads), ` +
      'servers taking turns; rate limits off, LOG_LEVEL=warn, file database.',
    '',
    formatTable([
      'Group', 'Scenario', 'Server', 'req/s', '× reference', 'p50 ms', 'p99 ms',
      'server CPU µs/req', 'failed', 'max RSS MB'
    ], rows.map((r) => r.skipped !== undefined
      ? [r.group, r.scenario, r.server, r.skipped, '', '', '', '', '', '']
      : [r.group, r.scenario, r.server, r.rps, r.vsReference, r.p50Ms, r.p99Ms, r.cpuUs, r.failed, r.rssMaxMb])),
    '',
    formatTable([`Cold start (median of ${SETTINGS.coldStartRuns})`, 'to first 201, ms', 'idle RSS MB'],
      coldRows.map((c) => [c.server, c.spawnToFirstMs, c.idleRssMb])),
    '',
    formatTable(['Control plane', 'median ms', 'runs, ms'], control.skipped !== undefined
      ? [[control.skipped, '', '']]
      : control.rows.map((r) => [r.operation, r.ms, r.runs.join(', ')])),
    '',
    formatTable([`Inspector page load (median of ${SETTINGS.inspectorRuns})`, 'first contentful paint, ms',
      'request list shown, ms', 'its data call, ms', 'rows shown'], inspector.skipped !== undefined
      ? [[inspector.skipped, '', '', '', '']]
      : inspector.rows.map((r) => [r.server, r.fcpMs, r.listShownMs, r.summariesMs, r.rowsShown])),
    '',
    formatTable(['Container', 'figure', 'baseline, same run'], 'figures' in container
      ? [
          ['docker run → first 201, ms (median)', container.figures.firstAnswerMs.emulator,
            `${container.figures.firstAnswerMs.hello} (hello-world node container)`],
          ['docker run → healthy, ms (median)', container.figures.healthyMs.median, ''],
          ['idle CPU, % of a core', container.figures.idleCpuPercentOfCore.emulator,
            `${container.figures.idleCpuPercentOfCore.emulatorWithNodeProbe} (node probe), ` +
            `${container.figures.idleCpuPercentOfCore.hello} (hello world, no healthcheck)`],
          ['image, MB', round(container.figures.image.bytes / 1e6),
            `${round(container.figures.image.baseBytes / 1e6)} (base)`]
        ]
      : [[container.skipped, '', '']]),
    '',
    formatTable(['Target', 'Figure', 'Met'],
      targets.map((t) => [t.target, t.figure, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO'])),
    '',
    `JSON: ${file}`
  ]
  console.log(out.join('\n'))
}

const watchdog = setTimeout(() => {
  log(`hard limit of ${HARD_LIMIT_MS / 60_000} minutes reached; stopping`)
  for (const server of running) server.child.kill('SIGKILL')
  process.exit(1)
}, HARD_LIMIT_MS)
watchdog.unref()

try {
  await main()
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`)
  process.exitCode = 1
} finally {
  for (const server of running) await server.stop()
  rmSync(work, { recursive: true, force: true })
}
