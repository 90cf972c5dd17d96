import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util',
  'worker_threads', 'events', 'zlib', 'buffer', 'readline', 'module', 'process', 'timers', 'dns', 'tls',
];

// Which core/ folder may import which: each folder's allow-list, lowest layers first. Together they
// keep the folders free of import cycles (tests/unit/lint-core-layers.test.ts checks that this
// table has none). Do not relax these rules to make an import work: move the shared piece down to
// the folder that owns it instead (a type to its leaf module, orchestration to pipeline/).
// Files directly in core/ (errors, cancel, progress, resources) are the floor every folder may use.
export const CORE_LAYERS = {
  fs: [],
  math: [],
  media: ['fs', 'math'],
  project: ['fs'],
  youtube: ['fs', 'project'],
  chat: ['fs', 'math'],
  captions: ['fs'],
  telops: ['captions', 'fs', 'math', 'project'],
  moments: ['captions', 'chat', 'fs', 'math', 'project', 'youtube'],
  acquire: ['captions', 'chat', 'fs', 'media', 'project', 'youtube'],
  faces: ['fs', 'math', 'media', 'project'],
  reframe: ['faces', 'fs', 'math', 'media', 'project'],
  guidelines: ['fs', 'project', 'youtube'],
  export: ['acquire', 'captions', 'chat', 'fs', 'guidelines', 'math', 'media', 'moments', 'project', 'reframe', 'telops', 'youtube'],
  report: ['fs', 'moments', 'project'],
  publish: ['export', 'fs', 'project', 'youtube'],
  pipeline: ['acquire', 'captions', 'chat', 'export', 'faces', 'fs', 'guidelines', 'math', 'media', 'moments', 'project', 'reframe', 'report', 'telops', 'youtube'],
  queue: ['acquire', 'captions', 'chat', 'export', 'faces', 'fs', 'guidelines', 'math', 'media', 'moments', 'pipeline', 'project', 'reframe', 'report', 'telops', 'youtube'],
  demo: ['acquire', 'captions', 'chat', 'export', 'faces', 'fs', 'math', 'media', 'moments', 'pipeline', 'project', 'reframe', 'telops', 'youtube'],
  app: ['acquire', 'captions', 'chat', 'export', 'faces', 'fs', 'guidelines', 'math', 'media', 'moments', 'pipeline', 'project', 'publish', 'reframe', 'report', 'telops', 'youtube'],
  serve: ['app', 'fs'],
  cli: ['acquire', 'app', 'captions', 'chat', 'demo', 'export', 'faces', 'fs', 'guidelines', 'math', 'media', 'moments', 'pipeline', 'project', 'publish', 'queue', 'reframe', 'report', 'serve', 'telops', 'youtube'],
};

const CORE_PURE = [
  { group: ['electron', 'electron/*'], message: 'core/ is pure Node: no Electron.' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'core/ has no UI.' },
  { group: ['**/electron/**', '**/renderer/**'], message: 'core/ imports neither electron/ nor renderer/.' },
];

// Only core/faces/nets/ reaches into face-api and tfjs (their internals are listed in its README).
const FACE_NETS_ONLY = [
  { group: ['@vladmandic/face-api', '@vladmandic/face-api/*', '@tensorflow/*'], message: 'Only core/faces/nets/ may import face-api or tfjs.' },
];

function layerRule(folder, allowed, extra) {
  const banned = Object.keys(CORE_LAYERS).filter((other) => other !== folder && !allowed.includes(other));
  return {
    files: [`core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...CORE_PURE,
          ...extra,
          ...banned.map((other) => ({ group: [`../${other}/*`, `../../${other}/*`, `../../../${other}/*`], message: `core/${folder}/ may not import core/${other}/ (see CORE_LAYERS in eslint.config.js).` })),
        ],
      }],
    },
  };
}

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
      'no-restricted-imports': ['error', { patterns: [...CORE_PURE, ...FACE_NETS_ONLY] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  ...Object.entries(CORE_LAYERS).map(([folder, allowed]) => layerRule(folder, allowed, FACE_NETS_ONLY)),
  { ...layerRule('faces', CORE_LAYERS.faces, []), files: ['core/faces/nets/**/*.ts'] },
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
