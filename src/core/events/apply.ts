// What processing one accepted event does (Decisions D38 to D41), in one transaction with its removal from the
// queue: find or make its contact, add what the contact lacks, bind its identities, link a new primary email's
// company, then write the touchpoint its attribution fields make and the conversion itself.
import type { Kysely } from 'kysely'
import { insertCometTokens } from '../../db/activity.js'
import { ensureCompany, setContactCompany } from '../../db/companies.js'
import { appendItem, insertContact, listItemValues, newContactRow } from '../../db/contacts.js'
import type { Database, ItemTable } from '../../db/database.js'
import {
  bindIdentity, findContactByCometToken, findContactByEmail, findIdentity, hasOrder, insertEvents
} from '../../db/events.js'
import { companyDomainOf } from '../../wire/company-domains.js'
import { fingerprintKey, touchpointSource } from '../../wire/events.js'
import type { TrackedEvent } from '../../wire/track-event.js'

export interface TargetSpace {
  partitionId: number
  timeZone: string
}

const ATTRIBUTION = ['comet_source', 'comet_network', 'comet_campaign', 'comet_ad_group', 'comet_ad_id',
  'comet_keyword',
  'comet_type'] as const

/** Decision D38: the first match of tracking id, comet token, oldest email holder, fingerprint + ip. */
async function matchContact (db: Kysely<Database>, partitionId: number,
  event: TrackedEvent): Promise<number | undefined> {
  if (event.tracking_id !== undefined) {
    const id = await findIdentity(db, partitionId, 'tracking_id', event.tracking_id)
    if (id !== undefined) return id
  }
  if (event.comet_token !== undefined) {
    const id = await findContactByCometToken(db, partitionId, event.comet_token)
    if (id !== undefined) return id
  }
  if (event.email !== undefined) {
    const id = await findContactByEmail(db, partitionId, event.email)
    if (id !== undefined) return id
  }
  if (event.fingerprint !== undefined && event.ip !== undefined) {
    return await findIdentity(db, partitionId, 'fingerprint_ip', fingerprintKey(event.fingerprint, event.ip))
  }
  return undefined
}

function nameOf (event: TrackedEvent): string | undefined {
  if (event.full_name !== undefined) return event.full_name
  const joined = [event.first_name, event.last_name].filter((part) => part !== undefined).join(' ')
  return joined === '' ? undefined : joined
}

/** Answers whether the event was applied (false: dropped as a duplicate order, Decision D41). */
export async function applyEvent (db: Kysely<Database>, space: TargetSpace, event: TrackedEvent,
  acceptedAt: number, now: number): Promise<boolean> {
  const { partitionId } = space
  if (event.order_id !== undefined && await hasOrder(db, partitionId, event.event_name, event.order_id)) return false
  const name = nameOf(event)
  const values: Partial<Record<ItemTable, string>> = {
    ...(event.email !== undefined && { emails: event.email }),
    ...(event.phone !== undefined && { phones: event.phone }),
    ...(name !== undefined && { names: name })
  }

  let contactId = await matchContact(db, partitionId, event)
  if (contactId === undefined) {
    const collections = {
      emails: values.emails === undefined ? [] : [values.emails],
      phones: values.phones === undefined ? [] : [values.phones],
      names: values.names === undefined ? [] : [values.names],
      locations: []
    }
    const domain = companyDomainOf(values.emails)
    const companyId = domain === null ? null : await ensureCompany(db, partitionId, domain, now)
    const row = newContactRow(partitionId, collections, undefined, now, space.timeZone)
    contactId = await insertContact(db, { ...row, company_id: companyId }, collections)
  } else {
    // The matched contact gains what it does not hold yet, as its newest items; emails compare without case.
    for (const [table, value] of Object.entries(values) as Array<[ItemTable, string]>) {
      const held = await listItemValues(db, table, contactId, Number.MAX_SAFE_INTEGER)
      const same = table === 'emails' ? held.some((v) => v.toLowerCase() === value.toLowerCase()) : held.includes(value)
      if (same) continue
      await appendItem(db, contactId, table, value, now)
      if (table === 'emails' && held.length === 0) {
        const domain = companyDomainOf(value)
        if (domain !== null) await setContactCompany(db, contactId, await ensureCompany(db, partitionId, domain, now))
      }
    }
  }

  // The first binding of a token or identity wins.
  if (event.comet_token !== undefined && await findContactByCometToken(db, partitionId,
    event.comet_token) === undefined) {
    await insertCometTokens(db, contactId, [{ token: event.comet_token, created_at: now }])
  }
  if (event.tracking_id !== undefined) await bindIdentity(db, partitionId, 'tracking_id', event.tracking_id, contactId)
  if (event.fingerprint !== undefined && event.ip !== undefined) {
    await bindIdentity(db, partitionId, 'fingerprint_ip', fingerprintKey(event.fingerprint, event.ip), contactId)
  }

  const eventTime = event.event_time ?? acceptedAt
  const base = {
    partition_id: partitionId,
    contact_id: contactId,
    event_url: event.url ?? null,
    event_time: eventTime,
    created_at: now
  }
  const extra = JSON.stringify({
    checkout_token: event.checkout_token,
    upsell_common_id: event.upsell_common_id,
    user_agent: event.user_agent,
    do_not_capi: event.do_not_capi,
    comet_network: event.comet_network,
    comet_keyword: event.comet_keyword,
    comet_type: event.comet_type
  })
  // Decision D39: attribution fields make a touchpoint, written first so that it sorts just before the conversion.
  const attributed = ATTRIBUTION.some((field) => event[field] !== undefined && event[field] !== '')
  await insertEvents(db, [
    ...(attributed
      ? [{
          ...base,
          kind: 'touchpoint' as const,
          source: touchpointSource(event.comet_source, event.comet_type),
          campaign_name: event.comet_campaign ?? null,
          adset_name: event.comet_ad_group ?? null,
          ad_id: event.comet_ad_id ?? null
        }]
      : []),
    {
      ...base,
      kind: 'conversion' as const,
      event_name: event.event_name,
      amount: event.amount ?? null,
      is_upsell: event.is_upsell ? 1 : 0,
      order_id: event.order_id ?? null,
      order_name: event.order_name ?? null,
      extra
    }
  ])
  return true
}
