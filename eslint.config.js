import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'data/', 'coverage/', 'bench/.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  { files: ['web/src/**'], languageOptions: { globals: { ...globals.browser } } },
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] } },
  {
    // Engine differences live in src/db/ alone (DESIGN.md).
    files: ['src/**/*.ts'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "BinaryExpression[right.value=/^(sqlite|postgres)$/]",
        message: 'Ask the dialect adapter in src/db/ instead of testing which engine runs.',
      }],
    },
  },
  {
    // Domain rules are pure: no database types, no I/O (DESIGN.md).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../db/*', '../modules/*', '../http/*', '../datastore/*'], message: 'src/domain/ imports nothing with I/O.' }] }],
    },
  },
);
