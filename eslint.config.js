// The page code's lint: undefined names, unused variables and imports, in the browser's
// globals (the worker's too). `make lint` runs it.
import globals from 'globals';

export default [
  {
    files: ['www/src/**/*.js', 'tests/e2e/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'no-unreachable': 'error',
      'no-dupe-keys': 'error',
    },
  },
];
