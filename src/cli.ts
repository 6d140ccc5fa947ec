#!/usr/bin/env node
// The command from the sources (`npm run dev`, the process tests). The built command, dist/bin/cli.js, runs the
// same runCli from the bundle (scripts/bundle.ts).
import { runCli } from './cli-main.js'

await runCli(process.argv.slice(2))
