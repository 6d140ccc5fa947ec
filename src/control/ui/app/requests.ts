// The Requests panel: the journal live (the newest first), filtered by Space, status class and route, and one
// request and its answer in full beside the list.
import { html } from 'htm/preact'
import type { VNode } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { get, query } from './api.js'
import { ErrorLine, HeaderTable, JsonView, jsonPaths, statusClass } from './components.js'
import { openJournalStream, type StreamState } from './stream.js'
import type { Entry, Space, Summary } from './types.js'

/** Rows the page keeps; older ones are fetched again with "Older requests". */
const KEPT = 1000
const PAGE = 200

interface Filters {
  /** '' every Space, 'none' requests of no Space (401s), else a Space id. */
  space: string
  /** '' every status, else 2, 4, 5... or 0 for dropped connections. */
  statusClass: string
  route: string
}

const STATE_TEXT: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Stopped'
}

const spaceParam = (space: string): number | undefined =>
  space === '' ? undefined : space === 'none' ? 0 : Number(space)

function matches (row: Summary, filters: Filters): boolean {
  const space = spaceParam(filters.space)
  return (space === undefined || (row.space_id ?? 0) === space) &&
    (filters.statusClass === '' || Math.floor(row.status / 100) === Number(filters.statusClass)) &&
    (filters.route === '' || row.route === filters.route)
}

/** Newest first, without duplicates, at most KEPT rows. */
function merge (rows: Summary[], more: Summary[]): Summary[] {
  const byId = new Map<number, Summary>()
  for (const row of [...rows, ...more]) byId.set(row.id, row)
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, KEPT)
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, '\'\\\'\'')}'`

/** PHP's bracket notation, as Laravel reads a query string (filters[0][field]=...). */
function queryPairs (value: unknown, prefix: string, out: string[]): void {
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) queryPairs(inner, prefix === '' ? key : `${prefix}[${key}]`, out)
  } else {
    out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value ?? ''))}`)
  }
}

const NOT_REPLAYED = new Set(['host', 'content-length', 'connection', 'user-agent', 'accept-encoding',
  'transfer-encoding'])

/** The request as a curl command; the key (never journaled whole) is left to an environment variable. */
export function curlOf (entry: Entry, origin: string): string {
  const pairs: string[] = []
  queryPairs(entry.query, '', pairs)
  const url = `${origin}${entry.path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`
  const parts = ['curl', '-X', entry.method, shellQuote(url)]
  for (const [name, value] of Object.entries(entry.headers)) {
    if (NOT_REPLAYED.has(name) || value === '[redacted]') continue
    if (name === 'authorization') parts.push('-H', '"Authorization: Bearer $COMETLY_API_KEY"')
    else parts.push('-H', shellQuote(`${name}: ${value}`))
  }
  const hasBody = entry.body !== null && entry.body !== undefined &&
    !(entry.method === 'GET' && typeof entry.body === 'object' && Object.keys(entry.body).length === 0)
  if (hasBody) {
    parts.push('--data-raw', shellQuote(typeof entry.body === 'string' ? entry.body : JSON.stringify(entry.body)))
  }
  return parts.join(' ')
}

function Detail ({ id, spaces, onClose }: { id: number, spaces: Space[], onClose: () => void }): VNode {
  const [entry, setEntry] = useState<Entry | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [copied, setCopied] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    setEntry(null)
    setError(null)
    setCopied('')
    get<Entry>(`/requests/${id}`).then(setEntry, setError)
  }, [id])
  useEffect(() => { if (entry !== null) heading.current?.focus() }, [entry])
  if (error !== null) {
    return html`<section class="detail" aria-label="Request"><${ErrorLine} error=${error} /></section>`
  }
  if (entry === null) return html`<section class="detail" aria-label="Request"><p class="muted">Loading…</p></section>`

  const body = entry.response_body as { errors?: Record<string, string[]> } | null
  const errors = entry.status === 422 && typeof body?.errors === 'object' ? body.errors : undefined
  const present = jsonPaths(entry.body)
  const elsewhere = errors === undefined ? [] : Object.keys(errors).filter((field) => !present.has(field))
  const space = spaces.find((s) => s.id === entry.space_id)
  const curl = curlOf(entry, location.origin)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(curl)
      setCopied('Copied.')
    } catch {
      setCopied('The browser refused the clipboard: select the command below and copy it.')
    }
  }

  return html`<section class="detail" aria-labelledby="detail-title">
    <div class="detail-head">
      <h2 id="detail-title" tabindex="-1" ref=${heading}>
        <span class="method">${entry.method}</span> ${entry.path}
      </h2>
      <button type="button" onClick=${onClose}>Close</button>
    </div>
    <dl class="facts">
      <dt>Status</dt><dd><span class=${`status ${statusClass(entry.status)}`}>${
        entry.status === 0 ? 'dropped' : entry.status}</span></dd>
      <dt>Time</dt><dd>${entry.time}</dd>
      <dt>Latency</dt><dd>${entry.duration_ms} ms</dd>
      <dt>Space</dt><dd>${
        entry.space_id === null ? 'none (not authenticated)' : `${entry.space_id} · ${space?.name ?? ''}`}</dd>
      <dt>Route</dt><dd>${entry.route ?? 'none'}</dd>
      <dt>Rate limit</dt><dd>${
        entry.rate_limit === null ? '—' : `${entry.rate_limit.remaining} of ${entry.rate_limit.limit} left`}</dd>
      <dt>Fault</dt><dd>${entry.fault ?? '—'}</dd>
      <dt>Warning</dt><dd>${entry.response_headers['x-emulator-warning'] ?? '—'}</dd>
    </dl>
    <div class="curl">
      <button type="button" onClick=${copy}>Copy as curl</button>
      <span role="status">${copied}</span>
      <details><summary>curl command</summary><pre class="json">${curl}</pre></details>
    </div>
    ${errors !== undefined && html`<div class="field-errors" role="group" aria-label="Field errors">
      <h3>Field errors (422)</h3>
      <p class="muted">Marked beside the fields of the request body below.</p>
      ${elsewhere.length > 0 && html`<p>Not in the body:</p><ul>${elsewhere.map((field) =>
        html`<li><code>${field}</code>: ${errors[field]?.join(' ')}</li>`)}</ul>`}
    </div>`}
    <h3>Request</h3>
    ${Object.keys(entry.query).length > 0 && html`<h4>Query</h4><${JsonView} value=${entry.query} label="Query" />`}
    <h4>Headers</h4>
    <${HeaderTable} headers=${entry.headers} caption="Request headers" />
    <h4>Body</h4>
    <${JsonView} value=${entry.body} marks=${errors} label="Request body" />
    <h3>Response</h3>
    <h4>Headers</h4>
    <${HeaderTable} headers=${entry.response_headers} caption="Response headers" />
    <h4>Body</h4>
    <${JsonView} value=${entry.response_body} label="Response body" />
  </section>`
}

export function RequestsPanel ({ spaces }: { spaces: Space[] }): VNode {
  const [filters, setFilters] = useState<Filters>({ space: '', statusClass: '', route: '' })
  const [rows, setRows] = useState<Summary[]>([])
  const [loaded, setLoaded] = useState(false)
  const [more, setMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [state, setState] = useState<StreamState>('connecting')
  const [selected, setSelected] = useState<number | null>(null)
  const [routes, setRoutes] = useState<string[]>([])
  const current = useRef({ filters, rows })
  current.current = { filters, rows }

  const params = (f: Filters, extra: Record<string, number | undefined>) => query({
    space_id: spaceParam(f.space),
    status_class: f.statusClass,
    route: f.route,
    limit: PAGE,
    ...extra
  })
  const learnRoutes = (found: Summary[]): void => {
    setRoutes((known) => {
      const all = new Set(known)
      for (const row of found) if (row.route !== null) all.add(row.route)
      return all.size === known.length ? known : [...all].sort()
    })
  }

  // The list for the filters, then live entries as they come.
  useEffect(() => {
    let cancelled = false
    setLoaded(false)
    setError(null)
    get<{ data: Summary[] }>(`/requests/summaries${params(filters, {})}`).then(({ data }) => {
      if (cancelled) return
      setRows(merge([], data))
      setMore(data.length === PAGE)
      learnRoutes(data)
      setLoaded(true)
    }, (e) => { if (!cancelled) setError(e) })
    return () => { cancelled = true }
  }, [filters])

  useEffect(() => openJournalStream({
    onEntry: (row) => {
      learnRoutes([row])
      if (matches(row, current.current.filters)) setRows((old) => merge(old, [row]))
    },
    onGap: () => {
      const { filters: f, rows: r } = current.current
      const since = r[0]?.id ?? 0
      get<{ data: Summary[] }>(`/requests/summaries${params(f, { since_id: since, limit: 1000 })}`)
        .then(({ data }) => { setRows((old) => merge(old, data)) }, setError)
    },
    onState: setState
  }), [])

  const older = async (): Promise<void> => {
    const last = rows[rows.length - 1]
    if (last === undefined) return
    try {
      const { data } = await get<{ data: Summary[] }>(`/requests/summaries${params(filters, { before_id: last.id })}`)
      setRows((old) => [...old, ...data.sort((a, b) => b.id - a.id)])
      setMore(data.length === PAGE)
    } catch (e) {
      setError(e)
    }
  }

  const set = (name: keyof Filters) => (event: Event) => {
    setFilters({ ...filters, [name]: (event.currentTarget as HTMLSelectElement).value })
  }
  const spaceName = useMemo(() => new Map(spaces.map((s) => [s.id, s.name])), [spaces])

  return html`<div class="requests">
    <form class="filters" aria-label="Filters" onSubmit=${(e: Event) => { e.preventDefault() }}>
      <label>Space
        <select value=${filters.space} onChange=${set('space')}>
          <option value="">All Spaces</option>
          ${spaces.map((s) => html`<option value=${String(s.id)}>${s.id} · ${s.name}</option>`)}
          <option value="none">No Space (401)</option>
        </select>
      </label>
      <label>Status
        <select value=${filters.statusClass} onChange=${set('statusClass')}>
          <option value="">Any</option>
          <option value="2">2xx</option>
          <option value="4">4xx</option>
          <option value="5">5xx</option>
          <option value="0">Dropped</option>
        </select>
      </label>
      <label>Route
        <select value=${filters.route} onChange=${set('route')}>
          <option value="">Any</option>
          ${routes.map((route) => html`<option value=${route}>${route}</option>`)}
        </select>
      </label>
      <span class=${`live ${state}`} role="status">${STATE_TEXT[state]}</span>
    </form>
    <${ErrorLine} error=${error} />
    <div class=${selected === null ? 'split' : 'split open'}>
      <div class="list" data-loaded=${loaded ? 'true' : undefined}>
        <table class="rows">
          <caption class="sr-only">Requests received, newest first</caption>
          <thead><tr>
            <th scope="col">Time</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Status</th>
            <th scope="col" class="num">Latency</th><th scope="col" class="num">Budget left</th>
            <th scope="col">Fault</th><th scope="col">Warning</th>
          </tr></thead>
          <tbody>${rows.map((row) => html`<tr key=${row.id} class=${row.id === selected ? 'selected' : ''}
            data-id=${row.id} data-status=${row.status}>
            <td title=${row.time}>${row.time.slice(11, 23)}</td>
            <td class="method">${row.method}</td>
            <td class="path">
              <button type="button" class="link" aria-current=${row.id === selected ? 'true' : undefined}
                title=${row.space_id === null
                  ? 'No Space'
                  : `Space ${row.space_id} · ${spaceName.get(row.space_id) ?? ''}`}
                onClick=${() => { setSelected(row.id) }}>${row.path}</button>
            </td>
            <td><span class=${`status ${statusClass(row.status)}`}>${
              row.status === 0 ? 'dropped' : row.status}</span></td>
            <td class="num">${row.duration_ms} ms</td>
            <td class="num">${
              row.rate_limit === null ? '—' : `${row.rate_limit.remaining}/${row.rate_limit.limit}`}</td>
            <td>${row.fault ?? ''}</td>
            <td class="warning">${row.warning ?? ''}</td>
          </tr>`)}</tbody>
        </table>
        ${loaded && rows.length === 0 && html`<p class="muted empty">No requests yet. Send one to
          <code>/public-api/v1</code> and it appears here.</p>`}
        ${more && html`<button type="button" onClick=${older}>Older requests</button>`}
      </div>
      ${selected !== null && html`<${Detail} id=${selected} spaces=${spaces} onClose=${() => { setSelected(null) }} />`}
    </div>
  </div>`
}
