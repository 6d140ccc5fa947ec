// @ts-nocheck
// Cometly's per-Space, per-endpoint, per-minute limits: the only place they are written down.
// https://docs.cometly.com (rate limiting page and each endpoint's page). Where Cometly is silent the number
// is Decision D12 (docs/fidelity.md).
import { PER_MINUTE_MAX } from './bounds.js'

export const RATE_LIMIT_WINDOW_MS = 60_000

export const RATE_LIMITS = {
  createContact: { perMinute: 60, documented: true },
  getContact: { perMinute: 30, documented: true },
  listContacts: { perMinute: 15, documented: false },
  updateContact: { perMinute: 60, documented: false },
  createContactExport: { perMinute: 5, documented: false },
  getContactExport: { perMinute: 30, documented: false },
  listCompanies: { perMinute: 15, documented: true },
  getCompany: { perMinute: 15, documented: false },
  updateCompany: { perMinute: 60, documented: true },
  createCompanyExport: { perMinute: 5, documented: false },
  getCompanyExport: { perMinute: 30, documented: false },
  trackEvent: { perMinute: 60, documented: false },
  getEvent: { perMinute: 30, documented: true },
  listEvents: { perMinute: 7, documented: true },
  createEventExport: { perMinute: 5, documented: true },
  getEventExport: { perMinute: 30, documented: true }
} as const satisfies Record<string, { perMinute: number, documented: boolean }>

export type Endpoint = keyof typeof RATE_LIMITS

export interface RateLimitSettings {
  enabled: boolean
  scale: number
}

/** A Space's own overrides of the global settings; a per-endpoint number wins over everything else. */
export interface RateLimitOverrides {
  enabled?: boolean
  scale?: number
  per_minute?: Partial<Record<Endpoint, number>>
}

/**
 * The budget of an endpoint under the given settings (and a Space's overrides), or null when limits are off:
 * a whole number from 1 to PER_MINUTE_MAX, whatever an older database holds, so the headers stay integers.
 */
export function limitFor (endpoint: Endpoint, settings: RateLimitSettings,
  overrides: RateLimitOverrides = {}): number | null {
  if (!(overrides.enabled ?? settings.enabled)) return null
  const limit = overrides.per_minute?.[endpoint] ??
    Math.round(RATE_LIMITS[endpoint].perMinute * (overrides.scale ?? settings.scale))
  return Math.min(PER_MINUTE_MAX, Math.max(1, limit))
}
