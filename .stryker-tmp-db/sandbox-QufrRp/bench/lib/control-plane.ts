// @ts-nocheck
// Control-plane timings on an emulator holding the seeded contacts: snapshot, reset (one Space, and
// everything) and restore, each timed from request to response, each checked by what the list then says.
import { type HttpResponse, send, type ServerProcess } from './processes.js'

export interface ControlPlaneResult {
  skipped?: string
  rows: Array<{ operation: string, ms: number, runs: number[] }>
}

const RUNS = 3
const TIMEOUT_MS = 120_000

export async function measureControlPlane (
  server: ServerProcess,
  { contacts, headers, listPath }: { contacts: number, headers: Record<string, string>, listPath: string }
): Promise<ControlPlaneResult> {
  const control = async (path: string, body?: unknown): Promise<{ response: HttpResponse, ms: number }> => {
    const started = performance.now()
    const response = await send(server.url, {
      method: 'POST',
      path: `/_emulator${path}`,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) })
    }, TIMEOUT_MS)
    return { response, ms: performance.now() - started }
  }
  const listed = async (): Promise<number> => {
    const response = await send(server.url, { method: 'GET', path: listPath, headers })
    if (response.status !== 200) throw new Error(`the list answered ${response.status}`)
    return (JSON.parse(response.body) as { data: unknown[] }).data.length
  }
  const expect = (what: string, { response }: { response: HttpResponse }, status: number): void => {
    if (response.status !== status) {
      throw new Error(`${what} answered ${response.status}: ${response.body.slice(0, 160)}`)
    }
  }

  const probe = await control('/snapshots', { name: 'bench' })
  if (probe.response.status === 404 || probe.response.status === 405) {
    return {
      skipped: `skipped: not implemented (POST /_emulator/snapshots answered ${probe.response.status})`,
      rows: []
    }
  }
  expect('snapshot', probe, 201)
  const times: Record<string, number[]> = {
    snapshot: [probe.ms],
    'reset one Space': [],
    'reset everything': [],
    restore: []
  }
  for (let run = 0; run < RUNS; run++) {
    if (run > 0) {
      const snapshot = await control('/snapshots', { name: 'bench' })
      expect('snapshot', snapshot, 201)
      times.snapshot!.push(snapshot.ms)
    }
    const reset = run % 2 === 0 ? await control('/spaces/1/reset') : await control('/reset')
    expect('reset', reset, 200)
    times[run % 2 === 0 ? 'reset one Space' : 'reset everything']!.push(reset.ms)
    if (await listed() !== 0) throw new Error('contacts still listed after a reset')
    const restore = await control('/snapshots/bench/restore')
    expect('restore', restore, 200)
    times.restore!.push(restore.ms)
    if (await listed() === 0) throw new Error(`no contacts listed after restoring a snapshot of ${contacts}`)
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return {
    rows: Object.entries(times).filter(([, runs]) => runs.length > 0).map(([operation, runs]) => ({
      operation: `${operation} (${contacts.toLocaleString('en-US')} contacts)`,
      ms: Math.round(median(runs)),
      runs: runs.map((ms) => Math.round(ms))
    }))
  }
}
