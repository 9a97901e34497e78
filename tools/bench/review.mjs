// `npm run bench:review -- [N] [--seed S] [--no-build] [--second MODEL]`: issue 14's review-priority
// measurement through the built app. Builds, then runs e2e/review-bench.spec.ts with REVIEW_BENCH=1
// in Chromium (WASM): N hard shapes images (default 300) with a second opinion on every result;
// the dump lands in reports/review-<seed>-<N>.json (`--second none`: the first model alone, -alone.json;
// `--default-scope`: the app's own second-opinion scope instead of every caption, -default.json). Fit and report from one or more dumps with
// `node tools/review-fit/run-ts.mjs tools/review-fit/fit.ts reports/review-<seed>-<N>.json --write`.
//
// ALTSCRIBE_E2E_DIST / ALTSCRIBE_E2E_PORT choose the build folder and port as for the e2e tests.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const valueOf = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const count = Number(args.find((a, i) => /^\d+$/.test(a) && !['--seed'].includes(args[i - 1] ?? '')) ?? 300);
const seed = Number(valueOf('--seed') ?? 1);
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
const code = await run('npx', ['playwright', 'test', 'e2e/review-bench.spec.ts', '--project=wasm', '--reporter=list'], {
  REVIEW_BENCH: '1',
  REVIEW_BENCH_N: String(count),
  REVIEW_BENCH_SEED: String(seed),
  ...(valueOf('--second') ? { REVIEW_BENCH_SECOND: valueOf('--second') } : {}),
  ...(args.includes('--default-scope') ? { REVIEW_BENCH_SCOPE: 'default' } : {}),
  ALTSCRIBE_E2E_DIST: dist,
});
const suffix = valueOf('--second') === 'none' ? '-alone' : args.includes('--default-scope') ? '-default' : '';
const dump = join(root, `reports/review-${seed}-${count}${suffix}.json`);
console.log(existsSync(dump) ? `dump: ${dump}` : `no ${dump}`);
process.exit(code);
