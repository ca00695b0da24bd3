// Lint: TypeScript recommended rules, plus the layering rules of DESIGN.md — only
// main/electron/ and preload/ may import 'electron', and only preload/ may touch ipcRenderer.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronOnlyInGlue = {
  paths: [
    {
      name: 'electron',
      message:
        "Only main/electron/ and preload/ may import 'electron' (DESIGN.md: layers point down). Put Electron glue in main/electron/ behind an interface.",
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.test-output/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', electronOnlyInGlue],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer'],
              message: 'ipcRenderer belongs to preload/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The preload is the one place ipcRenderer lives.
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
