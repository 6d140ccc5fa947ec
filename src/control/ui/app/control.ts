// The Control panel: a Space's settings, its rate-limit windows as gauges, fault rules, the virtual clock,
// reset, and snapshots. Everything that destroys or replaces data asks first.
import { html } from 'htm/preact'
import type { VNode } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { call, get } from './api.js'
import { ErrorLine, seconds, useConfirm } from './components.js'
import type { ClockView, FaultRule, Gauge, Snapshot, Space } from './types.js'

const GAUGE_POLL_MS = 1000

function SpaceCard ({ space }: { space: Space }): VNode {
  const labels = Object.entries(space.custom_field_labels)
  const limits = space.rate_limits
  return html`<section class="card" aria-labelledby="space-title">
    <h2 id="space-title">Space ${space.id}: ${space.name}</h2>
    <dl class="facts">
      <dt>Keys</dt><dd>${space.api_keys.length === 0
? 'none'
: html`<ul class="inline">${space.api_keys.map((k) =>
        html`<li><code>${k.key_hint}</code>${k.scopes !== null && ` (${k.scopes.join(', ')})`}${
          k.revoked_at !== null && ' revoked'}</li>`)}</ul>`}</dd>
      <dt>Time zone</dt><dd>${space.time_zone}</dd>
      <dt>Subscription</dt><dd>${space.subscription_active ? 'active' : 'inactive (every call answers 403)'}</dd>
      <dt>Contacts</dt><dd>${space.contacts.toLocaleString('en-US')}</dd>
      <dt>Labels</dt><dd>${labels.length === 0
? 'none'
: html`<ul class="inline">${labels.map(([slot, label]) =>
        html`<li><code>${slot}</code> = ${label}</li>`)}</ul>`}</dd>
      <dt>Limits</dt><dd>${limits.enabled === false
? 'off for this Space'
        : [limits.scale !== undefined && `×${limits.scale}`,
            ...Object.entries(limits.per_minute ?? {}).map(([endpoint, n]) => `${endpoint} ${n}/min`)]
            .filter(Boolean).join(', ') || 'the table\'s'}</dd>
    </dl>
  </section>`
}

function Gauges ({ gauges }: { gauges: Gauge[] }): VNode {
  return html`<section class="card" aria-labelledby="gauges-title">
    <h2 id="gauges-title">Rate-limit windows</h2>
    <table class="rows gauges">
      <caption class="sr-only">Each endpoint's window: used of limit, and when it resets</caption>
      <thead><tr><th scope="col">Endpoint</th><th scope="col">Used</th>
        <th scope="col" class="bar-col"><span class="sr-only">Gauge</span></th>
        <th scope="col">Resets in</th></tr></thead>
      <tbody>${gauges.map((g) => {
        const share = g.limit === null || g.limit === 0 ? 0 : Math.min(1, g.used / g.limit)
        return html`<tr data-endpoint=${g.endpoint}>
          <th scope="row"><code>${g.endpoint}</code></th>
          <td class="used">${g.limit === null ? `${g.used} (no limit)` : `${g.used} of ${g.limit}`}</td>
          <td class="bar-col"><div class="bar" aria-hidden="true"><div class=${share >= 1 ? 'fill full' : 'fill'}
            style=${{ width: `${share * 100}%` }}></div></div></td>
          <td class="resets">${g.resets_in_ms === null ? '—' : seconds(g.resets_in_ms)}</td>
        </tr>`
      })}</tbody>
    </table>
  </section>`
}

const FAULT_DEFAULTS = { method: '', path: '', status: '503', latency: '', times: '', drop: false }

function Faults ({ space, ask }: { space: Space, ask: (q: string, a: string) => Promise<boolean> }): VNode {
  const [rules, setRules] = useState<FaultRule[]>([])
  const [form, setForm] = useState(FAULT_DEFAULTS)
  const [error, setError] = useState<unknown>(null)
  const load = (): void => {
    get<{ data: FaultRule[] }>(`/spaces/${space.id}/faults`).then(({ data }) => { setRules(data) }, setError)
  }
  useEffect(load, [space.id])
  const field = (name: keyof typeof form) => (event: Event) => {
    const input = event.currentTarget as HTMLInputElement
    setForm({ ...form, [name]: input.type === 'checkbox' ? input.checked : input.value })
  }
  const add = async (event: Event): Promise<void> => {
    event.preventDefault()
    setError(null)
    const number = (text: string): number | undefined => text.trim() === '' ? undefined : Number(text)
    try {
      await call('POST', `/spaces/${space.id}/faults`, {
        ...(form.method !== '' && { method: form.method }),
        ...(form.path.trim() !== '' && { path: form.path.trim() }),
        ...(number(form.status) !== undefined && { status: number(form.status) }),
        ...(number(form.latency) !== undefined && { latency_ms: number(form.latency) }),
        ...(number(form.times) !== undefined && { times: number(form.times) }),
        ...(form.drop && { drop: true })
      })
      load()
    } catch (e) {
      setError(e)
    }
  }
  const remove = async (rule: FaultRule): Promise<void> => {
    if (!await ask(`Remove fault rule ${rule.id}?`, 'Remove')) return
    try {
      await call('DELETE', `/spaces/${space.id}/faults/${rule.id}`)
      load()
    } catch (e) {
      setError(e)
    }
  }
  const describe = (rule: FaultRule): string => [
    rule.status !== undefined && `status ${rule.status}`,
    rule.latency_ms !== undefined && `${rule.latency_ms} ms latency`,
    rule.drop === true && 'drop',
    rule.times !== undefined && `${rule.times} times`,
    rule.after !== undefined && `after ${rule.after}`,
    rule.probability !== undefined && `p=${rule.probability}`
  ].filter(Boolean).join(', ')

  return html`<section class="card" aria-labelledby="faults-title">
    <h2 id="faults-title">Faults</h2>
    ${rules.length === 0
? html`<p class="muted">No fault rules in this Space.</p>`
: html`<table class="rows faults">
      <caption class="sr-only">Fault rules, in the order they are tried</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">Matches</th><th scope="col">Does</th>
        <th scope="col" class="num">Seen / fired</th>
        <th scope="col"><span class="sr-only">Remove</span></th></tr></thead>
      <tbody>${rules.map((rule) => html`<tr data-fault=${rule.id}>
        <td class="num">${rule.id}</td>
        <td>${rule.method ?? 'any method'} ${rule.path ?? 'any path'}</td>
        <td>${describe(rule)}</td>
        <td class="num">${rule.matched} / ${rule.fired}</td>
        <td><button type="button" aria-label=${`Remove fault rule ${rule.id}`}
          onClick=${() => remove(rule)}>Remove</button></td>
      </tr>`)}</tbody>
    </table>`}
    <form class="fault-form" aria-label="Add a fault rule" onSubmit=${add}>
      <label>Method
        <select value=${form.method} onChange=${field('method')}>
          <option value="">Any</option><option>GET</option><option>POST</option><option>PUT</option>
        </select>
      </label>
      <label>Path or route
        <input type="text" value=${form.path} placeholder="/public-api/v1/contacts*" onInput=${field('path')} />
      </label>
      <label>Status
        <input type="number" min="400" max="599" value=${form.status} onInput=${field('status')} />
      </label>
      <label>Latency (ms)
        <input type="number" min="0" max="600000" value=${form.latency} onInput=${field('latency')} />
      </label>
      <label>Times
        <input type="number" min="1" value=${form.times} placeholder="always" onInput=${field('times')} />
      </label>
      <label class="check">
        <input type="checkbox" checked=${form.drop} onChange=${field('drop')} /> Drop the connection</label>
      <button type="submit">Add fault</button>
    </form>
    <${ErrorLine} error=${error} />
  </section>`
}

function Clock ({ space, onMoved }: { space: Space, onMoved: () => void }): VNode {
  const [scope, setScope] = useState<'global' | 'space'>('global')
  const [view, setView] = useState<ClockView | null>(null)
  const [advance, setAdvance] = useState('60')
  const [error, setError] = useState<unknown>(null)
  const base = scope === 'global' ? '/clock' : `/spaces/${space.id}/clock`
  // What the Space's requests see, whichever layer is being moved.
  const read = (): void => { get<ClockView>(`/spaces/${space.id}/clock`).then(setView, setError) }
  useEffect(read, [space.id])
  const act = async (method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> => {
    setError(null)
    try {
      await call(method, `${base}${path}`, body)
      read()
      onMoved()
    } catch (e) {
      setError(e)
    }
  }
  return html`<section class="card" aria-labelledby="clock-title">
    <h2 id="clock-title">Virtual clock</h2>
    <p class="clock-now" role="status">${view === null
? '…'
: html`<time datetime=${view.now}>${view.now}</time>
      ${view.frozen ? ' · frozen' : ' · running'}`}</p>
    <fieldset>
      <legend>Move</legend>
      <label class="check"><input type="radio" name="clock-scope" checked=${scope === 'global'}
        onChange=${() => { setScope('global') }} /> Every Space (global clock)</label>
      <label class="check"><input type="radio" name="clock-scope" checked=${scope === 'space'}
        onChange=${() => { setScope('space') }} /> This Space only</label>
    </fieldset>
    <div class="buttons">
      <button type="button" onClick=${() => act('POST', '/freeze')}>Freeze</button>
      <button type="button" onClick=${() => act('POST', '/unfreeze')}>Unfreeze</button>
      <button type="button" onClick=${() => act('DELETE', '')}>Back to real time</button>
    </div>
    <form class="inline-form" onSubmit=${(e: Event) => {
      e.preventDefault()
      act('POST', '/advance', { ms: Math.round(Number(advance) * 1000) })
    }}>
      <label>Seconds <input type="number" value=${advance} step="any"
        onInput=${(e: Event) => { setAdvance((e.currentTarget as HTMLInputElement).value) }} /></label>
      <button type="submit">Advance</button>
    </form>
    <${ErrorLine} error=${error} />
  </section>`
}

function State ({ space, ask, onChanged }: {
  space: Space
  ask: (q: string, a: string) => Promise<boolean>
  onChanged: () => void
}): VNode {
  const [snapshots, setSnapshots] = useState<Snapshot[]>([])
  const [name, setName] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState('')
  const load = (): void => {
    get<{ data: Snapshot[] }>('/snapshots').then(({ data }) => { setSnapshots(data) }, setError)
  }
  useEffect(load, [])
  const run = async (question: string, action: string, method: 'POST' | 'DELETE', path: string, body: unknown,
    after: string): Promise<void> => {
    if (!await ask(question, action)) return
    setError(null)
    setDone('')
    try {
      await call(method, path, body)
      setDone(after)
      load()
      onChanged()
    } catch (e) {
      setError(e)
    }
  }
  return html`<section class="card" aria-labelledby="state-title">
    <h2 id="state-title">Reset and snapshots</h2>
    <div class="buttons">
      <button type="button" class="danger" onClick=${() => run(
        `Empty Space ${space.id} (${space.name})? Its contacts, journal, faults, windows and clock go.`,
        'Reset this Space', 'POST', `/spaces/${space.id}/reset`, undefined, `Space ${space.id} is empty.`)}
      >Reset this Space</button>
      <button type="button" class="danger" onClick=${() => run(
        'Empty every Space and clear every journal, fault, window and the clock?',
        'Reset everything', 'POST', '/reset', undefined, 'Every Space is empty.')}>Reset everything</button>
    </div>
    <form class="inline-form" onSubmit=${(e: Event) => {
      e.preventDefault()
      const n = name.trim()
      const replacing = snapshots.some((s) => s.name === n) ? ', replacing the one of that name' : ''
      run(`Snapshot the whole database as "${n}"${replacing}?`,
        'Take snapshot', 'POST', '/snapshots', { name: n }, `Snapshot "${n}" taken.`)
    }}>
      <label>Snapshot name <input type="text" value=${name} pattern="[A-Za-z0-9._\\-]{1,64}" required
        onInput=${(e: Event) => { setName((e.currentTarget as HTMLInputElement).value) }} /></label>
      <button type="submit">Take snapshot</button>
    </form>
    ${snapshots.length === 0
? html`<p class="muted">No snapshots.</p>`
: html`<table class="rows">
      <caption class="sr-only">Snapshots</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Taken</th><th scope="col" class="num">Size</th>
        <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${snapshots.map((s) => html`<tr data-snapshot=${s.name}>
        <td>${s.name}</td><td>${s.created_at}</td><td class="num">${Math.round(s.bytes / 1024)} KiB</td>
        <td><button type="button" aria-label=${`Restore snapshot ${s.name}`} onClick=${() => run(
          `Restore "${s.name}"? Every Space's data is replaced by the snapshot's.`, 'Restore',
          'POST', `/snapshots/${encodeURIComponent(s.name)}/restore`, undefined, `Restored "${s.name}".`)}
        >Restore</button>
        <button type="button" aria-label=${`Delete snapshot ${s.name}`} onClick=${() => run(
          `Delete snapshot "${s.name}"?`, 'Delete', 'DELETE', `/snapshots/${encodeURIComponent(s.name)}`, undefined,
          `Deleted "${s.name}".`)}>Delete</button></td>
      </tr>`)}</tbody>
    </table>`}
    <p role="status" class="done">${done}</p>
    <${ErrorLine} error=${error} />
  </section>`
}

export function ControlPanel ({ space, refreshSpaces }: { space: Space, refreshSpaces: () => void }): VNode {
  const { dialog, ask } = useConfirm()
  const [gauges, setGauges] = useState<Gauge[]>([])
  const [error, setError] = useState<unknown>(null)
  const readGauges = (): void => {
    get<{ data: Gauge[] }>(`/spaces/${space.id}/rate-limits`)
      .then(({ data }) => { setGauges(data); setError(null) }, setError)
  }
  useEffect(() => {
    readGauges()
    const timer = setInterval(readGauges, GAUGE_POLL_MS)
    return () => { clearInterval(timer) }
  }, [space.id])
  return html`<div class="control">
    ${dialog}
    <${ErrorLine} error=${error} />
    <div class="columns-2">
      <div class="stack">
        <${SpaceCard} space=${space} />
        <${Clock} space=${space} onMoved=${readGauges} />
        <${Faults} space=${space} ask=${ask} />
      </div>
      <div class="stack">
        <${Gauges} gauges=${gauges} />
        <${State} space=${space} ask=${ask} onChanged=${() => { refreshSpaces(); readGauges() }} />
      </div>
    </div>
  </div>`
}
