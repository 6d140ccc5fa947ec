// Runs the built command once (start, a create, a read, a list, health) and stops it, so that the bundle's V8
// code cache (src/load-bundle.ts) holds the bytecode of a start and of the first requests. The Docker build runs
// it, so that a container's first start is as fast as the next ones. Fails if no cache file was written.
//   node scripts/warm-code-cache.mjs
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const KEY = 'warm-code-cache-key'
const child = spawn(process.execPath, ['dist/bin/cli.js'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    COMETLY_EMULATOR_DATABASE: ':memory:',
    COMETLY_EMULATOR_API_KEY: KEY,
    LOG_LEVEL: 'info'
  },
  stdio: ['ignore', 'pipe', 'inherit']
})
const timer = setTimeout(() => { child.kill('SIGKILL') }, 30_000)
const url = await new Promise((resolve, reject) => {
  let buffer = ''
  child.stdout.on('data', (chunk) => {
    buffer += chunk
    const ready = buffer.split('\n').map((line) => { try { return JSON.parse(line) } catch { return {} } })
      .find((line) => line.msg?.startsWith('cometly-emulator ready'))
    if (ready !== undefined) resolve(ready.url)
  })
  child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before it was ready`)))
})
const call = async (method, path, body) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) })
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
  return JSON.parse(text)
}
const { id } = await call('POST', '/public-api/v1/contacts', {
  emails: ['ada@example.com'],
  phones: ['+15551234567'],
  names: ['Ada Lovelace'],
  locations: ['London'],
  custom_fields: { profile_field_1: 'vip', profile_field_16: '500', profile_field_26: '2024-01-01 00:00:00' }
})
await call('GET', `/public-api/v1/contacts/${id}`)
await call('GET', '/public-api/v1/contacts?start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00')
await call('GET', '/_emulator/health')
const exited = once(child, 'exit')
child.kill('SIGTERM')
const [code] = await exited
clearTimeout(timer)
if (code !== 0) throw new Error(`the emulator exited with ${code} after SIGTERM`)
const caches = readdirSync(new URL('../dist/bin/.code-cache/', import.meta.url))
if (caches.length === 0) throw new Error('no code cache was written')
console.log(`code cache: ${caches.join(', ')}`)
