// `npm run bench:backlog [-- N] [-- --no-build] [-- --no-reload] [-- --input]`: issue 4's scale bar at size N
// (default 1000; 10000 for the full backlog), outside CI. Builds, then runs e2e/backlog.spec.ts
// with BACKLOG_N=N in Chromium (WASM) and prints reports/backlog-<N>.json: among the numbers intakeMs
// (choosing the folder until every card is stored), reopenMs (the reload until every unfinished
// photo is queued again) and traceSummary (each main-thread task over 50 ms by cause, from a light
// trace streamed during every run).
//
// ALTSCRIBE_E2E_DIST / ALTSCRIBE_E2E_PORT choose the build folder and port as for the e2e tests.
// BACKLOG_RELOAD_AFTER=M reloads once M photos are done instead of half of them (M=50: nearly the
// whole backlog is reopened, within two minutes of the start).
// --input picks the folder through <input webkitdirectory> (Firefox, Safari) instead of Chromium's
// showDirectoryPicker. Measured on the 2-core machine: ~230–480 photos a minute once captioning runs.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const dist = process.env['ALTSCRIBE_E2E_DIST'] ?? 'dist';

/** @param {string} cmd @param {string[]} cmdArgs @param {Record<string, string>} env */
function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

if (!args.includes('--no-build')) {
  const built = await run('npx', ['vite', 'build', '--outDir', dist]);
  if (built !== 0) process.exit(built);
}
const code = await run('npx', ['playwright', 'test', 'e2e/backlog.spec.ts', '--project=wasm', '--reporter=list'], {
  BACKLOG_N: String(count),
  BACKLOG_RELOAD: args.includes('--no-reload') ? '0' : '1',
  BACKLOG_PICKER: args.includes('--input') ? 'input' : 'fsa',
  ALTSCRIBE_E2E_DIST: dist,
});
try {
  const report = JSON.parse(readFileSync(join(root, `reports/backlog-${count}.json`), 'utf8'));
  // intakeMs, reopenMs and traceSummary (each long task's cause) are among the numbers; the traced tasks themselves stay in the file.
  const { longTasks, wrong, modelMisses, scrolled, traced: _traced, ...numbers } = report;
  console.log(JSON.stringify({ ...numbers, wrong: wrong.length, modelMisses: modelMisses.length, longTasks: longTasks.count, longestTaskMs: longTasks.maxMs, scrolls: scrolled.after.join() !== scrolled.before.join() }, null, 2));
} catch {
  console.error(`no reports/backlog-${count}.json`);
}
process.exit(code);
