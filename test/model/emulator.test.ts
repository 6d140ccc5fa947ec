// A model-based test of the whole emulator: fast-check generates sequences of commands (contacts, companies,
// tracked events and their reads, Spaces and keys, resets, snapshots and restores, Space export and import, clock
// moves, faults), runs each against a real
// emulator and against the model (./model.ts), and checks after every step that they agree. A failing sequence
// shrinks to a minimal one, printed with its seed and path to replay.
//
// Bounded in `npm test`: a fixed seed, 100 sequences of up to 25 commands, and a time budget. Longer soaks:
//   MODEL_SEED=<n> MODEL_RUNS=<n> MODEL_COMMANDS=<n> MODEL_SECONDS=<n> npx vitest run test/model
//   SOAK=1 npx vitest run test/model          (a random seed, 2,000 sequences of up to 60 commands, 15 minutes)
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { testApp } from '../helpers/app.js'
import { controlClient } from '../helpers/control.js'
import { reportFigures } from '../helpers/load.js'
import {
  checked, type Command, EVENT_DELAY_MS, initialModel, type Model, type Real, type Resource, stats, verifyOverHttp
} from './model.js'
import { clock, faults } from './resources/clock.js'
import { companies } from './resources/companies.js'
import { contacts } from './resources/contacts.js'
import { events } from './resources/events.js'
import { spaces } from './resources/spaces.js'
import { state } from './resources/state.js'

/** Each resource adds its commands. */
const RESOURCES: Resource[] = [spaces, contacts, companies, events, state, clock, faults]

const soak = process.env.SOAK === '1'
const SEED = Number(process.env.MODEL_SEED ?? (soak ? Date.now() % 2 ** 31 : 15_006))
const RUNS = Number(process.env.MODEL_RUNS ?? (soak ? 2000 : 100))
const MAX_COMMANDS = Number(process.env.MODEL_COMMANDS ?? (soak ? 60 : 25))
const SECONDS = Number(process.env.MODEL_SECONDS ?? (soak ? 900 : 20))

afterAll(() => {
  reportFigures('model', {
    seed: SEED,
    sequences: stats.sequences,
    commands: stats.commands,
    ...Object.fromEntries(Object.entries(stats.byName).sort()),
    budgetSeconds: SECONDS
  })
})

describe('the emulator against its model', () => {
  it('agrees after every step of random sequences of commands', async () => {
    const arbitraries = RESOURCES.flatMap((resource) => resource.commands()).map((arb) => arb.map(checked))
    const sequences = fc.commands(arbitraries, { maxCommands: MAX_COMMANDS, size: 'max' })
    await fc.assert(fc.asyncProperty(sequences, async (commands) => {
      stats.sequences++
      const t = await testApp({
        config: {
          rateLimits: false, exportQueuedMs: 0, exportProcessingMs: 0, eventDelayMs: EVENT_DELAY_MS
        }
      })
      try {
        const real: Real = { t, control: controlClient(t.app) }
        let model: Model | undefined
        await fc.asyncModelRun(() => {
          model = initialModel()
          return { model, real }
        }, commands as Iterable<Command>)
        await verifyOverHttp(model as Model, real)
      } finally {
        await t.close()
      }
    }), {
      seed: SEED,
      numRuns: RUNS,
      interruptAfterTimeLimit: SECONDS * 1000,
      markInterruptAsFailure: false,
      endOnFailure: false
    })
    expect(stats.sequences).toBeGreaterThan(0)
  }, (SECONDS + 120) * 1000)
})
