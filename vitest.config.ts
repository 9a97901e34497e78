import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node (no browser). Browser behaviour is covered by Playwright in e2e/.
// Standalone on purpose: vite.config.ts's dev-server plugins are not needed by node-side tests.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'tools/**/*.test.ts'],
    exclude: ['e2e/**', '**/node_modules/**', 'dist/**'],
    testTimeout: 120_000, // model tests run real (tiny) models on 2 cores
    hookTimeout: 120_000,
  },
});
