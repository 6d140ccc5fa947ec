import { Validator } from '@seriousme/openapi-schema-validator'
import { afterEach, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.js'

let t: TestApp
afterEach(async () => { await t.close() })

/** Every route (method and path) of Fastify's printRoutes() tree; HEAD twins left out. */
function servedRoutes (tree: string): string[] {
  const stack: string[] = []
  const routes: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line)
    if (match === null) continue
    const depth = (match[1] as string).length / 4
    stack.length = depth
    stack.push(match[2] as string)
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      routes.push(`${method} ${stack.join('')}`)
    }
  }
  return routes
}

describe('GET /_emulator/openapi.json', () => {
  it('is a valid OpenAPI 3 document that lists every route of both surfaces', async () => {
    t = await testApp()
    const res = await t.app.inject({ method: 'GET', url: '/_emulator/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    const result = await new Validator().validate(doc)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(doc.openapi).toBe('3.1.0')

    const documented = new Set<string>()
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`)
    }
    // Swagger UI's own pages and assets are the documentation's viewer, not part of it; the inspector's page and
    // files are a viewer too (the routes it reads are documented).
    // The served app's routes and the control plane's instance's (src/app.ts), without the catch-all that
    // forwards from one to the other.
    const control = await t.app.controlPlane?.()
    expect(control).toBeDefined()
    const served = [t.app, control as NonNullable<typeof control>]
      .flatMap((instance) => servedRoutes(instance.printRoutes({ commonPrefix: false })))
      .filter((route) => !route.endsWith(' *'))
      .filter((route) => !route.includes('/_emulator/docs') && !route.includes('/_emulator/ui'))
      .map((route) => route.replace(/:(\w+)/g, '{$1}'))
    expect(served.length).toBeGreaterThan(40)
    expect(served.filter((route) => !documented.has(route))).toEqual([])
    expect(documented).toContain('POST /public-api/v1/contacts')
    expect(documented).toContain('POST /_emulator/spaces/{spaceId}/faults')

    // Every operation says what it is, and belongs to a tag.
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { summary?: string, tags?: string[] }>>
    )) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy()
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0)
      }
    }
  })
})
