// @ts-nocheck
// The layers of src/ and their one-way doors (docs/architecture.md). `npm run lint` runs this: an import that
// runs up a layer, across the two HTTP surfaces, or round in a cycle fails the lint step.
const layer = (name, from, allowed) => ({
  name,
  severity: 'error',
  comment: `${from} may import only ${allowed.join(', ')} and packages`,
  from: { path: `^${from}` },
  to: { path: '^(src|migrations)/', pathNot: allowed.map((a) => `^${a}`) }
})

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import cycle', from: {}, to: { circular: true } },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'two folders that import each other',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true }
    },
    layer('wire-imports-only-packages', 'src/wire/', ['src/wire/']),
    layer('db-imports-wire', 'src/db/', ['src/wire/', 'src/db/', 'migrations/']),
    layer('core-imports-db-and-wire', 'src/core/', ['src/wire/', 'src/db/', 'src/core/']),
    layer('http-imports-core-and-wire', 'src/http/', ['src/wire/', 'src/core/', 'src/http/']),
    layer('api-is-a-surface', 'src/api/', ['src/wire/', 'src/db/', 'src/core/', 'src/http/', 'src/api/']),
    layer('control-is-a-surface', 'src/control/', ['src/wire/', 'src/db/', 'src/core/', 'src/http/', 'src/control/']),
    layer('migrations-are-frozen', 'migrations/', ['migrations/']),
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'an import that resolves to nothing',
      from: {},
      to: { couldNotResolve: true }
    },
    {
      name: 'declared-packages-only',
      severity: 'error',
      comment: 'a package that package.json does not declare',
      from: { path: '^(src|migrations)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] }
    },
    {
      name: 'runtime-needs-runtime-dependencies',
      severity: 'error',
      comment: 'src/ must not import a devDependency at run time',
      from: { path: '^(src|migrations)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types']
    },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
