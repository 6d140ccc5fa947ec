// @ts-nocheck
// Starting, timing and stopping the servers under test, each as its own Node process on 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'

export interface Probe {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  status: number
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** From spawn() to the end of the first response with the probe's status. */
  spawnToFirstMs: number
  stderr: () => string
  stop (): Promise<void>
}

export async function freePort (): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

export interface HttpResponse { status: number, body: string }

/** One request on a fresh connection; rejects on a connection error (e.g. not listening yet). */
export async function send (url: string, probe: Omit<Probe, 'status'>, timeoutMs = 10_000): Promise<HttpResponse> {
  return await new Promise((resolve, reject) => {
    const req = request(
      `${url}${probe.path}`,
      { method: probe.method, headers: probe.headers, agent: false },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => { body += chunk })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    req.setTimeout(timeoutMs, () => req.destroy(
      new Error(`no answer from ${url}${probe.path} in ${timeoutMs / 1000} s`)
    ))
    req.end(probe.body)
  })
}

const POLL_MS = 2
const START_TIMEOUT_MS = 20_000

/**
 * Spawns `node <script>` and polls it with the probe until the probe's status comes back; the time from
 * spawn() to then is the cold start. Bounded: a server that is not up in 20 s is killed and reported.
 */
export async function startServer (script: string, env: Record<string, string>, probe: Probe): Promise<ServerProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let stderr = ''
  const started = performance.now()
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before answering: ${stderr}`)
    if (performance.now() - started > START_TIMEOUT_MS) {
      await stop()
      throw new Error(`${script} did not answer ${probe.status} within ${START_TIMEOUT_MS / 1000} s: ${stderr}`)
    }
    try {
      const response = await send(url, probe)
      if (response.status === probe.status) {
        return { child, url, spawnToFirstMs: performance.now() - started, stderr: () => stderr, stop }
      }
      if (response.status !== 503) {
        await stop()
        throw new Error(`${script} answered ${response.status} instead of ${probe.status}: ${response.body}`)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') {
        await stop()
        throw error
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** Resident set size in MB, from /proc (Linux); undefined where there is no /proc. */
export function rssMb (pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match === null ? undefined : Number(match[1]) / 1024
  } catch {
    return undefined
  }
}

/** CPU time (user + system) a process has used so far, ms, from /proc (Linux); undefined elsewhere. */
export function cpuMs (pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 1000 / CLOCK_TICKS
  } catch {
    return undefined
  }
}

// USER_HZ: 100 on every Linux that Node supports.
const CLOCK_TICKS = 100
