/**
 * Layer rules (DESIGN.md, "Rules that keep this picture true"), checked by `npm run lint`:
 * the engine and the block types are pure (no I/O, no Node built-ins, nothing from the server's
 * outer layers); the store depends on nothing above it; the studio imports no server runtime
 * (type-only imports of the shared contract types are allowed: they vanish at build); shared/ holds
 * the little runtime code both sides run (CSV) and depends on neither.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment: 'server/engine imports only itself, shared/ (pure: see shared-is-pure) and pure libraries: no Node built-ins, no server layer, no block type.',
      severity: 'error',
      from: { path: '^server/engine/' },
      to: { pathNot: ['^server/engine/', '^shared/', '^node_modules/(decimal\\.js|ajv|ajv-formats|@noble/hashes)/'] },
    },
    {
      name: 'blocks-are-pure',
      comment: 'server/blocks imports only the engine, other block folders and pure libraries.',
      severity: 'error',
      from: { path: '^server/blocks/' },
      to: { pathNot: ['^server/(engine|blocks)/', '^shared/', '^node_modules/decimal\\.js/'] },
    },
    {
      name: 'shared-is-pure',
      comment:
        'shared/ is code both the studio (in the browser) and the server run: it imports only itself, papaparse and ajv-i18n (plus the types of ajv), nothing of either side and no Node built-in.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/papaparse/', '^node_modules/ajv-i18n/', '^node_modules/ajv/'] },
    },
    {
      name: 'one-csv-implementation',
      comment: 'CSV is read and written through shared/csv.ts; only the portfolio reader, which streams, drives papaparse itself (with shared/csv.ts line-end handling).',
      severity: 'error',
      from: { path: '^(server|studio)/', pathNot: '^server/simulation/portfolio-records[.]ts$' },
      to: { path: '^node_modules/papaparse/' },
    },
    {
      name: 'rjsf-core-by-module',
      comment:
        "@rjsf/core's package index re-exports getTestRegistry, which imports @rjsf/validator-ajv8 (Ajv) — not a dependency of this project: import Form and getDefaultRegistry from their own modules.",
      severity: 'error',
      from: { path: '^studio/' },
      to: { path: '^node_modules/@rjsf/(core/lib/index[.]js|validator-ajv8/)' },
    },
    {
      name: 'store-depends-on-nothing-above',
      comment: 'server/store keeps data; it may read engine types and the repository-root helper, never auth, channel, studio, routes or start-up code.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: { path: '^server/', pathNot: ['^server/(store|engine)/', '^server/root[.]ts$'] },
    },
    {
      name: 'studio-imports-no-server-runtime',
      comment:
        'studio/ talks to the server over HTTP; it may import only the contract module server/contracts.ts, whose imports and exports are all type-only (test/server/contracts.test.ts), so nothing of the server reaches the bundle.',
      severity: 'error',
      from: { path: '^studio/' },
      to: { path: '^server/', pathNot: '^server/contracts[.]ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'Import circles make layers meaningless and start-up order fragile. The swc parser cannot tell type-only imports apart, so a circle of types counts too: name the type where both sides may import it.',
      severity: 'error',
      from: { path: '^(server|studio|shared)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^studio/dist/'] },
    // TypeScript 7 has no JS API for dependency-cruiser; @swc/core parses the sources (it does not tell type-only imports apart).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types', 'typings'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
