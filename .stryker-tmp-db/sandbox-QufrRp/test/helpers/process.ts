// @ts-nocheck
// Starts the real emulator process (src/cli.ts through tsx) on port 0 and reads its URL from the ready line.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface EmulatorProcess {
  child: ChildProcess
  url: string
  /** Every line the process wrote to stdout so far (pino JSON). */
  lines: string[]
  stderr: () => string
  /** Sends a signal and waits for the exit; returns the exit code and how long the exit took. */
  stop (signal?: NodeJS.Signals): Promise<{ code: number | null, signal: NodeJS.Signals | null, ms: number }>
}

export async function startProcess (env: Record<string, string> = {}, args: string[] = []): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      COMETLY_EMULATOR_DATABASE: ':memory:',
      LOG_LEVEL: 'info',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let err = ''
  child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no ready line in 15 s; stderr: ${err}`))
    }, 15_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let nl: number
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        lines.push(line)
        const parsed = JSON.parse(line) as { url?: string, msg?: string }
        if (parsed.msg?.startsWith('cometly-emulator ready') === true && parsed.url !== undefined) {
          clearTimeout(timer)
          resolve(parsed.url)
        }
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${String(code)} before ready; stderr: ${err}`))
    })
  })
  return {
    child,
    url,
    lines,
    stderr: () => err,
    async stop (signal = 'SIGTERM') {
      const started = performance.now()
      if (child.exitCode !== null || child.signalCode !== null) {
        return { code: child.exitCode, signal: child.signalCode, ms: 0 }
      }
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
      child.kill(signal)
      const [code, sig] = await exited
      return { code, signal: sig, ms: performance.now() - started }
    }
  }
}
