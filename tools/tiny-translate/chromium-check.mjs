// The translation fixture's held-out accuracy in Chromium (onnxruntime-web, WASM), outside the app:
// the same cases as accuracy.test.ts, translated one caption at a time by transformers.js's browser
// build from a throwaway static server. Prints exact-match counts per language and ms per caption.
//
// Usage: node tools/tiny-translate/chromium-check.mjs [COUNT_PER_LANGUAGE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFile } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { findChromium } from '../find-chromium.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const count = Number(process.argv[2] ?? 100);
const scratch = mkdtempSync(join(tmpdir(), 'tiny-translate-chromium-'));
const bundled = spawnSync('npx', ['rolldown', 'tools/tiny-translate/held-out.ts', '--platform', 'browser', '--format', 'esm', '--file', join(scratch, 'held-out.mjs')], { cwd: repo, stdio: 'inherit' });
if (bundled.status !== 0) process.exit(1);

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import { pipeline, env } from '/node_modules/@huggingface/transformers/dist/transformers.js';
import { heldOutCases } from '/scratch/held-out.mjs';
env.allowLocalModels = true;
env.allowRemoteModels = false;
env.localModelPath = '/public/models/';
env.backends.onnx.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
try {
  const translator = await pipeline('translation', 'altscribe/shapes-opus-mt-en-mul', { device: 'wasm', dtype: 'fp32' });
  const cases = heldOutCases(${count});
  const started = performance.now();
  const outputs = [];
  for (const c of cases) outputs.push((await translator(c.source))[0].translation_text);
  const msPerCaption = (performance.now() - started) / cases.length;
  const result = { msPerCaption: Number(msPerCaption.toFixed(1)), misses: [] };
  cases.forEach((c, i) => {
    result[c.language] = (result[c.language] ?? 0) + (outputs[i] === c.expected ? 1 : 0);
    if (outputs[i] !== c.expected) result.misses.push({ source: c.source, got: outputs[i], want: c.expected });
  });
  window.RESULT = result;
} catch (error) {
  window.RESULT = { error: String(error?.stack ?? error) };
}
</script>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
const server = http.createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(PAGE);
    return;
  }
  const file = path.startsWith('/scratch/') ? join(scratch, path.slice('/scratch/'.length)) : join(repo, path);
  readFile(file, (error, data) => {
    response.writeHead(error ? 404 : 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(error ? undefined : data);
  });
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const browser = await chromium.launch({ executablePath: findChromium() });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
  await page.waitForFunction(() => 'RESULT' in window, null, { timeout: 10 * 60_000 });
  const result = await page.evaluate(() => window.RESULT);
  console.log(JSON.stringify({ perLanguage: count, ...result }, null, 1));
  if (result.error) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
