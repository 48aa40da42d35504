// The boundary rules about what a file loads when it runs (`npm run lint` runs them after .dependency-cruiser.cjs):
// the graph of static imports only. `import type` is erased by the compiler and a dynamic import() loads
// on first use, so neither counts towards what a light door costs at start.
const base = require('./.dependency-cruiser.cjs');

module.exports = {
  forbidden: [
    {
      name: 'light-door-stays-light',
      severity: 'error',
      comment: "A light door (index.light.ts) exists to load little: nothing it loads may load a module's full door, a module's routes, authentication or the HTTP error handler.",
      from: { path: '^src/(modules|platform)/[^/]+/index[.]light[.]ts$' },
      to: { path: ['^src/modules/[^/]+/index[.]ts$', '^src/modules/.+/routes[.]ts$', '^src/platform/auth/', '^src/platform/http/index[.]ts$'], reachable: true },
    },
  ],
  options: {
    ...base.options,
    tsPreCompilationDeps: false,
    exclude: { ...base.options.exclude, dynamic: true },
  },
};
