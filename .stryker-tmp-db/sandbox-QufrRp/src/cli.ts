#!/usr/bin/env node
// @ts-nocheck
// The command's entry. Node 22's compile cache (a no-op on Node 20) must be on before the rest is loaded,
// hence the dynamic import: the cache then covers every module (or the bundle's one chunk) after this one.
import module from 'node:module'

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
await import('./cli-main.js')
