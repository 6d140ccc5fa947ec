// The container's figures (scripts/container-figures.mjs) when a Docker engine answers: the image is built from
// this checkout first, as the container test does. Without an engine, the figures are skipped, with the reason.
import { execFile } from 'node:child_process'

export interface ContainerFigures {
  engine: string
  runs: number
  firstAnswerMs: { emulator: number, hello: number, ratio: number, emulatorRuns: number[], helloRuns: number[] }
  healthyMs: { median: number, runs: number[] }
  idleCpuPercentOfCore: { emulator: number, emulatorWithNodeProbe: number, hello: number, seconds: number }
  image: { bytes: number, baseBytes: number, overBaseMb: number }
}

export type ContainerResult = { skipped: string } | { figures: ContainerFigures }

const IMAGE = 'cometly-emulator:bench'
const BASE = 'node:22-slim'

async function run (command: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return await new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${command} ${args.join(' ')}: ${error.message} ${stderr.slice(-2000)}`))
      else resolve(stdout)
    })
  })
}

export async function measureContainer (root: string): Promise<ContainerResult> {
  try {
    await run('docker', ['info'], root, 10_000)
  } catch {
    return { skipped: 'skipped: no Docker engine answers' }
  }
  try {
    await run('docker', ['build', '--force-rm', '-t', IMAGE, '.'], root, 15 * 60_000)
    const out = await run(process.execPath, ['scripts/container-figures.mjs', IMAGE, BASE], root, 10 * 60_000)
    return { figures: JSON.parse(out) as ContainerFigures }
  } catch (error) {
    return { skipped: `skipped: ${(error as Error).message}` }
  }
}
