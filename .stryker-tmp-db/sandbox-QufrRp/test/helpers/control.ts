// @ts-nocheck
// Control-plane calls for tests: JSON in, status and JSON out, through app.inject().
import type { FastifyInstance } from 'fastify'

export interface ControlResponse {
  status: number
  body: any
  headers: Record<string, unknown>
}

export function controlClient (app: FastifyInstance, adminToken?: string) {
  return async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ControlResponse> => {
    const res = await app.inject({
      method,
      url: `/_emulator${url}`,
      ...(body !== undefined && { payload: body as object }),
      headers: adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` }
    })
    return { status: res.statusCode, body: res.body === '' ? null : res.json(), headers: res.headers }
  }
}

/** A Cometly call with a given key. */
export function cometlyClient (app: FastifyInstance, key: string) {
  return async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ): Promise<ControlResponse> => {
    const res = await app.inject({
      method,
      url: `/public-api/v1${url}`,
      ...(body !== undefined && { payload: body as object }),
      headers: { authorization: `Bearer ${key}`, ...headers }
    })
    return { status: res.statusCode, body: res.body === '' ? null : res.json(), headers: res.headers }
  }
}
