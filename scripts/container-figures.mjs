// The container's figures, each beside a baseline measured in the same run on the same engine:
//   - docker run → first 201 (a create), against a hello-world node container on the image's own base, which
//     answers 201 to anything; runs interleaved, after one unmeasured run of each;
//   - idle CPU of a running container (its cgroup's CPU time over a quiet window, the healthcheck's probes
//     included), against the same image probed by node as it used to be, and the hello-world container;
//   - the image's size against its base image's.
// Prints one JSON object. scripts/container-test.sh and `npm run bench` run it.
//   node scripts/container-figures.mjs IMAGE [BASE]     (RUNS=11, IDLE_SECONDS=20)
// 11 runs of each, not 5: one engine's starts spread by tens of ms, and a median of 5 moved the ratio by 0.05.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'

const [image, base = 'node:22-slim'] = process.argv.slice(2)
if (image === undefined) throw new Error('usage: node scripts/container-figures.mjs IMAGE [BASE]')
const RUNS = Number(process.env.RUNS ?? 11)
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 20)
const NAME = `cometly-figures-${process.pid}`
const BODY = '{"emails":["ada@example.com"]}'
// The hello-world container: node's http server, no framework, no database.
const HELLO = 'require("http").createServer((q, s) => { q.resume(); q.on("end", () => { ' +
  's.writeHead(201, { "content-type": "application/json" }); s.end("{\\"id\\":1}") }) }).listen(4010, "0.0.0.0")'
// The healthcheck the image had before (node per probe), for the idle comparison.
const NODE_PROBE = 'node -e "fetch(\'http://127.0.0.1:4010/_emulator/health\')' +
  '.then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"'

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
const sleep = async (ms) => await new Promise((resolve) => setTimeout(resolve, ms))
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const round = (n, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits

async function freePort () {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function post (port) {
  return await new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/public-api/v1/contacts',
      method: 'POST',
      agent: false,
      headers: { authorization: 'Bearer cometly-dev-key', 'content-type': 'application/json' }
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)) })
    req.on('error', () => resolve(0))
    req.setTimeout(2000, () => req.destroy())
    req.end(BODY)
  })
}

const remove = (name) => { try { docker('rm', '-f', '-v', name) } catch {} }

/** docker run (detached, a published port) → the first 201, in ms; the container is left running. */
async function firstAnswer (name, args) {
  const port = await freePort()
  const started = performance.now()
  docker('run', '-d', '--name', name, '-p', `127.0.0.1:${port}:4010`, ...args)
  const deadline = started + 60_000
  while (await post(port) !== 201) {
    if (performance.now() > deadline) throw new Error(`${name}: no 201 within 60 s`)
    await sleep(5)
  }
  return performance.now() - started
}

/** The container's CPU time so far, µs, from its cgroup (v1's cpuacct, else v2's cpu.stat). */
function cpuUsageUs (name) {
  const pid = docker('inspect', '-f', '{{.State.Pid}}', name)
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n')
  const v1 = lines.map((l) => l.split(':')).find(([, controllers]) => controllers?.split(',').includes('cpuacct'))
  if (v1 !== undefined) {
    return Number(readFileSync(`/sys/fs/cgroup/cpuacct${v1[2]}/cpuacct.usage`, 'utf8')) / 1000
  }
  const v2 = lines.find((l) => l.startsWith('0::'))
  if (v2 === undefined) throw new Error(`no cgroup CPU accounting found for ${name}`)
  const stat = readFileSync(`/sys/fs/cgroup${v2.slice(3)}/cpu.stat`, 'utf8')
  return Number(/usage_usec (\d+)/.exec(stat)[1])
}

async function waitHealthy (name) {
  const deadline = performance.now() + 60_000
  for (;;) {
    const status = docker('inspect', '-f', '{{if .State.Health}}{{.State.Health.Status}}{{end}}', name)
    if (status === 'healthy' || status === '') return
    if (status === 'unhealthy') throw new Error(`${name} is unhealthy`)
    if (performance.now() > deadline) throw new Error(`${name} not healthy after 60 s`)
    await sleep(100)
  }
}

/** % of one core that a running container uses while nothing calls it, over IDLE_SECONDS. */
async function idleCpu (name, args) {
  try {
    await firstAnswer(name, args)
    await waitHealthy(name)
    await sleep(3000)
    const before = cpuUsageUs(name)
    await sleep(IDLE_SECONDS * 1000)
    return round((cpuUsageUs(name) - before) / (IDLE_SECONDS * 10_000), 2)
  } finally {
    remove(name)
  }
}

const subjects = {
  emulator: [image],
  hello: ['--entrypoint', 'node', base, '-e', HELLO]
}
const runs = { emulator: [], hello: [] }
const healthyMs = []
try {
  for (let run = 0; run <= RUNS; run++) {
    for (const [subject, args] of Object.entries(subjects)) {
      const name = `${NAME}-${subject}`
      try {
        const started = performance.now()
        const ms = await firstAnswer(name, args)
        if (subject === 'emulator' && run > 0) {
          await waitHealthy(name)
          healthyMs.push(round(performance.now() - started, 0))
        }
        if (run > 0) runs[subject].push(round(ms, 0))
      } finally {
        remove(name)
      }
    }
  }
  const idle = {
    emulator: await idleCpu(`${NAME}-idle`, [image]),
    emulatorWithNodeProbe: await idleCpu(`${NAME}-idle-node`, ['--health-cmd', NODE_PROBE, image]),
    hello: await idleCpu(`${NAME}-idle-hello`, subjects.hello)
  }
  const imageBytes = Number(docker('image', 'inspect', '-f', '{{.Size}}', image))
  const baseBytes = Number(docker('image', 'inspect', '-f', '{{.Size}}', base))
  console.log(JSON.stringify({
    engine: docker('version', '-f', '{{.Server.Version}}'),
    runs: RUNS,
    firstAnswerMs: {
      emulator: median(runs.emulator),
      hello: median(runs.hello),
      ratio: round(median(runs.emulator) / median(runs.hello), 2),
      emulatorRuns: runs.emulator,
      helloRuns: runs.hello
    },
    healthyMs: { median: median(healthyMs), runs: healthyMs },
    idleCpuPercentOfCore: { ...idle, seconds: IDLE_SECONDS },
    image: { bytes: imageBytes, baseBytes, overBaseMb: round((imageBytes - baseBytes) / 1e6, 1) }
  }))
} finally {
  for (const subject of ['emulator', 'hello', 'idle', 'idle-node', 'idle-hello']) remove(`${NAME}-${subject}`)
}
