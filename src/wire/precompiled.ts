// The routes' validators generated at build time, by key (precompiledKey in src/wire/validation.ts): each a
// function that makes the validator on its first use. In the sources this is empty, and every schema is compiled
// by Ajv on its first use; `npm run bundle` puts the generated module in its place
// (scripts/precompile-validators.ts), so that the built emulator's first request compiles nothing.
import type { ValidateFunction } from 'ajv'

export const PRECOMPILED: Readonly<Record<string, () => ValidateFunction>> = {}
