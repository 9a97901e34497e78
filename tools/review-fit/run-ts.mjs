// Runs one of this folder's TypeScript tools in Node: `node tools/review-fit/run-ts.mjs <file.ts> [args]`.
// Node 20 cannot run TypeScript itself and the project has no tsx; Vite (already a dependency)
// transpiles on the fly through its module runner, the way vitest runs the unit tests.
import process from 'node:process';
import { runnerImport } from 'vite';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/review-fit/run-ts.mjs <file.ts> [args]');
  process.exit(2);
}
await runnerImport(file.startsWith('.') || file.startsWith('/') ? file : `./${file}`, { configFile: false, logLevel: 'error' });
