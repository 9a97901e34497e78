// `npm run lighthouse [-- --runs 3] [-- --dist dist-x] [-- --port 4175] [-- --build] [-- --cpu-time]`: issue 15's
// "light first load" measure, outside CI. Serves a built app the way the e2e tests do (`vite preview`, so the
// same cross-origin isolation and CSP headers) and runs Lighthouse with its default mobile settings (simulated
// slow 4G and a 4x slower CPU) against headless Chromium, then prints the four category scores, total blocking
// time and the long main-thread tasks of the start-up. With --runs N it prints each run and the median.
//
// Builds only when the folder is missing (or with --build), into that folder: a shared checkout's `dist` is
// left alone when another is named. The browser is $CHROME_PATH, else /usr/bin/chromium. The JSON reports stay
// in reports/lighthouse/ for a closer look (open one in https://googlechrome.github.io/lighthouse/viewer/).
//
// --cpu-time also audits each run a second time from the same trace with every event's wall-clock duration
// replaced by the CPU time its thread spent in it, and names the longest main-thread tasks by CPU time. On a
// machine busy with other work a task's wall time includes the time its thread waited for a core, which
// Lighthouse then multiplies by its CPU slowdown; the CPU-time audit estimates what the page scores on an idle
// machine of this speed (it leaves out waits that are the page's own, such as page faults).

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const cpuTime = args.includes('--cpu-time');
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
const cpuResults = [];
let failed = 0;
const lighthouse = join(root, 'node_modules', '.bin', 'lighthouse');
const common = [url, `--only-categories=${CATEGORIES.join(',')}`, '--quiet'];

/** @param {string} gathered artifacts folder @param {string} output report path */
async function audit(gathered, output) {
  const code = await run(lighthouse, [...common, `-A=${gathered}`, '--output=json', `--output-path=${output}`]);
  return code === 0 ? summarize(JSON.parse(readFileSync(output, 'utf8'))) : null;
}

/**
 * The page's longest main-thread tasks by CPU time (not multiplied by the slowdown), with the script that ran
 * in each: what a long task at start-up is made of, whatever the machine's load.
 * @param {any[]} events
 */
function longestOnCpu(events) {
  // The page's renderer is the busiest one: the navigation may leave the first (about:blank) for another.
  const cpuOf = (/** @type {any} */ thread) => events.reduce((sum, e) => (e.pid === thread.pid && e.tid === thread.tid && e.name === 'RunTask' ? sum + (e.tdur ?? 0) : sum), 0);
  const [main] = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').sort((a, b) => cpuOf(b) - cpuOf(a));
  const onMain = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X' && typeof e.tdur === 'number');
  return onMain
    .filter((e) => e.name === 'RunTask')
    .sort((a, b) => b.tdur - a.tdur)
    .slice(0, 5)
    .map((task) => {
      const inside = onMain.find((e) => e.ts >= task.ts && e.ts < task.ts + task.dur && (e.name === 'FunctionCall' || e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript'));
      return `${(task.tdur / 1000).toFixed(1)} ms${inside ? ` (${inside.name}${inside.args?.data?.url ? ` ${String(inside.args.data.url).replace(/^https?:\/\/[^/]+/, '')}` : ''})` : ''}`;
    });
}

try {
  for (let i = 1; i <= runs; i++) {
    const name = `${dist.replace(/[^\w-]/g, '_')}-${i}`;
    const gathered = join(outDir, `${name}-artifacts`);
    rmSync(gathered, { recursive: true, force: true });
    const code = await run(lighthouse, [...common, `--chrome-path=${chromePath}`, `--chrome-flags=${chromeFlags.join(' ')}`, `-G=${gathered}`]);
    const result = code === 0 ? await audit(gathered, join(outDir, `${name}.json`)) : null;
    if (!result) {
      failed = Number(code) || 1;
      console.error(`Lighthouse run ${i} failed (exit ${code}).`);
      break;
    }
    results.push(result);
    print(result, `Run ${i} of ${runs} (${dist}, report reports/lighthouse/${name}.json)`);
    if (!cpuTime) continue;
    const onCpu = `${gathered}-cpu`;
    rmSync(onCpu, { recursive: true, force: true });
    cpSync(gathered, onCpu, { recursive: true });
    const tracePath = join(onCpu, 'defaultPass.trace.json');
    const trace = JSON.parse(readFileSync(tracePath, 'utf8'));
    console.log(`  longest main-thread tasks by CPU time: ${longestOnCpu(trace.traceEvents).join(', ')}`);
    for (const event of trace.traceEvents) if (event.ph === 'X' && typeof event.tdur === 'number') event.dur = event.tdur;
    writeFileSync(tracePath, JSON.stringify(trace));
    const cpu = await audit(onCpu, join(outDir, `${name}-cpu.json`));
    if (cpu) cpuResults.push(cpu);
    if (cpu) print(cpu, `Run ${i} audited on CPU time (report reports/lighthouse/${name}-cpu.json)`);
  }
} finally {
  await server.close();
}

/** Each number's own median: the medians need not come from one run. @param {ReturnType<typeof summarize>[]} of @param {string} title */
function printMedians(of, title) {
  if (of.length < 2) return;
  const mid = (/** @type {(r: ReturnType<typeof summarize>) => number} */ pick) => median(of.map(pick));
  console.log(`\n${title} of ${of.length} runs`);
  console.log(`  scores: ${CATEGORIES.map((id) => `${id} ${mid((r) => r.scores[id])}`).join(', ')}`);
  console.log(`  total blocking time ${mid((r) => r.totalBlockingTimeMs)} ms; FCP ${mid((r) => r.firstContentfulPaintMs)} ms, LCP ${mid((r) => r.largestContentfulPaintMs)} ms, longest task ${mid((r) => Math.max(0, ...r.longTasks.map((t) => t.durationMs)))} ms`);
}
printMedians(results, 'Median');
printMedians(cpuResults, 'Median, audited on CPU time,');
process.exit(failed);
