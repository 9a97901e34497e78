// `npm run lighthouse [-- --runs 3] [-- --dist dist-x] [-- --port 4175] [-- --build] [-- --keep]`: issue 15's
// "light first load" measure, outside CI. Serves a built app the way the e2e tests do (`vite preview`, so the
// same cross-origin isolation and CSP headers) and runs Lighthouse with its default mobile settings (simulated
// slow 4G and a 4x slower CPU) against headless Chromium, then prints the four category scores, total blocking
// time and the long main-thread tasks of the start-up. With --runs N it prints each run and the median.
//
// Builds only when the folder is missing (or with --build), into that folder: a shared checkout's `dist` is
// left alone when another is named. The browser is $CHROME_PATH, else /usr/bin/chromium. The JSON reports stay
// in reports/lighthouse/ for a closer look (open one in https://googlechrome.github.io/lighthouse/viewer/).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const dist = option('dist', process.env['ALTSCRIBE_E2E_DIST'] ?? 'dist');
const port = Number(option('port', '4175'));
const runs = Math.max(1, Number(option('runs', '1')));
const chromePath = process.env['CHROME_PATH'] || '/usr/bin/chromium';
// The flags the e2e tests give Chromium, headless: no network of its own that would land in the trace.
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** @param {string} cmd @param {string[]} cmdArgs */
function run(cmd, cmdArgs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/**
 * The numbers one report gives: scores out of 100, milliseconds as Lighthouse estimates them for the
 * throttled phone (so larger than the same task on this machine).
 * @param {any} report a Lighthouse result (LHR)
 */
function summarize(report) {
  const audit = (/** @type {string} */ id) => report.audits[id];
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)]));
  const longTasks = (audit('long-tasks')?.details?.items ?? []).map((/** @type {any} */ task) => ({
    url: String(task.url).replace(/^https?:\/\/[^/]+/, ''),
    startMs: Math.round(task.startTime),
    durationMs: Math.round(task.duration),
  }));
  return {
    scores,
    totalBlockingTimeMs: Math.round(audit('total-blocking-time').numericValue),
    firstContentfulPaintMs: Math.round(audit('first-contentful-paint').numericValue),
    largestContentfulPaintMs: Math.round(audit('largest-contentful-paint').numericValue),
    speedIndexMs: Math.round(audit('speed-index').numericValue),
    longTasks,
  };
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** @param {ReturnType<typeof summarize>} result @param {string} title */
function print(result, title) {
  console.log(`\n${title}`);
  console.log(`  scores: ${CATEGORIES.map((id) => `${id} ${result.scores[id]}`).join(', ')}`);
  console.log(`  total blocking time ${result.totalBlockingTimeMs} ms; FCP ${result.firstContentfulPaintMs} ms, LCP ${result.largestContentfulPaintMs} ms, speed index ${result.speedIndexMs} ms`);
  if (result.longTasks.length === 0) console.log('  long tasks: none');
  for (const task of result.longTasks) console.log(`  long task ${task.durationMs} ms at ${task.startMs} ms in ${task.url}`);
}

if (args.includes('--build') || !existsSync(join(root, dist, 'index.html'))) {
  const built = await run('npx', ['vite', 'build', '--outDir', dist]);
  if (built !== 0) process.exit(built);
}
if (!existsSync(chromePath)) {
  console.error(`No Chromium at ${chromePath}: set CHROME_PATH to a Chrome or Chromium executable.`);
  process.exit(1);
}

const server = await preview({ root, logLevel: 'warn', build: { outDir: dist }, preview: { port, strictPort: true, open: false } });
const url = `http://localhost:${port}/`;
const outDir = join(root, 'reports', 'lighthouse');
mkdirSync(outDir, { recursive: true });
const results = [];
let failed = 0;
try {
  for (let i = 1; i <= runs; i++) {
    const output = join(outDir, `${dist.replace(/[^\w-]/g, '_')}-${i}.json`);
    const code = await run(join(root, 'node_modules', '.bin', 'lighthouse'), [
      url,
      `--chrome-path=${chromePath}`,
      `--chrome-flags=${chromeFlags.join(' ')}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--output=json',
      `--output-path=${output}`,
      '--quiet',
    ]);
    if (code !== 0) {
      failed = Number(code);
      console.error(`Lighthouse run ${i} failed (exit ${code}).`);
      break;
    }
    const result = summarize(JSON.parse(readFileSync(output, 'utf8')));
    results.push(result);
    print(result, `Run ${i} of ${runs} (${dist}, report ${output.slice(root.length + 1)})`);
  }
} finally {
  await server.close();
}
if (results.length > 1) {
  // Each number's own median: the runs' medians need not come from one run.
  const mid = (/** @type {(r: ReturnType<typeof summarize>) => number} */ pick) => median(results.map(pick));
  const longest = results.map((r) => Math.max(0, ...r.longTasks.map((t) => t.durationMs)));
  console.log(`\nMedian of ${results.length} runs`);
  console.log(`  scores: ${CATEGORIES.map((id) => `${id} ${mid((r) => r.scores[id])}`).join(', ')}`);
  console.log(`  total blocking time ${mid((r) => r.totalBlockingTimeMs)} ms; FCP ${mid((r) => r.firstContentfulPaintMs)} ms, LCP ${mid((r) => r.largestContentfulPaintMs)} ms, longest task ${median(longest)} ms`);
}
process.exit(failed);
