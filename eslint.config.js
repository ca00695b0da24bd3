// Lint: TypeScript recommended rules, plus the layering rules of DESIGN.md — only
// main/electron/ and preload/ may import 'electron', only preload/ may touch ipcRenderer, and
// each layer imports only the layers below it (eslint-local/code-layering.js, configured here).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import codeLayering from './eslint-local/code-layering.js';

const electronOnlyInGlue = {
  paths: [
    {
      name: 'electron',
      message:
        "Only main/electron/ and preload/ may import 'electron' (DESIGN.md: layers point down). " +
        'Put Electron glue in main/electron/ behind an interface.',
    },
  ],
};

const DOMAINS = ['main/workplace/', 'main/intel/', 'main/detect/', 'main/sync/', 'main/govern/', 'main/posture/'];
const SHELLS_AND_FACADE = ['main/electron/', 'main/host/', 'main/cli/', 'main/console/'];

// Each layer says what it may import and why; the lint message repeats both.
const layering = {
  layers: [
    ...DOMAINS.map((domain) => ({
      name: domain.slice(0, -1),
      files: [domain],
      forbid: SHELLS_AND_FACADE,
      because:
        'domains are composed by the facade (main/console) and served by the shells (electron, host, cli); ' +
        'importing them back makes a cycle and ties domain logic to one shell. Take what you need as a ' +
        'parameter or an interface the facade passes in (DESIGN.md: layers point down).',
    })),
    {
      name: 'main/store',
      files: ['main/store/'],
      allowOnly: ['main/runtime/', 'preload/contract'],
      because:
        'the store is the bottom domain: every other domain depends on it, so it depends on none of them ' +
        '(that would be a cycle) and on no shell. Move the shared piece into main/runtime or the contract, or ' +
        'have the caller pass it in (DESIGN.md: store/ imports no other domain).',
    },
    {
      name: 'main/runtime',
      files: ['main/runtime/'],
      allowOnly: ['preload/contract'],
      because:
        'runtime basics (errors, events, data dir, settings, secrets) sit under every layer, the store ' +
        'included; importing anything above them would pull that layer under the store.',
    },
    {
      name: 'preload/contract',
      files: ['preload/contract/'],
      allowOnly: [],
      because:
        'the contract is shared by main, the preload and the sandboxed renderer, so it stays free of any ' +
        'main-process code (and of Node and DOM APIs).',
    },
    {
      name: 'renderer',
      files: ['renderer/'],
      allowOnly: ['preload/contract'],
      because:
        'the renderer is a sandboxed web page: it reaches main only through window.guard, and the contract ' +
        '(operations, events, their schemas and types) is the one vocabulary both sides share.',
    },
    {
      name: 'main/demo',
      files: ['main/demo/'],
      allowOnly: ['main/intel/'],
      because:
        "the demo community stands in for Workplace's servers: sharing the client's code would make it agree " +
        "with the client's bugs. It may use the IP data of main/intel to place its users.",
    },
  ],
  doors: [
    {
      target: 'main/demo/',
      onlyFrom: ['main/console/in-app-demo.ts', 'main/cli/commands/demo-server.ts'],
      because:
        'the demo is a separate server the product starts on request (the in-app demo, the demo-server ' +
        'command); nothing else may depend on it, so it stays out of every other code path.',
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
      // Prettier breaks code at 120; this catches what it cannot break (strings, comments).
      'max-len': ['error', { code: 120, ignoreUrls: true }],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { local: { rules: { 'code-layering': codeLayering } } },
    rules: { 'local/code-layering': ['error', layering] },
  },
  {
    // Type-aware rules only where they matter most, so lint stays fast: in the main process a
    // promise nobody awaits or catches fails silently, or kills the process when it rejects.
    files: ['main/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }] },
  },
  {
    // Generated geography (country shapes, city tables): long lines of data, not code.
    files: ['main/demo/geo-data.ts'],
    rules: { 'max-len': 'off' },
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
