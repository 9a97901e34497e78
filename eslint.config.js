// Enforces the folder boundaries in README.md ("How it is built"). Each block says which layer may not
// reach which; type-only imports across the worker boundary are allowed (comlink's contract).
// Between page layers imports go one way, ui → metadata-export → app → model-manager → storage,
// types included; import cycles anywhere are caught by tools/import-cycles.test.ts, which sees
// the whole graph at once.
import tseslint from 'typescript-eslint';

const ML = [
  { group: ['@huggingface/transformers', 'onnxruntime-web', 'onnxruntime-web/*', 'onnxruntime-node', 'onnxruntime-common'], message: 'All ML code lives in workers/.' },
];
const typesOnly = (folder, why) => ({ group: [`**/${folder}/**`, `**/${folder}`], allowTypeImports: true, message: why });
const folder = (name) => [`**/${name}/**`, `**/${name}`];
const pageLayer = (...extra) => [...ML, typesOnly('workers', 'Only types cross into the page from workers/.'), { group: ['lit', 'lit/*'], message: 'Rendering belongs in src/ui/.' }, ...extra];
const noWorkerCreation = {
  selector: "NewExpression[callee.name=/^(Worker|SharedWorker)$/]",
  message: 'Only src/client/ creates workers.',
};
const noServiceWorkerRegistration = {
  selector: "CallExpression[callee.property.name='register'][callee.object.property.name='serviceWorker']",
  message: 'Only src/client/ registers the service worker.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'test-results-*/**', 'node_modules/**', 'public/**', 'reports/**', 'test-results/**', 'tools/fixture-model/work/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ML,
            { group: ['comlink'], message: 'The UI talks to the worker only through src/client/.' },
            typesOnly('workers', 'The UI may import worker types only.'),
            typesOnly('client', 'The UI gets the client through the app controller; types only.'),
            { group: folder('storage'), message: 'The UI never touches IndexedDB, not even its types; record types come from src/app/card-view.ts.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noWorkerCreation, noServiceWorkerRegistration],
    },
  },
  {
    files: ['src/app/**/*.ts', 'src/model-manager/**/*.ts', 'src/metadata-export/**/*.ts', 'src/storage/**/*.ts', 'src/sw/**/*.ts', 'src/main.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: pageLayer() }],
      'no-restricted-syntax': ['error', noWorkerCreation, noServiceWorkerRegistration],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: pageLayer({ group: folder('ui'), message: 'src/app never imports src/ui/: the UI imports the app, not the other way round.' }) }],
    },
  },
  {
    // Choosing, downloading and adding models: the app's controllers use it, it never uses them.
    files: ['src/model-manager/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: pageLayer({ group: [...folder('app'), ...folder('ui')], message: 'src/model-manager sits under src/app/: it imports neither src/app/ nor src/ui/.' }) }],
    },
  },
  {
    // Saving photos with their alt-text: built on the app controller, used by the UI.
    files: ['src/metadata-export/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: pageLayer({ group: folder('ui'), message: 'src/metadata-export never imports src/ui/: the UI imports it, not the other way round.' }) }],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: pageLayer({ group: [...folder('app'), ...folder('model-manager'), ...folder('metadata-export'), ...folder('ui')], message: 'src/storage is the bottom page layer: it imports neither src/app/, src/model-manager/, src/metadata-export/ nor src/ui/.' }) }],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...ML, typesOnly('workers', 'The client imports the worker API as a type; the worker itself is loaded by URL.'), { group: ['lit', 'lit/*'], message: 'Rendering belongs in src/ui/.' }] }],
    },
  },
  {
    files: ['src/models/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', '!../models/*', 'lit', 'lit/*', 'comlink', 'idb', '@huggingface/*', 'onnxruntime-*'], message: 'src/models/ is pure data and functions: it imports only itself.' }] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator', 'indexedDB', 'localStorage', 'location'],
    },
  },
  {
    files: ['src/alttext/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(?!models/)', message: 'src/alttext/ is pure text rules: it imports only itself and src/models.' },
            { group: ['lit', 'lit/*', 'comlink', 'idb', '@huggingface/*', 'onnxruntime-*'], message: 'src/alttext/ is pure text rules: it imports only itself and src/models.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator', 'indexedDB', 'localStorage', 'location'],
    },
  },
  {
    files: ['src/review/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(?!models/|alttext/)', message: 'src/review/ is pure scoring: it imports only itself, src/models and src/alttext.' },
            { group: ['lit', 'lit/*', 'comlink', 'idb', '@huggingface/*', 'onnxruntime-*'], message: 'src/review/ is pure scoring: it imports only itself, src/models and src/alttext.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator', 'indexedDB', 'localStorage', 'location'],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['lit', 'lit/*', '**/src/ui/**', '**/src/client/**', '**/src/app/**', '**/src/model-manager/**', '**/src/metadata-export/**'], message: 'Workers do ML, not UI.' }] },
      ],
      'no-restricted-syntax': ['error', noServiceWorkerRegistration],
    },
  },
  {
    // A poll with a timeout fails on a busy machine for no reason; wait on the thing itself.
    files: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['waitFor', 'waitUntil'].map((property) => ({
          object: 'vi',
          property,
          message: 'Unit tests do not wait on the clock: await an event, a promise or a mock call with src/test-support/wait.ts (until, nextEvent, called, signal), or use fake timers.',
        })),
      ],
    },
  },
);
