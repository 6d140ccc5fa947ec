// @ts-nocheck
import neostandard, { resolveIgnoresFromGitignore } from 'neostandard'

export default [
  ...neostandard({
    ts: true,
    ignores: [...resolveIgnoresFromGitignore(), 'bench/results/**']
  }),
  { rules: { '@stylistic/max-len': ['error', { code: 120, ignoreUrls: true }] } },
  // Migrations are frozen once shipped (a new one is added, an old one never edited), line lengths included.
  { files: ['migrations/**'], rules: { '@stylistic/max-len': 'off' } }
]
