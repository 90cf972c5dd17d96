import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util',
  'worker_threads', 'events', 'zlib', 'buffer', 'readline', 'module', 'process', 'timers', 'dns', 'tls',
];

// The layers are the folder names. Do not relax these rules: they keep one pipeline shared by
// the CLI, the app and the tests (core/ knows nothing of Electron or the UI), and keep the
// renderer a plain web page that talks only to the window.kirinuki contract.
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'test-results/**', 'kirinuki-projects/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', performance: 'readonly', structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'core/ is pure Node: no Electron.' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'core/ has no UI.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'core/ imports neither electron/ nor renderer/.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NODE_BUILTINS.flatMap((name) => [
          { name, message: 'renderer/ is browser code: no Node built-ins.' },
          { name: `node:${name}`, message: 'renderer/ is browser code: no Node built-ins.' },
        ]),
        patterns: [
          { group: ['electron', 'electron/*'], message: 'renderer/ talks only to window.kirinuki.' },
          { group: ['**/core/**'], allowTypeImports: true, message: 'renderer/ may import types from core/, never its runtime code.' },
        ],
      }],
    },
  },
);
