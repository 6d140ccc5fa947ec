// The inspector's page: three panels (Requests, Data, Control) over the emulator's control plane. With an
// admin token configured, the page asks for it once and keeps it in this tab's session storage.
import './style.css'
import { html, render } from 'htm/preact'
import type { VNode } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { get, onTokenNeeded, setToken } from './api.js'
import { ErrorLine } from './components.js'
import { ControlPanel } from './control.js'
import { DataPanel } from './data.js'
import { RequestsPanel } from './requests.js'
import type { Space } from './types.js'

const PANELS = [
  { id: 'requests', label: 'Requests' },
  { id: 'data', label: 'Data' },
  { id: 'control', label: 'Control' }
] as const
type PanelId = typeof PANELS[number]['id']

// The request list does not wait for the Spaces (they only name the filter's options): one round trip less
// before the first rows.
const NO_SPACES: Space[] = []

const panelOf = (hash: string): PanelId =>
  PANELS.find((p) => `#${p.id}` === hash)?.id ?? 'requests'

function TokenForm ({ onToken }: { onToken: () => void }): VNode {
  const [value, setValue] = useState('')
  return html`<form class="card token" aria-labelledby="token-title" onSubmit=${(e: Event) => {
    e.preventDefault()
    setToken(value)
    onToken()
  }}>
    <h2 id="token-title">Admin token</h2>
    <p>This emulator's control plane needs its admin token (<code>COMETLY_EMULATOR_ADMIN_TOKEN</code>). The page
      keeps it in this tab only, and sends it in the Authorization header, never in a URL.</p>
    <label>Token <input type="password" autocomplete="off" required value=${value}
      onInput=${(e: Event) => { setValue((e.currentTarget as HTMLInputElement).value) }} /></label>
    <button type="submit">Use this token</button>
  </form>`
}

function App (): VNode {
  const [panel, setPanel] = useState<PanelId>(panelOf(location.hash))
  const [spaces, setSpaces] = useState<Space[] | null>(null)
  const [spaceId, setSpaceId] = useState<number | null>(null)
  const [needToken, setNeedToken] = useState(false)
  // Bumped when a token is given: every panel mounts again and reads with it.
  const [epoch, setEpoch] = useState(0)
  const [error, setError] = useState<unknown>(null)

  const refreshSpaces = (): void => {
    get<{ data: Space[] }>('/spaces').then(({ data }) => {
      setSpaces(data)
      setError(null)
      setSpaceId((id) => data.some((s) => s.id === id) ? id : data[0]?.id ?? null)
    }, (e) => { setError(e) })
  }
  useEffect(() => onTokenNeeded(() => { setNeedToken(true) }), [])
  useEffect(refreshSpaces, [epoch])
  useEffect(() => {
    const follow = (): void => { setPanel(panelOf(location.hash)) }
    addEventListener('hashchange', follow)
    return () => { removeEventListener('hashchange', follow) }
  }, [])
  // The Space's counts (contacts) change under the Data and Control panels: read them again on entering one.
  useEffect(() => { if (panel !== 'requests' && !needToken) refreshSpaces() }, [panel])

  const space = spaces?.find((s) => s.id === spaceId)
  const title = PANELS.find((p) => p.id === panel)?.label ?? ''
  return html`<div class="shell">
    <header>
      <h1>cometly-emulator <span class="muted">inspector</span></h1>
      <nav aria-label="Panels">${PANELS.map((p) => html`<a href=${`#${p.id}`}
        aria-current=${p.id === panel ? 'page' : undefined}>${p.label}</a>`)}</nav>
      ${panel !== 'requests' && spaces !== null && html`<label class="space-pick">Space
        <select value=${String(spaceId ?? '')} onChange=${(e: Event) => {
          setSpaceId(Number((e.currentTarget as HTMLSelectElement).value))
        }}>${spaces.map((s) => html`<option value=${String(s.id)}>${s.id} · ${s.name}</option>`)}</select>
      </label>`}
    </header>
    <main aria-label=${title}>
      ${needToken && html`<${TokenForm} onToken=${() => { setNeedToken(false); setEpoch(epoch + 1) }} />`}
      ${!needToken && html`<${ErrorLine} error=${error} />`}
      ${!needToken && (spaces !== null || panel === 'requests') && html`<div key=${epoch}>
        ${panel === 'requests' && html`<${RequestsPanel} spaces=${spaces ?? NO_SPACES} />`}
        ${panel === 'data' && (space === undefined
          ? html`<p class="muted">No Space.</p>`
          : html`<${DataPanel} space=${space} />`)}
        ${panel === 'control' && (space === undefined
          ? html`<p class="muted">No Space.</p>`
          : html`<${ControlPanel} space=${space} refreshSpaces=${refreshSpaces} />`)}
      </div>`}
    </main>
  </div>`
}

const root = document.getElementById('app')
if (root !== null) {
  root.textContent = ''
  render(html`<${App} />`, root)
}
