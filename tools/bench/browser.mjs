// Browser side: headless Chromium (the e2e tests' flags), cross-origin isolated, through the
// app's real CaptionClient and worker on the bench page (bench/bench-page.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../find-chromium.mjs';

/** The same flags as playwright.config.ts. */
export const BASE_ARGS = ['--no-sandbox', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WEBGPU_ARGS = [...BASE_ARGS, '--enable-unsafe-webgpu'];

/** A persistent profile in a fresh folder: closing and reopening it keeps IndexedDB (the warm load). */
export async function openProfile(args) {
  const dir = mkdtempSync(join(tmpdir(), 'altscribe-bench-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: findChromium({ install: false }), headless: true, args });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => void errors.push(String(e)));
  return {
    context,
    page,
    errors,
    version: context.browser()?.version() ?? null,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openBenchPage(page, url) {
  await page.goto(`${url}/index.html`);
  await page.waitForFunction(() => 'altscribeBench' in window);
}

/**
 * One model+dtype on a fresh profile: the first config loads cold (from the server), every later
 * one reloads the page and loads warm (from IndexedDB). Each config gets a fresh worker (reload).
 * @param {{ server: any, modelId: string, dtype: string, variants: { threads: number, warmUp?: boolean, build?: 'plain' | 'asyncify', spinWait?: boolean, freeDimensions?: Record<string, number> }[], options: object, first: number, steady: number, log: (s: string) => void }} run
 */
export async function runWasmGroup({ server, modelId, dtype, variants, options, first, steady, log }) {
  const profile = await openProfile(BASE_ARGS);
  const results = [];
  try {
    for (const [index, variant] of variants.entries()) {
      await openBenchPage(profile.page, server.url);
      server.takeModelBytes();
      // A variant's fields are the bench page's load levers by the same names.
      const load = await profile.page.evaluate((r) => window.altscribeBench.load(r), { modelId, device: 'wasm', dtype, ...variant });
      const { bytes: serverBytes, files: serverFiles } = server.takeModelBytes();
      const captions = [];
      for (let i = 0; i < first + steady; i++) captions.push(await profile.page.evaluate((o) => window.altscribeBench.capturePhoto(o), options));
      log(`  wasm ${dtype} ${variant.threads}t ${load.wasmBuild ?? '?'} build, warmUp=${variant.warmUp ?? 'default'}: ready ${Math.round(load.readyMs)} ms (${index === 0 ? 'cold' : 'warm'}), threads ${load.wasmThreads}, caption median ${Math.round(median(captions.slice(first).map((c) => c.durationMs)))} ms`);
      results.push({ device: 'wasm', modelId, dtype, threads: variant.threads, warmUp: variant.warmUp ?? null, spinWait: variant.spinWait ?? null, freeDimensions: variant.freeDimensions ?? null, build: load.wasmBuild, load: { ...load, kind: index === 0 ? 'cold' : 'warm', serverBytes, serverFiles }, captions, first });
    }
    await profile.page.evaluate(() => window.altscribeBench.dispose());
  } finally {
    results.forEach((r) => (r.consoleErrors = profile.errors.slice(0, 10)));
    results.forEach((r) => (r.chromium = profile.version));
    await profile.close();
  }
  return results;
}

/** WebGPU on SwiftShader, functional only: the fixture model's caption of a known scene. */
export async function runWebGpuCheck({ server, modelId, options, seed, log }) {
  const profile = await openProfile(WEBGPU_ARGS);
  try {
    await openBenchPage(profile.page, server.url);
    const load = await profile.page.evaluate((r) => window.altscribeBench.load(r), { modelId, device: 'webgpu', dtype: 'fp32', warmUp: false });
    const caption = await profile.page.evaluate(({ s, o }) => window.altscribeBench.captionShapes(s, o), { s: seed, o: options });
    const ok = load.device === 'webgpu' && caption.text.trim() === caption.expected.trim();
    log(`  webgpu ${load.device}/${load.dtype}: "${caption.text}" expected "${caption.expected}" → ${ok ? 'OK' : 'MISMATCH'}`);
    return { device: 'webgpu', modelId, load, caption, ok, consoleErrors: profile.errors.slice(0, 10), chromium: profile.version };
  } finally {
    await profile.close();
  }
}

/** JPEG files of shapes scenes made in the browser (the app-overhead run drops them into the app). */
export async function makeShapeFiles({ server, count, seed }) {
  const profile = await openProfile(BASE_ARGS);
  try {
    await openBenchPage(profile.page, server.url);
    return await profile.page.evaluate(({ c, s }) => window.altscribeBench.shapeFiles(c, s), { c: count, s: seed });
  } finally {
    await profile.close();
  }
}

export function median(values) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
