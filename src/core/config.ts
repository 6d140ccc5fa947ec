// The emulator's configuration: one table of options, each with its environment variable, its command-line
// flag, its default and what it means. The CLI's --help and the README's configuration table follow it.
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { type Static, Type } from 'typebox'
import { KeyScopeSchema } from '../wire/api-keys.js'
import { SCALE_MAX, SCALE_MIN } from '../wire/bounds.js'

export const DEV_API_KEY = 'cometly-dev-key'
export const DEFAULT_SPACE_NAME = 'Default Space'

const ApiKeyDeclarationSchema = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object({
    key: Type.String({ minLength: 1 }),
    scopes: Type.Optional(Type.Array(KeyScopeSchema))
  }, { additionalProperties: false })
])

export const SpaceDeclarationSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  api_keys: Type.Optional(Type.Array(ApiKeyDeclarationSchema)),
  subscription_active: Type.Optional(Type.Boolean()),
  time_zone: Type.Optional(Type.String()),
  custom_field_labels: Type.Optional(Type.Record(Type.String(), Type.String())),
  custom_event_labels: Type.Optional(Type.Record(Type.String(), Type.String()))
}, { additionalProperties: false })
export type SpaceDeclaration = Static<typeof SpaceDeclarationSchema>
export type ApiKeyDeclaration = Static<typeof ApiKeyDeclarationSchema>

const SpacesFileSchema = Type.Union([
  Type.Array(SpaceDeclarationSchema),
  Type.Object({ spaces: Type.Array(SpaceDeclarationSchema) })
])

export interface EmulatorConfig {
  host: string
  port: number
  /** A file path, or `:memory:`. */
  database: string
  logLevel: string
  /** auto: readable lines at a terminal, JSON lines elsewhere; json or pretty force one. */
  logFormat: LogFormat
  /** The Default Space's API key. */
  apiKey: string
  /** Spaces (and their keys) to create or update at start, besides the Default Space. */
  spaces: SpaceDeclaration[]
  rateLimits: boolean
  /** Multiplies every limit of the table; 10 makes 60/min 600/min. */
  rateLimitScale: number
  bodyLimit: number
  /** Largest control-plane body in bytes (a Space import carries every contact); larger ones get 413. */
  controlBodyLimit: number
  /** Longest request target (path and query) in bytes; longer ones get 414. */
  urlLimit: number
  /** Largest request head (request line and headers) in bytes; larger ones get 431. */
  headerLimit: number
  /** Milliseconds a client has to send a whole request; a slower one gets 408 and is disconnected. */
  requestTimeout: number
  /** Reject unknown top-level body fields with a 422 instead of ignoring them. */
  strict: boolean
  /** Serve the control plane under /_emulator (health is always served). */
  controlPlane: boolean
  /** When set, every control call but health needs `Authorization: Bearer <token>`. */
  adminToken: string
  /** Journal entries kept per Space; 0 switches the journal off. */
  journalSize: number
  /** Honour the X-Emulator-Fault request header. */
  faultHeader: boolean
  /** Creates arriving together share one transaction (each still answered after its own commit). */
  groupCommit: boolean
  /** Seed JSON (inline, starting with `[` or `{`), a file of it, or a folder of them, applied to empty Spaces at
   * start. */
  seed: string
  /** Where named snapshots are written; empty: next to the database (a temporary folder for :memory:). */
  snapshotDir: string
  /** How long a new export shows `queued` (milliseconds of the clock). */
  exportQueuedMs: number
  /** How long an export then shows `processing` at least (milliseconds of the clock). */
  exportProcessingMs: number
  /** How long after its 202 a tracked event takes effect (milliseconds of the clock; Decision D37). */
  eventDelayMs: number
}

type Parser<T> = (raw: string, name: string) => T

export type LogFormat = 'auto' | 'json' | 'pretty'
const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty']

const text: Parser<string> = (raw) => raw
const int = (min: number, max: number): Parser<number> => (raw, name) => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  }
  return n
}
const number = (min: number, max: number): Parser<number> => (raw, name) => {
  const n = raw.trim() === '' ? Number.NaN : Number(raw)
  if (!(n >= min && n <= max)) throw new ConfigError(`${name} must be a number from ${min} to ${max}, got "${raw}"`)
  return n
}
const logFormat: Parser<LogFormat> = (raw, name) => {
  const v = raw.trim().toLowerCase() as LogFormat
  if (!LOG_FORMATS.includes(v)) throw new ConfigError(`${name} must be auto, json or pretty, got "${raw}"`)
  return v
}
const onOff: Parser<boolean> = (raw, name) => {
  const v = raw.trim().toLowerCase()
  if (['1', 'true', 'on', 'yes'].includes(v)) return true
  if (['0', 'false', 'off', 'no'].includes(v)) return false
  throw new ConfigError(`${name} must be on or off, got "${raw}"`)
}

// Compiled only when a spaces file is given: at module load it cost every start about 90 ms.
let spacesFileValidator: ValidateFunction | undefined
const validateSpacesFile = (): ValidateFunction =>
  (spacesFileValidator ??= new Ajv({ allErrors: true, strict: false }).compile(SpacesFileSchema))

/** Reads space declarations from inline JSON (starting with `[` or `{`) or from a JSON file's path. */
const spacesJson: Parser<SpaceDeclaration[]> = (raw, name) => {
  if (raw.trim() === '') return []
  const trimmed = raw.trim()
  let source = trimmed
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
    try {
      source = readFileSync(trimmed, 'utf8')
    } catch (error) {
      throw new ConfigError(`${name}: cannot read ${trimmed}: ${(error as Error).message}`)
    }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(source)
  } catch (error) {
    throw new ConfigError(`${name}: not valid JSON: ${(error as Error).message}`)
  }
  const validate = validateSpacesFile()
  if (!validate(parsed)) {
    const detail = validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')
    throw new ConfigError(`${name}: ${detail}`)
  }
  const file = parsed as Static<typeof SpacesFileSchema>
  return Array.isArray(file) ? file : file.spaces
}

export interface OptionSpec<K extends keyof EmulatorConfig = keyof EmulatorConfig> {
  key: K
  env: string
  flag: string
  /** The default as a user would write it. */
  defaultText: string
  description: string
  parse: Parser<EmulatorConfig[K]>
}

function option<K extends keyof EmulatorConfig> (spec: OptionSpec<K>): OptionSpec<K> {
  return spec
}

export const OPTIONS = [
  option({
    key: 'host',
    env: 'HOST',
    flag: '--host',
    defaultText: '127.0.0.1',
    parse: text,
    description: 'Address to listen on (0.0.0.0 inside a container).'
  }),
  option({
    key: 'port',
    env: 'PORT',
    flag: '--port',
    defaultText: '4010',
    parse: int(0, 65535),
    description: 'Port to listen on; 0 picks a free one (the real port is logged).'
  }),
  option({
    key: 'database',
    env: 'COMETLY_EMULATOR_DATABASE',
    flag: '--database',
    defaultText: './data/cometly-emulator.sqlite',
    parse: text,
    description: 'SQLite file (its folder is created), or :memory: for a database that ends with the process.'
  }),
  option({
    key: 'apiKey',
    env: 'COMETLY_EMULATOR_API_KEY',
    flag: '--api-key',
    defaultText: DEV_API_KEY,
    parse: text,
    description: 'API key of the Default Space.'
  }),
  option({
    key: 'spaces',
    env: 'COMETLY_EMULATOR_SPACES',
    flag: '--spaces',
    defaultText: '',
    parse: spacesJson,
    description: 'More Spaces and keys to create at start: a JSON file path, or the JSON itself.'
  }),
  option({
    key: 'rateLimits',
    env: 'COMETLY_EMULATOR_RATE_LIMITS',
    flag: '--rate-limits',
    defaultText: 'on',
    parse: onOff,
    description: 'on: Cometly\'s per-Space, per-endpoint limits; off: no limits and no rate-limit headers.'
  }),
  option({
    key: 'rateLimitScale',
    env: 'COMETLY_EMULATOR_RATE_LIMIT_SCALE',
    flag: '--rate-limit-scale',
    defaultText: '1',
    parse: number(SCALE_MIN, SCALE_MAX),
    description: `Multiplies every limit (10 turns 60/min into 600/min), ${SCALE_MIN} to ${SCALE_MAX}.`
  }),
  option({
    key: 'bodyLimit',
    env: 'COMETLY_EMULATOR_BODY_LIMIT',
    flag: '--body-limit',
    defaultText: '1048576',
    parse: int(1024, 1024 ** 3),
    description: 'Largest request body in bytes; larger ones get 413.'
  }),
  option({
    key: 'controlBodyLimit',
    env: 'COMETLY_EMULATOR_CONTROL_BODY_LIMIT',
    flag: '--control-body-limit',
    defaultText: '268435456',
    parse: int(1024, 1024 ** 3),
    description: 'Largest control-plane request body in bytes (seed and Space import); larger ones get 413.'
  }),
  option({
    key: 'urlLimit',
    env: 'COMETLY_EMULATOR_URL_LIMIT',
    flag: '--url-limit',
    defaultText: '8192',
    parse: int(256, 1024 ** 2),
    description: 'Longest request path plus query string in bytes; longer ones get 414.'
  }),
  option({
    key: 'headerLimit',
    env: 'COMETLY_EMULATOR_HEADER_LIMIT',
    flag: '--header-limit',
    defaultText: '16384',
    parse: int(1024, 1024 ** 2),
    description: 'Largest request line plus headers in bytes; larger ones get 431.'
  }),
  option({
    key: 'requestTimeout',
    env: 'COMETLY_EMULATOR_REQUEST_TIMEOUT',
    flag: '--request-timeout',
    defaultText: '30000',
    parse: int(100, 3_600_000),
    description: 'Milliseconds a client has to send a whole request (headers and body); a slower one gets 408.'
  }),
  option({
    key: 'strict',
    env: 'COMETLY_EMULATOR_STRICT',
    flag: '--strict',
    defaultText: 'off',
    parse: onOff,
    description: 'on: unknown top-level body fields are a 422 instead of being ignored with a warning header.'
  }),
  option({
    key: 'controlPlane',
    env: 'COMETLY_EMULATOR_CONTROL_PLANE',
    flag: '--control-plane',
    defaultText: 'on',
    parse: onOff,
    description: 'on: the control plane under /_emulator (Spaces, reset, journal, faults, clock, docs); ' +
      'off: only /_emulator/health.'
  }),
  option({
    key: 'adminToken',
    env: 'COMETLY_EMULATOR_ADMIN_TOKEN',
    flag: '--admin-token',
    defaultText: '',
    parse: text,
    description: 'When set, every control call except health needs Authorization: Bearer <token>.'
  }),
  option({
    key: 'journalSize',
    env: 'COMETLY_EMULATOR_JOURNAL_SIZE',
    flag: '--journal-size',
    defaultText: '1000',
    parse: int(0, 1_000_000),
    description: 'Requests the journal keeps per Space (oldest dropped first); 0 switches it off.'
  }),
  option({
    key: 'faultHeader',
    env: 'COMETLY_EMULATOR_FAULT_HEADER',
    flag: '--fault-header',
    defaultText: 'on',
    parse: onOff,
    description: 'on: a request may ask for a fault with X-Emulator-Fault; off for strict runs.'
  }),
  option({
    key: 'groupCommit',
    env: 'COMETLY_EMULATOR_GROUP_COMMIT',
    flag: '--group-commit',
    defaultText: 'on',
    parse: onOff,
    description: 'on: creates that arrive together share one database commit (each 201 is still sent after ' +
      'its own commit); off: one commit per create.'
  }),
  option({
    key: 'seed',
    env: 'COMETLY_EMULATOR_SEED',
    flag: '--seed',
    defaultText: '',
    parse: text,
    description: 'Seed data loaded into empty Spaces at start: the JSON itself, a JSON file path, ' +
      'or a folder of JSON files.'
  }),
  option({
    key: 'snapshotDir',
    env: 'COMETLY_EMULATOR_SNAPSHOT_DIR',
    flag: '--snapshot-dir',
    defaultText: '',
    parse: text,
    description: 'Folder for named snapshots; default: snapshots/ next to the database, ' +
      'a temporary folder for :memory:.'
  }),
  option({
    key: 'exportQueuedMs',
    env: 'COMETLY_EMULATOR_EXPORT_QUEUED_MS',
    flag: '--export-queued-ms',
    defaultText: '1000',
    parse: int(0, 86_400_000),
    description: 'Milliseconds a new export shows "queued" (0: none).'
  }),
  option({
    key: 'exportProcessingMs',
    env: 'COMETLY_EMULATOR_EXPORT_PROCESSING_MS',
    flag: '--export-processing-ms',
    defaultText: '2000',
    parse: int(0, 86_400_000),
    description: 'Milliseconds an export then shows "processing" at least; ' +
      'it completes once this has passed and its file is written.'
  }),
  option({
    key: 'eventDelayMs',
    env: 'COMETLY_EMULATOR_EVENT_DELAY_MS',
    flag: '--event-delay-ms',
    defaultText: '1000',
    parse: int(0, 86_400_000),
    description: 'Milliseconds of the clock after which a tracked event takes effect (0: before its 202 is sent).'
  }),
  option({
    key: 'logLevel',
    env: 'LOG_LEVEL',
    flag: '--log-level',
    defaultText: 'info',
    parse: text,
    description: 'fatal, error, warn, info, debug, trace or silent.'
  }),
  option({
    key: 'logFormat',
    env: 'LOG_FORMAT',
    flag: '--log-format',
    defaultText: 'auto',
    parse: logFormat,
    description: 'auto: readable lines when stdout is a terminal, JSON lines otherwise (pipes, files, ' +
      'containers); json or pretty: always that.'
  })
] as const satisfies ReadonlyArray<OptionSpec<any>>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The configuration with every default, changed by `overrides`; for tests and in-process use. */
export function defaultConfig (overrides: Partial<EmulatorConfig> = {}): EmulatorConfig {
  const config: Record<string, unknown> = {}
  for (const spec of OPTIONS) config[spec.key] = spec.parse(spec.defaultText, spec.env)
  return { ...(config as unknown as EmulatorConfig), ...overrides }
}

/**
 * Builds the configuration from the environment and from command-line values (flag name → raw text);
 * a flag wins over its environment variable.
 */
export function loadConfig (env: NodeJS.ProcessEnv, flags: Record<string, string> = {}): EmulatorConfig {
  const config: Record<string, unknown> = {}
  for (const spec of OPTIONS) {
    const raw = flags[spec.flag] ?? env[spec.env] ?? spec.defaultText
    config[spec.key] = spec.parse(raw, flags[spec.flag] !== undefined ? spec.flag : spec.env)
  }
  return config as unknown as EmulatorConfig
}
