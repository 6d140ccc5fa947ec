// The shapes the control plane answers with, as far as the page reads them.
export interface Summary {
  id: number
  space_id: number | null
  time: string
  method: string
  path: string
  route: string | null
  status: number
  duration_ms: number
  rate_limit: { limit: number, remaining: number } | null
  fault: string | null
  warning: string | null
}

export interface Entry extends Omit<Summary, 'warning'> {
  query: Record<string, unknown>
  headers: Record<string, string>
  body: unknown
  response_headers: Record<string, string>
  response_body: unknown
}

export interface Space {
  id: number
  name: string
  time_zone: string
  subscription_active: boolean
  custom_field_labels: Record<string, string>
  rate_limits: { enabled?: boolean, scale?: number, per_minute?: Record<string, number> }
  contacts: number
  created_at: string
  api_keys: Array<{
    id: number
    key_hint: string
    scopes: string[] | null
    created_at: string
    revoked_at: string | null
  }>
}

export interface Gauge {
  endpoint: string
  limit: number | null
  used: number
  remaining: number | null
  resets_in_ms: number | null
  window_ms: number
}

export interface FaultRule {
  id: number
  space_id: number
  method?: string
  path?: string
  status?: number
  latency_ms?: number
  drop?: boolean
  after?: number
  times?: number
  probability?: number
  matched: number
  fired: number
}

export interface ClockView {
  space_id: number | null
  now: string
  now_ms: number
  frozen: boolean
  offset_ms: number
}

export interface Snapshot { name: string, bytes: number, created_at: string }
