// Small pieces the panels share: pretty JSON (with a Laravel 422's errors marked beside the fields they name),
// a confirmation dialog, an error line, header tables.
import { html } from 'htm/preact'
import type { ComponentChildren, VNode } from 'preact'
import { useCallback, useRef, useState } from 'preact/hooks'
import { CallError } from './api.js'

export const errorText = (error: unknown): string =>
  error instanceof CallError ? `${error.status}: ${error.message}` : String((error as Error)?.message ?? error)

export function ErrorLine ({ error }: { error: unknown }): VNode | null {
  if (error === null || error === undefined) return null
  const fields = error instanceof CallError
    ? (error.body as { errors?: Record<string, string[]> } | null)?.errors
    : undefined
  return html`<div class="error" role="alert">
    ${errorText(error)}
    ${fields !== undefined && html`<ul>${Object.entries(fields).map(([field, messages]) =>
      html`<li><code>${field}</code>: ${messages.join(' ')}</li>`)}</ul>`}
  </div>`
}

interface Line {
  depth: number
  parts: ComponentChildren[]
  /** The Laravel field path of what the line shows (emails.0, custom_fields.profile_field_26). */
  path: string
}

const scalar = (value: unknown): VNode => {
  const kind = value === null ? 'null' : typeof value
  return html`<span class=${`j-${kind}`}>${JSON.stringify(value)}</span>`
}

function lines (value: unknown, key: string | null, path: string[], last: boolean, depth: number, out: Line[]): void {
  const label = key === null ? [] : [html`<span class="j-key">${JSON.stringify(key)}</span>`, ': ']
  const comma = last ? '' : ','
  const at = path.join('.')
  if (typeof value !== 'object' || value === null) {
    out.push({ depth, parts: [...label, scalar(value), comma], path: at })
    return
  }
  const isArray = Array.isArray(value)
  const children = isArray ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  const [open, close] = isArray ? ['[', ']'] : ['{', '}']
  if (children.length === 0) {
    out.push({ depth, parts: [...label, `${open}${close}`, comma], path: at })
    return
  }
  out.push({ depth, parts: [...label, open], path: at })
  children.forEach(([k, v], i) => {
    lines(v, isArray ? null : k, [...path, k], i === children.length - 1, depth + 1, out)
  })
  out.push({ depth, parts: [close, comma], path: '' })
}

/** The paths of every value in a JSON document, as Laravel names fields. */
export function jsonPaths (value: unknown): Set<string> {
  const out: Line[] = []
  lines(value, null, [], true, 0, out)
  return new Set(out.map((line) => line.path).filter((path) => path !== ''))
}

/** Pretty JSON; `marks` (a 422's `errors`) are shown beside the lines of the fields they name. */
export function JsonView ({ value, marks, label }: {
  value: unknown
  marks?: Record<string, string[]>
  label: string
}): VNode {
  if (value === undefined || value === null || value === '') {
    return html`<p class="muted">${value === null ? 'No body.' : 'Empty.'}</p>`
  }
  if (typeof value === 'string') return html`<pre class="json" aria-label=${label}>${value}</pre>`
  const out: Line[] = []
  lines(value, null, [], true, 0, out)
  return html`<pre class="json" aria-label=${label}>${out.map((line) => {
    const messages = line.path === '' ? undefined : marks?.[line.path]
    return html`<div class=${messages === undefined ? 'j-line' : 'j-line j-marked'} style=${{
      paddingLeft: `${line.depth * 2}ch`
    }}>${line.parts}${messages !== undefined && html`<span class="j-mark" data-field=${line.path}>
      ${'  ← '}${messages.join(' ')}</span>`}</div>`
  })}</pre>`
}

export function HeaderTable ({ headers, caption }: { headers: Record<string, string>, caption: string }): VNode {
  const names = Object.keys(headers).sort()
  if (names.length === 0) return html`<p class="muted">No headers.</p>`
  return html`<table class="kv">
    <caption class="sr-only">${caption}</caption>
    <tbody>${names.map((name) => html`<tr><th scope="row">${name}</th><td>${headers[name]}</td></tr>`)}</tbody>
  </table>`
}

export interface Confirmation {
  dialog: VNode
  /** Resolves true when the user confirms. */
  ask: (question: string, action: string) => Promise<boolean>
}

/** A modal confirmation (<dialog>: focus stays inside it, Escape cancels). */
export function useConfirm (): Confirmation {
  const ref = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState({ question: '', action: '' })
  const resolver = useRef<((ok: boolean) => void) | null>(null)
  const finish = (ok: boolean): void => {
    ref.current?.close()
    resolver.current?.(ok)
    resolver.current = null
  }
  const ask = useCallback(async (question: string, action: string): Promise<boolean> => {
    setText({ question, action })
    ref.current?.showModal()
    return await new Promise<boolean>((resolve) => { resolver.current = resolve })
  }, [])
  const dialog = html`<dialog ref=${ref} class="confirm" aria-labelledby="confirm-question"
    onCancel=${() => { finish(false) }}>
    <p id="confirm-question">${text.question}</p>
    <div class="buttons">
      <button type="button" onClick=${() => { finish(false) }}>Cancel</button>
      <button type="button" class="danger" onClick=${() => { finish(true) }}>${text.action}</button>
    </div>
  </dialog>`
  return { dialog, ask }
}

export const statusClass = (status: number): string => status === 0 ? 's0' : `s${Math.floor(status / 100)}`

export function seconds (ms: number): string {
  return `${Math.ceil(ms / 1000)} s`
}
