import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './tools/find-chromium.mjs';

// End-to-end tests against the production build (`npm run build` must have run: tools/run-tests.mjs does it).
// Headless Chromium facts this relies on are in shared/notes/headless-chromium.md:
// - WebGPU works headless on SwiftShader with `--enable-unsafe-webgpu` only (never `--use-angle=vulkan`: flaky);
//   the SwiftShader adapter has no `shader-f16`.
// - localhost is a secure context, so clipboard, service worker and WebGPU work over plain http.
// - The clipboard is shared by every context of one browser: keep workers at 1.

const executablePath = findChromium();

const baseArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Override when 4173 is taken (e.g. by a `vite preview` you are looking at): ALTSCRIBE_E2E_PORT=4174 npm run test:e2e
const PORT = Number(process.env['ALTSCRIBE_E2E_PORT'] ?? 4173);
const baseURL = `http://localhost:${PORT}`;
// Parallel work on one machine: each checkout-sharing run can build to its own folder
// (`npx vite build --outDir dist-x`) and point e2e at it with ALTSCRIBE_E2E_DIST=dist-x.
const DIST = process.env['ALTSCRIBE_E2E_DIST'] ?? 'dist';
const suffix = DIST === 'dist' ? '' : `-${DIST}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1, // 2 cores; model inference is CPU-heavy and the clipboard is per-browser
  retries: 0,
  forbidOnly: !!process.env['CI'],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: `reports/e2e${suffix}.json` }]],
  outputDir: `test-results${suffix}`,
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: baseURL,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    // Read works only when granted; write works regardless. Both are honoured headless.
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'wasm',
      grepInvert: /@webgpu/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: baseArgs },
      },
    },
    {
      name: 'webgpu',
      grep: /@webgpu/,
      // SwiftShader compiles every WebGPU kernel in software: a first caption takes ~35 s on an
      // idle 2-core machine and several times that when the machine is busy.
      timeout: 240_000,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] },
      },
    },
  ],
});
