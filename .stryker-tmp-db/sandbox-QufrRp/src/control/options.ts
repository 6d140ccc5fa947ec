// @ts-nocheck
import type { EmulatorCore } from '../core/emulator.js'

/** What every control route module is registered with: the core it adapts to HTTP. */
export interface ControlOptions {
  emulator: EmulatorCore
}
