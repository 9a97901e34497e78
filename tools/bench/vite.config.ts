import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { serveOrtFiles } from '../vite/serve-ort-files.ts';

// The benchmark page (bench/): its own build, never part of the app's build or its precache.
// Models are not copied in (publicDir off): tools/bench/server.mjs mounts them under /models/.
// `npx vite build -c tools/bench/vite.config.ts --outDir <dir>` (tools/bench/bench.mjs does it).
const root = fileURLToPath(new URL('../../bench/', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  appType: 'mpa',
  plugins: [serveOrtFiles()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, emptyOutDir: true },
  logLevel: 'warn',
});
