// @ts-nocheck
import { testApp } from '../test/helpers/app.ts'
const t = await testApp()
const r = await Promise.allSettled([t.app.emulator.spaces.create({ name: 'x' }), t.app.emulator.spaces.create({ name: 'x' })])
console.log(r.map((x) => x.status === 'fulfilled' ? 'ok' : `${(x.reason as Error).constructor.name} ${(x.reason as Error).message}`))
await t.close()
