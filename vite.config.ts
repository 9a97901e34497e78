import { defineConfig } from 'vite';
import { contentSecurityPolicy, contentSecurityPolicyMeta, extraModelHosts } from './tools/vite/content-security-policy.ts';
import { serveOrtFiles } from './tools/vite/serve-ort-files.ts';
import { serviceWorkerBuild } from './tools/vite/service-worker-build.ts';

// Cross-origin isolation gives the WASM backend SharedArrayBuffer, hence more than one thread.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Deploying under a sub-path: `npx vite build --base /altscribe/` (see README, "Deploying").
// A folder-URL model on a host other than Hugging Face: ALTSCRIBE_MODEL_HOSTS="https://models.example.org".
const modelHosts = extraModelHosts(process.env['ALTSCRIBE_MODEL_HOSTS']);

export default defineConfig({
  // 'mpa' turns off the SPA fallback: a missing /models/... file must be a 404, not index.html
  // with status 200 (transformers.js would parse that HTML as JSON and could cache it).
  appType: 'mpa',
  plugins: [
    serveOrtFiles(),
    serviceWorkerBuild({ contentSecurityPolicy: contentSecurityPolicy(modelHosts) }),
    contentSecurityPolicyMeta(contentSecurityPolicy(modelHosts, 'meta')),
  ],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  // No CSP in dev: Vite's hot reload injects inline styles.
  server: { headers: isolationHeaders },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy(modelHosts) } },
});
