// Cometly's per-Space, per-endpoint, per-minute limits: the only place they are written down.
// https://docs.cometly.com (rate limiting page and each endpoint's page). Where Cometly is silent the number
// is a Decision of shared/contract/cometly-api.md §3.

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

/** The budget of an endpoint under the given settings, or null when limits are off. */
export function limitFor (endpoint: Endpoint, settings: RateLimitSettings): number | null {
  if (!settings.enabled) return null
  return Math.max(1, Math.round(RATE_LIMITS[endpoint].perMinute * settings.scale))
}
