// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** @param {string[]} files @param {string} regex */
function boundary(files, regex) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex, message: 'Import another module only through its index.ts.' }] }],
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
  boundary(['src/*.ts'], '^\\./modules/[a-z0-9-]+/(?!index\\.js$)'),
  boundary(['src/modules/*/*.ts', 'src/modules/*/*.tsx'], '^\\.\\./[a-z0-9-]+/(?!index\\.js$)'),
  boundary(['src/modules/*/*/*.ts'], '^\\.\\./\\.\\./[a-z0-9-]+/(?!index\\.js$)'),
  boundary(['bench/*.ts', 'test/**/*.ts'], '^\\.\\./src/modules/[a-z0-9-]+/(?!index\\.js$)'),
);
