// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'web/dist/', 'bench/results/', '*.config.js', '.dependency-cruiser.cjs'] },
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
  // The rules of hooks for the web app, both as errors. The plugin's React-Compiler checks (setState in an
  // effect and the like) stay off until the web app's data hooks become one data layer (issue 9 §8).
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Import boundaries (module doors, platform below modules, pure cores, no cycles) are in .dependency-cruiser.cjs.
  // Only platform/access mints a ClientPermit (after deciding and auditing); a cast elsewhere would forge one.
  {
    files: ['src/**/*.ts', 'bench/*.ts', 'test/**/*.ts'],
    ignores: ['src/platform/access/client-access.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "TSAsExpression > TSTypeReference[typeName.name='ClientPermit']", message: 'Only platform/access mints a ClientPermit.' }] },
  },
);
