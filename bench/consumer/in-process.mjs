// What a test suite does with the package: import it, start an emulator in its own process, send a first
// create. bench/run.ts runs this in a fresh process from a folder whose node_modules/cometly-emulator is this
// repository, so the import resolves as it does for a user (package.json "exports", the built bundle). Prints
// the milliseconds from before the import to the end of the 201, as JSON. The request goes through node:http,
// the client the bench uses for every server's first answer.
import { request } from 'node:http'

const started = performance.now()
const { startEmulator } = await import('cometly-emulator')
const emulator = await startEmulator()
const status = await new Promise((resolve, reject) => {
  const req = request(`${emulator.url}/public-api/v1/contacts`, {
    method: 'POST',
    agent: false,
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' }
  }, (res) => {
    res.resume()
    res.on('end', () => resolve(res.statusCode))
  })
  req.on('error', reject)
  req.end(process.env.BENCH_BODY ?? '{"emails":["ada@example.com"]}')
})
const ms = performance.now() - started
await emulator.close()
process.stdout.write(JSON.stringify({ status, ms }))
