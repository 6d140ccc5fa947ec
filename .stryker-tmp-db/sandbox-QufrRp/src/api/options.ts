// @ts-nocheck
import type { EmulatorCore } from '../core/emulator.js'

/** What every route module of Cometly's API is registered with: the core it serves. */
export interface ApiOptions {
  emulator: EmulatorCore
}
