import { defineConfig } from 'vite';
import { serveOrtFiles } from './tools/vite/serve-ort-files.ts';
import { serviceWorkerBuild } from './tools/vite/service-worker-build.ts';

// Cross-origin isolation gives the WASM backend SharedArrayBuffer, hence more than one thread.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // 'mpa' turns off the SPA fallback: a missing /models/... file must be a 404, not index.html
  // with status 200 (transformers.js would parse that HTML as JSON and could cache it).
  appType: 'mpa',
  plugins: [serveOrtFiles(), serviceWorkerBuild()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
});
