// The Data panel: a Space's stored resources, one tab each. Each resource is an entry of RESOURCES (a list, and
// for contacts a page for one item); an event's row opens its contact's page, and going back returns to the
// events as they were left.
import { html } from 'htm/preact'
import type { ComponentChildren, FunctionComponent, VNode } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { call, get, query } from './api.js'
import { ErrorLine } from './components.js'
import type { Space } from './types.js'

export interface ResourceProps {
  space: Space
  /** The item shown, or null for the list. */
  itemId: number | null
  open: (id: number | null) => void
  /** Opens an item of another resource (an event's contact); its page's "back" comes back here. */
  go: (resource: string, id: number) => void
}

export interface Resource {
  id: string
  label: string
  View: FunctionComponent<ResourceProps>
}

interface ContactRow {
  id: number
  email: string | null
  name: string | null
  phone: string | null
  location: string | null
  created_at: string
}

interface ContactDetail {
  id: number
  created_at: string
  updated_at: string
  emails: string[]
  phones: string[]
  names: string[]
  locations: string[]
  custom_fields: Array<{ slot: string, kind: string, label: string | null, value: string | number | null }>
  comet_tokens: Array<{ token: string, created_at: string }>
  events: Array<{
    kind: 'conversion' | 'touchpoint',
    event_name: string | null,
    event_time: string,
    source: string | null,
    amount: number | null
  }>
  browsing_session_hits: Array<{
    event_url: string,
    referrer_host: string | null,
    source: string | null,
    event_name: string | null,
    event_time: string
  }>
}

const PAGE = 50

interface Page<Row> { data: Row[], next_before: number | null }

/**
 * Keyset pages of a browse route, newest first: the `before` of each page read so far (so "Previous" can go
 * back), read again whenever the path or the filters change.
 */
function useBrowse<Row, Extra = unknown> (path: string, filters: Record<string, string>, reloads = 0) {
  const [pages, setPages] = useState<Array<number | undefined>>([undefined])
  const [answer, setAnswer] = useState<(Page<Row> & Extra) | null>(null)
  const [error, setError] = useState<unknown>(null)
  const before = pages[pages.length - 1]
  const key = JSON.stringify(filters)
  useEffect(() => { setPages([undefined]) }, [path, key])
  useEffect(() => {
    let cancelled = false
    setError(null)
    get<Page<Row> & Extra>(`${path}${query({ ...filters, before, limit: PAGE })}`).then((page) => {
      if (!cancelled) setAnswer(page)
    }, (e) => { if (!cancelled) setError(e) })
    return () => { cancelled = true }
  }, [path, key, before, reloads])
  const pager = html`<nav class="pager" aria-label="Pages">
    <button type="button" disabled=${pages.length === 1}
      onClick=${() => { setPages(pages.slice(0, -1)) }}>Previous</button>
    <button type="button" disabled=${answer?.next_before === null || answer === null}
      onClick=${() => {
        const next = answer?.next_before
        if (next !== undefined && next !== null) setPages([...pages, next])
      }}>Next</button>
  </nav>`
  return { rows: answer?.data ?? null, answer, error, pager }
}

/** A search box that applies what is typed after a pause, or at once on Enter. */
function useSearch (): {
  search: string
  box: (label: string) => VNode
  form: (children: ComponentChildren) => VNode
} {
  const [search, setSearch] = useState('')
  const [typed, setTyped] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => { if (typed !== search) setSearch(typed) }, 300)
    return () => { clearTimeout(timer) }
  }, [typed])
  return {
    search,
    box: (label) => html`<label>${label}
      <input type="search" value=${typed}
        onInput=${(e: Event) => { setTyped((e.currentTarget as HTMLInputElement).value) }} />
    </label>`,
    form: (children) => html`<form class="filters" role="search" onSubmit=${(e: Event) => {
      e.preventDefault()
      setSearch(typed)
    }}>${children}</form>`
  }
}

const shortTime = (iso: string): VNode => html`<span title=${iso}>${iso.slice(0, 19).replace('T', ' ')}</span>`

function ContactList ({ space, open }: ResourceProps): VNode {
  const { search, box, form } = useSearch()
  const { rows, error, pager } = useBrowse<ContactRow>(`/spaces/${space.id}/contacts`, { q: search })
  return html`<div>
    ${form(html`${box('Search by email or name')}
      <span class="muted">${space.contacts.toLocaleString('en-US')} contacts in ${space.name}, newest first</span>`)}
    <${ErrorLine} error=${error} />
    ${rows !== null && rows.length === 0 && html`<p class="muted empty" data-empty="true">
      ${search === '' ? 'No contacts in this Space.' : `No contact has an email or name containing "${search}".`}</p>`}
    ${rows !== null && rows.length > 0 && html`<table class="rows" data-resource="contacts">
      <caption class="sr-only">Contacts, newest first</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">Email</th><th scope="col">Name</th>
        <th scope="col">Phone</th><th scope="col">Location</th><th scope="col">Created</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr key=${row.id}>
        <td class="num">${row.id}</td>
        <td><button type="button" class="link" onClick=${() => { open(row.id) }}>${
          row.email ?? '(no email)'}</button></td>
        <td>${row.name ?? ''}</td><td>${row.phone ?? ''}</td><td>${row.location ?? ''}</td>
        <td>${shortTime(row.created_at)}</td>
      </tr>`)}</tbody>
    </table>`}
    ${pager}
  </div>`
}

interface CompanyRow {
  id: number
  domain: string
  name: string
  contacts: number
  created_at: string
  updated_at: string
}

function CompanyList ({ space }: ResourceProps): VNode {
  const { search, box, form } = useSearch()
  const { rows, error, pager } = useBrowse<CompanyRow>(`/spaces/${space.id}/companies`, { q: search })
  return html`<div>
    ${form(html`${box('Search by domain or name')}
      <span class="muted">Companies in ${space.name}, newest first</span>`)}
    <${ErrorLine} error=${error} />
    ${rows !== null && rows.length === 0 && html`<p class="muted empty" data-empty="true">
      ${search === '' ? 'No companies in this Space.' : `No company has a domain or name containing "${search}".`}</p>`}
    ${rows !== null && rows.length > 0 && html`<table class="rows" data-resource="companies">
      <caption class="sr-only">Companies, newest first</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">Domain</th><th scope="col">Name</th>
        <th scope="col" class="num">Contacts</th><th scope="col">Created</th><th scope="col">Updated</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr key=${row.id}>
        <td class="num">${row.id}</td><td>${row.domain}</td><td>${row.name}</td>
        <td class="num">${row.contacts.toLocaleString('en-US')}</td>
        <td>${shortTime(row.created_at)}</td><td>${shortTime(row.updated_at)}</td>
      </tr>`)}</tbody>
    </table>`}
    ${pager}
  </div>`
}

interface EventRow {
  id: number
  kind: 'conversion' | 'touchpoint'
  contact_id: number
  contact_email: string | null
  event_name: string | null
  source: string | null
  amount: number | null
  order_id: string | null
  event_time: string
  created_at: string
}

interface Queue { queued: number, next_due_at: string | null }

function EventList ({ space, go }: ResourceProps): VNode {
  const { search, box, form } = useSearch()
  const [kind, setKind] = useState('')
  const [reloads, setReloads] = useState(0)
  const [drainError, setDrainError] = useState<unknown>(null)
  const { rows, answer, error, pager } = useBrowse<EventRow, Queue>(`/spaces/${space.id}/events`,
    { q: search, kind }, reloads)
  const queued = answer?.queued ?? 0
  const waiting = `${queued.toLocaleString('en-US')} accepted ${
    queued === 1 ? 'event waits' : 'events wait'} in the queue`
  const dueAt = answer?.next_due_at ?? null
  const due = dueAt === null ? '' : html` (the first is due ${shortTime(dueAt)})`
  const drain = (): void => {
    setDrainError(null)
    call('POST', `/spaces/${space.id}/events/drain`).then(() => { setReloads(reloads + 1) }, setDrainError)
  }
  return html`<div>
    ${form(html`${box('Search by event name, source or email')}
      <label>Kind <select value=${kind} onChange=${(e: Event) => {
        setKind((e.currentTarget as HTMLSelectElement).value)
      }}>
        <option value="">All</option><option value="conversion">Conversions</option>
        <option value="touchpoint">Touchpoints</option>
      </select></label>
      <span class="muted">Applied events in ${space.name}, newest first</span>`)}
    <p class="queue" aria-live="polite">${queued === 0
      ? html`<span class="muted" data-queued="0">No event waits in the queue.</span>`
      : html`<span data-queued=${String(queued)}>${waiting}${due}.</span>
        <button type="button" onClick=${drain}>Apply queued events now</button>`}
      <button type="button" onClick=${() => { setReloads(reloads + 1) }}>Refresh</button></p>
    <${ErrorLine} error=${error ?? drainError} />
    ${rows !== null && rows.length === 0 && html`<p class="muted empty" data-empty="true">
      ${search === '' && kind === '' ? 'No applied events in this Space.' : 'No event matches.'}</p>`}
    ${rows !== null && rows.length > 0 && html`<table class="rows" data-resource="events">
      <caption class="sr-only">Events, newest first</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">Time</th><th scope="col">Kind</th>
        <th scope="col">Event or source</th><th scope="col">Contact</th><th scope="col" class="num">Amount</th>
        <th scope="col">Order</th><th scope="col">Applied</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr key=${row.id} data-event=${String(row.id)}>
        <td class="num">${row.id}</td><td>${shortTime(row.event_time)}</td><td>${row.kind}</td>
        <td>${row.kind === 'conversion' ? row.event_name ?? '' : row.source ?? ''}</td>
        <td><button type="button" class="link" data-contact=${String(row.contact_id)}
          onClick=${() => { go('contacts', row.contact_id) }}>${
            row.contact_email ?? `Contact ${row.contact_id}`}</button></td>
        <td class="num">${row.amount ?? ''}</td><td>${row.order_id ?? ''}</td><td>${shortTime(row.created_at)}</td>
      </tr>`)}</tbody>
    </table>`}
    ${pager}
  </div>`
}

function List ({ title, items }: { title: string, items: string[] }): VNode {
  return html`<div><h4>${title}</h4>${items.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<ul>${items.map((item, i) =>
      html`<li>${item}${i === 0 && html` <span class="muted">(primary)</span>`}</li>`)}</ul>`}</div>`
}

function ContactPage ({ space, itemId, open }: ResourceProps): VNode {
  const [contact, setContact] = useState<ContactDetail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    setContact(null)
    get<ContactDetail>(`/spaces/${space.id}/contacts/${itemId ?? 0}`).then(setContact, setError)
  }, [space.id, itemId])
  useEffect(() => { if (contact !== null) heading.current?.focus() }, [contact])
  const back = html`<button type="button" onClick=${() => { open(null) }}>Back to the list</button>`
  if (error !== null) return html`<div>${back}<${ErrorLine} error=${error} /></div>`
  if (contact === null) return html`<p class="muted">Loading…</p>`
  const fields = contact.custom_fields.filter((f) => f.value !== null || f.label !== null)
  return html`<article class="contact" aria-labelledby="contact-title">
    ${back}
    <h2 id="contact-title" tabindex="-1" ref=${heading}>Contact ${contact.id}: ${
      contact.names[0] ?? contact.emails[0] ?? ''}</h2>
    <p class="muted">Created ${contact.created_at}, updated ${contact.updated_at}</p>
    <div class="columns">
      <${List} title="Emails" items=${contact.emails} />
      <${List} title="Phones" items=${contact.phones} />
      <${List} title="Names" items=${contact.names} />
      <${List} title="Locations" items=${contact.locations} />
    </div>
    <h3>Custom fields</h3>
    ${fields.length === 0
? html`<p class="muted">None set, and no labels in this Space.</p>`
: html`<table class="rows">
      <caption class="sr-only">Custom fields</caption>
      <thead><tr><th scope="col">Slot</th><th scope="col">Label</th><th scope="col">Kind</th>
        <th scope="col">Value</th></tr></thead>
      <tbody>${fields.map((f) => html`<tr><td><code>${f.slot}</code></td><td>${f.label ?? ''}</td><td>${f.kind}</td>
        <td>${f.value === null ? html`<span class="muted">not set</span>` : String(f.value)}</td></tr>`)}</tbody>
    </table>`}
    <h3>Comet tokens</h3>
    ${contact.comet_tokens.length === 0
? html`<p class="muted">None.</p>`
: html`<ul>${contact.comet_tokens.map((t) =>
      html`<li><code>${t.token}</code> <span class="muted">${t.created_at}</span></li>`)}</ul>`}
    <h3>Journey events</h3>
    ${contact.events.length === 0
? html`<p class="muted">None.</p>`
: html`<table class="rows">
      <caption class="sr-only">Journey events, newest first</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Kind</th><th scope="col">Event</th>
        <th scope="col">Source</th><th scope="col" class="num">Amount</th></tr></thead>
      <tbody>${contact.events.map((e) => html`<tr><td>${e.event_time}</td><td>${e.kind}</td>
        <td>${e.event_name ?? ''}</td><td>${e.source ?? ''}</td>
        <td class="num">${e.amount ?? ''}</td></tr>`)}</tbody>
    </table>`}
    <h3>Browsing hits</h3>
    ${contact.browsing_session_hits.length === 0
? html`<p class="muted">None.</p>`
: html`<table class="rows">
      <caption class="sr-only">Browsing hits, newest first</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">URL</th><th scope="col">Referrer</th>
        <th scope="col">Source</th></tr></thead>
      <tbody>${contact.browsing_session_hits.map((h) => html`<tr><td>${h.event_time}</td><td>${h.event_url}</td>
        <td>${h.referrer_host ?? ''}</td><td>${h.source ?? ''}</td></tr>`)}</tbody>
    </table>`}
  </article>`
}

const contacts: Resource = {
  id: 'contacts',
  label: 'Contacts',
  // The list stays mounted under an open contact, so going back keeps its search and page.
  View: (props) => html`<div hidden=${props.itemId !== null}><${ContactList} ...${props} /></div>
    ${props.itemId !== null && html`<${ContactPage} ...${props} />`}`
}

const companies: Resource = { id: 'companies', label: 'Companies', View: CompanyList }
const events: Resource = { id: 'events', label: 'Events', View: EventList }

/** The resources the Data panel shows, in tab order. */
export const RESOURCES: Resource[] = [contacts, companies, events]

interface Place {
  /** The resource shown. */
  active: string
  /** Each resource's open item (absent: its list). */
  items: Record<string, number | null>
  /** Resources opened so far: their views stay mounted (hidden), keeping their search and page. */
  visited: string[]
  /** Where the open item's "back" returns: the resource that opened it, or null for its own list. */
  from: string | null
}

const START: Place = { active: 'contacts', items: {}, visited: ['contacts'], from: null }

export function DataPanel ({ space }: { space: Space }): VNode {
  const [place, setPlace] = useState<Place>(START)
  // What had the focus when an item opened (a row's button), to give it back on returning.
  const opener = useRef<HTMLElement | null>(null)
  const restore = useRef(false)
  useEffect(() => { setPlace((p) => ({ ...START, active: p.active, visited: [p.active] })) }, [space.id])
  useEffect(() => {
    if (!restore.current) return
    restore.current = false
    if (opener.current?.isConnected === true) opener.current.focus()
  }, [place])

  const show = (id: string): void => {
    setPlace((p) => ({
      active: id,
      items: { ...p.items, [id]: null },
      visited: p.visited.includes(id) ? p.visited : [...p.visited, id],
      from: null
    }))
  }
  const open = (resource: string) => (id: number | null): void => {
    if (id !== null) opener.current = document.activeElement as HTMLElement | null
    else restore.current = true
    setPlace((p) => ({
      ...p,
      active: id === null && p.from !== null ? p.from : p.active,
      items: { ...p.items, [resource]: id },
      from: id === null ? null : p.from
    }))
  }
  const go = (resource: string, id: number): void => {
    opener.current = document.activeElement as HTMLElement | null
    setPlace((p) => ({
      active: resource,
      items: { ...p.items, [resource]: id },
      visited: p.visited.includes(resource) ? p.visited : [...p.visited, resource],
      from: p.active
    }))
  }
  return html`<div class="data">
    <nav class="subnav" aria-label="Resources">${RESOURCES.map((r) => html`<button
      type="button" aria-pressed=${r.id === place.active ? 'true' : 'false'}
      onClick=${() => { show(r.id) }}>${r.label}</button>`)}</nav>
    ${RESOURCES.filter((r) => place.visited.includes(r.id)).map((r) => html`<section key=${r.id}
      aria-label=${r.label} hidden=${r.id !== place.active}>
      <${r.View} space=${space} itemId=${place.items[r.id] ?? null} open=${open(r.id)} go=${go} />
    </section>`)}
  </div>`
}
