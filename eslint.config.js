// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'web/dist/', 'bench/results/', 'web/public/', '*.config.js', '.dependency-cruiser.cjs', '.dependency-cruiser.runtime.cjs', 'bench/support/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Fastify plugins and handlers are async by contract even when a body has nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The rules of hooks and the plugin's React-Compiler checks, as errors. The data hooks that set state in
  // effects are gone (one data layer, api/use-api.ts). Two checks stay off for what is not data fetching:
  // set-state-in-effect for layout.tsx (menu closes on navigation), map/region-map.tsx (map ready), use-now.ts,
  // supervision-section.tsx (form follows loaded settings), nurse duty-card.tsx and status-steps.tsx (announce
  // and move focus after a change) and session.tsx (signed-out event); refs for nurse incident-page.tsx (an
  // incident seen open before, read while rendering). Each wants its own rewrite (derived state or a key).
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs['recommended-latest'].rules, 'react-hooks/exhaustive-deps': 'error', 'react-hooks/set-state-in-effect': 'off', 'react-hooks/refs': 'off' },
  },
  // Import boundaries (module doors, platform below modules, pure cores, no cycles) are in .dependency-cruiser.cjs.
  // Only platform/access mints a ClientPermit (after deciding and auditing); a cast elsewhere would forge one.
  {
    files: ['src/**/*.ts', 'bench/*.ts', 'test/**/*.ts'],
    ignores: ['src/platform/access/client-access.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "TSAsExpression > TSTypeReference[typeName.name='ClientPermit']", message: 'Only platform/access mints a ClientPermit.' }] },
  },
);
