// @ts-nocheck
// Every TypeScript block of the README and docs/*.md compiles against the real types: each ```ts block is
// written to a file of its own (importing 'cometly-emulator' reaches src/index.ts) and type-checked with the
// project's compiler options. A block that is only a fragment says so on the line before it, visibly:
// <!-- snippet: not compiled (why) -->
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// Inside the repository, so that the package's "type": "module" and its node_modules apply to the files.
const DIR = join(ROOT, 'test', 'docs', `.snippets-${process.pid}`)
const SKIP = /<!-- snippet: not compiled \(.+\) -->\s*$/

export interface Snippet { page: string, line: number, code: string, skipped: boolean }

/** The ```ts blocks of a Markdown text, with the line each starts on. */
export function snippetsOf (page: string, text: string): Snippet[] {
  const snippets: Snippet[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue
    const start = i
    const body: string[] = []
    while (++i < lines.length && !/^```\s*$/.test(lines[i] ?? '')) body.push(lines[i] ?? '')
    snippets.push({ page, line: start + 1, code: body.join('\n'), skipped: SKIP.test(lines[start - 1] ?? '') })
  }
  return snippets
}

const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort()
  .map((f) => `docs/${f}`)]
const snippets = pages.flatMap((page) => snippetsOf(page, readFileSync(join(ROOT, page), 'utf8')))

afterAll(() => { rmSync(DIR, { recursive: true, force: true }) })

describe('TypeScript in the docs', () => {
  it('finds the blocks, and skips only those marked as fragments', () => {
    const page = 'a\n```ts\nconst a = 1\n```\n<!-- snippet: not compiled (a fragment) -->\n```ts\nb\n```\n'
    expect(snippetsOf('x.md', page)).toEqual([
      { page: 'x.md', line: 2, code: 'const a = 1', skipped: false },
      { page: 'x.md', line: 6, code: 'b', skipped: true }
    ])
    expect(snippets.filter((s) => !s.skipped).length).toBeGreaterThanOrEqual(6)
    // Keep the fragments few: every skipped block is listed here on purpose.
    expect(snippets.filter((s) => s.skipped).map((s) => `${s.page}:${s.line}`)).toEqual([])
  })

  it('every block compiles against the real types', () => {
    mkdirSync(DIR, { recursive: true })
    const files = new Map<string, Snippet>()
    for (const [i, snippet] of snippets.entries()) {
      if (snippet.skipped) continue
      const file = join(DIR, `${snippet.page.replace(/[/.]/g, '-')}-${snippet.line}-${i}.ts`)
      // `export {}` makes each block a module of its own, as a file that imports anything is.
      writeFileSync(file, `${snippet.code}\nexport {}\n`)
      files.set(file, snippet)
    }
    const program = ts.createProgram([...files.keys()], {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      baseUrl: ROOT,
      paths: { 'cometly-emulator': [join(ROOT, 'src', 'index.ts')] }
    })
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
      const snippet = d.file === undefined ? undefined : files.get(d.file.fileName)
      if (d.file === undefined || d.start === undefined) return text
      const { line } = d.file.getLineAndCharacterOfPosition(d.start)
      // The block's line in its page: the fence, then the code.
      const where = snippet === undefined
        ? `${relative(ROOT, d.file.fileName)}:${line + 1}`
        : `${snippet.page}:${snippet.line + line + 1}`
      return `${where}: ${text}`
    })
    expect(problems).toEqual([])
  }, 60_000)
})
