// The Data panel: a Space's stored resources. Each resource is an entry of RESOURCES (a list and a page for one
// item); companies join the list when their routes exist.
import { html } from 'htm/preact'
import type { FunctionComponent, VNode } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { get, query } from './api.js'
import { ErrorLine } from './components.js'
import type { Space } from './types.js'

export interface ResourceProps {
  space: Space
  /** The item shown, or null for the list. */
  itemId: number | null
  open: (id: number | null) => void
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

function ContactList ({ space, open }: ResourceProps): VNode {
  const [search, setSearch] = useState('')
  const [typed, setTyped] = useState('')
  // Keyset pages: the `before` of each page read so far, so "Previous" can go back.
  const [pages, setPages] = useState<Array<number | undefined>>([undefined])
  const [rows, setRows] = useState<ContactRow[] | null>(null)
  const [next, setNext] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)
  const before = pages[pages.length - 1]

  useEffect(() => {
    const timer = setTimeout(() => { if (typed !== search) { setSearch(typed); setPages([undefined]) } }, 300)
    return () => { clearTimeout(timer) }
  }, [typed])
  useEffect(() => {
    let cancelled = false
    setError(null)
    get<{ data: ContactRow[], next_before: number | null }>(
      `/spaces/${space.id}/contacts${query({ q: search, before, limit: PAGE })}`
    ).then(({ data, next_before: nextBefore }) => {
      if (cancelled) return
      setRows(data)
      setNext(nextBefore)
    }, (e) => { if (!cancelled) setError(e) })
    return () => { cancelled = true }
  }, [space.id, search, before])

  return html`<div>
    <form class="filters" role="search" onSubmit=${(e: Event) => {
      e.preventDefault()
      setSearch(typed)
      setPages([undefined])
    }}>
      <label>Search by email or name
        <input type="search" value=${typed}
          onInput=${(e: Event) => { setTyped((e.currentTarget as HTMLInputElement).value) }} />
      </label>
      <span class="muted">${space.contacts.toLocaleString('en-US')} contacts in ${space.name}, newest first</span>
    </form>
    <${ErrorLine} error=${error} />
    ${rows !== null && rows.length === 0 && html`<p class="muted empty" data-empty="true">
      ${search === '' ? 'No contacts in this Space.' : `No contact has an email or name containing "${search}".`}</p>`}
    ${rows !== null && rows.length > 0 && html`<table class="rows">
      <caption class="sr-only">Contacts, newest first</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">Email</th><th scope="col">Name</th>
        <th scope="col">Phone</th><th scope="col">Location</th><th scope="col">Created</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr key=${row.id}>
        <td class="num">${row.id}</td>
        <td><button type="button" class="link" onClick=${() => { open(row.id) }}>${
          row.email ?? '(no email)'}</button></td>
        <td>${row.name ?? ''}</td><td>${row.phone ?? ''}</td><td>${row.location ?? ''}</td>
        <td title=${row.created_at}>${row.created_at.slice(0, 19).replace('T', ' ')}</td>
      </tr>`)}</tbody>
    </table>`}
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled=${pages.length === 1}
        onClick=${() => { setPages(pages.slice(0, -1)) }}>Previous</button>
      <button type="button" disabled=${next === null}
        onClick=${() => { if (next !== null) setPages([...pages, next]) }}>Next</button>
    </nav>
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

/** The resources the Data panel shows, in tab order. */
export const RESOURCES: Resource[] = [contacts]

export function DataPanel ({ space }: { space: Space }): VNode {
  const [resource, setResource] = useState(RESOURCES[0] as Resource)
  const [itemId, setItemId] = useState<number | null>(null)
  useEffect(() => { setItemId(null) }, [space.id, resource])
  return html`<div class="data">
    ${RESOURCES.length > 1 && html`<nav class="subnav" aria-label="Resources">${RESOURCES.map((r) => html`<button
      type="button" aria-pressed=${r === resource ? 'true' : 'false'}
      onClick=${() => { setResource(r) }}>${r.label}</button>`)}</nav>`}
    <${resource.View} space=${space} itemId=${itemId} open=${setItemId} />
  </div>`
}
