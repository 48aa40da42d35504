// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The bootstrap actor (platform/access/bootstrap.ts) is for the seed, tests and benchmarks: the app never mints one. */
const noBootstrap = { regex: '(access/|^\\./)bootstrap\\.js$', message: 'Only the seed, tests and benchmarks act as the bootstrap.' };

/** @param {string[]} files @param {string} regex @param {{ regex: string, message: string }[]} more */
function boundary(files, regex, more = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex, message: 'Import another module only through its index.ts.' }, ...more] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'web/dist/', 'bench/results/', '*.config.js'] },
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
  // A module is entered only through its index.ts (CONVENTIONS.md): no reaching into another module's files.
  boundary(['src/*.ts'], '^\\./modules/[a-z0-9-]+/(?!index\\.js$)', [noBootstrap]),
  boundary(['src/modules/*/*.ts', 'src/modules/*/*.tsx'], '^\\.\\./[a-z0-9-]+/(?!index\\.js$)', [noBootstrap]),
  boundary(['src/modules/*/*/*.ts'], '^\\.\\./\\.\\./[a-z0-9-]+/(?!index\\.js$)', [noBootstrap]),
  { files: ['src/platform/**/*.ts'], ignores: ['src/platform/access/bootstrap.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noBootstrap] }] } },
  // Only platform/access mints a ClientPermit (after deciding and auditing); a cast elsewhere would forge one.
  {
    files: ['src/**/*.ts', 'bench/*.ts', 'test/**/*.ts'],
    ignores: ['src/platform/access/client-access.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "TSAsExpression > TSTypeReference[typeName.name='ClientPermit']", message: 'Only platform/access mints a ClientPermit.' }] },
  },
  boundary(['bench/*.ts', 'test/**/*.ts'], '^\\.\\./src/modules/[a-z0-9-]+/(?!index\\.js$)'),
);
