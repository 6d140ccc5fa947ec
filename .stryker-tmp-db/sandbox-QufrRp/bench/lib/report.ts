// @ts-nocheck
// Result rows and the Markdown tables the bench prints (pasteable into the README as they are).

export interface Row {
  group: string
  scenario: string
  server: string
  rps?: number
  p50Ms?: number
  p99Ms?: number
  /** Non-2xx answers, connection errors and timeouts; anything but 0 makes the row suspect. */
  failed?: number
  /** Server CPU time per request, µs. */
  cpuUs?: number | null
  rssMaxMb?: number | null
  /** This server's req/s over the reference server's, in the same run. */
  vsReference?: number | null
  /** Why there is no figure (never a made-up one). */
  skipped?: string
}

type Cell = string | number | null | undefined

export function formatTable (header: readonly string[], rows: readonly Cell[][]): string {
  const text = (cell: Cell): string => cell === null || cell === undefined ? '' : String(cell)
  const lines = [header, header.map(() => '---'), ...rows.map((row) => row.map(text))]
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
