// `npm test`: typecheck, lint, unit tests, build, end-to-end tests, then one summary line.
//
// Every step runs even if an earlier one failed, except e2e, which needs a successful build.
// The VERY LAST line printed is `N passed, N failed`:
//   passed = vitest numPassedTests (reports/unit.json) + Playwright stats.expected + stats.flaky (reports/e2e.json)
//   failed = vitest numFailedTests + Playwright stats.unexpected
//          + 1 for each failed typecheck / lint / build step
//          + 1 for each missing or unreadable report (unit, e2e; e2e also when skipped because the build failed)
//          + 1 when vitest / Playwright exited non-zero although its report shows no failed test
//            (e.g. a test file that fails to import, no test files, webServer that didn't start)
// Exit code: 0 only when failed == 0.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportsDir = join(root, 'reports');
const UNIT_REPORT = join(reportsDir, 'unit.json');
const E2E_REPORT = join(reportsDir, 'e2e.json');

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Run a command with inherited stdio; resolves to its exit code (1 if it couldn't start or was killed).
 * @param {string} cmd @param {string[]} args
 * @returns {Promise<number>}
 */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped', code: number, ms: number, note?: string }[]} */
const results = [];

/**
 * @param {string} name @param {string} cmd @param {string[]} args
 * @returns {Promise<number>} exit code
 */
async function step(name, cmd, args) {
  const line = '='.repeat(72);
  console.log(`\n${line}\n== ${name}: ${[cmd, ...args].join(' ')}\n${line}`);
  const t0 = Date.now();
  const code = await run(cmd, args);
  const ms = Date.now() - t0;
  results.push({ name, status: code === 0 ? 'passed' : 'failed', code, ms });
  console.log(`== ${name}: ${code === 0 ? 'OK' : `FAILED (exit ${code})`} in ${seconds(ms)}`);
  return code;
}

/** @param {string} name @param {string} why */
function skip(name, why) {
  const line = '='.repeat(72);
  console.log(`\n${line}\n== ${name}: SKIPPED (${why})\n${line}`);
  results.push({ name, status: 'skipped', code: -1, ms: 0, note: why });
}

/** @param {string} file @returns {any} */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** @param {unknown} v */
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

const started = Date.now();
rmSync(reportsDir, { recursive: true, force: true });

const typecheck = await step('typecheck', 'npm', ['run', 'typecheck']);
const lint = await step('lint', 'npm', ['run', 'lint']);
const unit = await step('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join('reports', 'unit.json')}`,
]);
const build = await step('build', 'npm', ['run', 'build']);

let e2e = -1;
if (build !== 0) {
  skip('e2e', 'the build failed');
} else {
  let chromiumOk = true;
  try {
    const exe = findChromium();
    console.log(`\nChromium for e2e: ${exe ?? "Playwright's own browser"}`);
  } catch (err) {
    chromiumOk = false;
    console.error(`\n${err instanceof Error ? err.message : String(err)}`);
    skip('e2e', 'no Chromium found, see above');
  }
  if (chromiumOk) e2e = await step('e2e', 'npx', ['playwright', 'test']);
}

// ---- summary ----
let passed = 0;
let failed = 0;
/** @type {string[]} */
const notes = [];

for (const [name, code] of /** @type {const} */ ([['typecheck', typecheck], ['lint', lint], ['build', build]])) {
  if (code !== 0) {
    failed += 1;
    notes.push(`${name} step failed (counted as 1 failed)`);
  }
}

const unitReport = readJson(UNIT_REPORT);
if (unitReport === undefined) {
  failed += 1;
  notes.push(`unit: no report at reports/unit.json (counted as 1 failed)`);
} else {
  const p = num(unitReport.numPassedTests);
  const f = num(unitReport.numFailedTests);
  const s = num(unitReport.numPendingTests) + num(unitReport.numTodoTests);
  passed += p;
  failed += f;
  notes.push(`unit: ${p} passed, ${f} failed, ${s} skipped`);
  if (unit !== 0 && f === 0) {
    failed += 1;
    const suites = num(unitReport.numFailedTestSuites);
    notes.push(`unit: vitest exited ${unit} with no failed test${suites ? ` (${suites} failed file(s))` : ''} (counted as 1 failed)`);
  }
}

const e2eReport = existsSync(E2E_REPORT) ? readJson(E2E_REPORT) : undefined;
if (e2eReport === undefined || typeof e2eReport.stats !== 'object' || e2eReport.stats === null) {
  failed += 1;
  notes.push(`e2e: no report at reports/e2e.json (counted as 1 failed)`);
} else {
  const st = e2eReport.stats;
  const p = num(st.expected) + num(st.flaky);
  const f = num(st.unexpected);
  passed += p;
  failed += f;
  notes.push(`e2e: ${num(st.expected)} passed, ${f} failed, ${num(st.flaky)} flaky, ${num(st.skipped)} skipped`);
  const globalErrors = Array.isArray(e2eReport.errors) ? e2eReport.errors.length : 0;
  if (e2e !== 0 && f === 0) {
    failed += 1;
    notes.push(`e2e: Playwright exited ${e2e} with no failed test${globalErrors ? ` (${globalErrors} global error(s))` : ''} (counted as 1 failed)`);
  }
}

const line = '='.repeat(72);
console.log(`\n${line}\n== summary (${seconds(Date.now() - started)})\n${line}`);
for (const r of results) {
  const status = r.status === 'skipped' ? `skipped (${r.note})` : r.status === 'passed' ? 'ok' : `FAILED (exit ${r.code})`;
  console.log(`  ${r.name.padEnd(10)} ${r.status === 'skipped' ? status : `${status.padEnd(28)} ${seconds(r.ms)}`}`);
}
for (const n of notes) console.log(`  ${n}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
