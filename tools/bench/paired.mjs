// Head to head: the best native and the best browser configuration in alternating rounds, so each
// ratio compares two measurements taken a minute apart. On a shared machine the separate phases of
// the main table can run minutes and a different neighbour load apart; runs of the whole bench gave
// best-vs-best ratios from 2.7× to 4.5×, mostly because the native side moved.

import { median, runWasmGroup } from './browser.mjs';
import { runNative } from './native.mjs';

/** The app's WASM configuration when the model is on the device: q8, 2 threads, warmed up at load. */
const BROWSER = { dtype: 'q8', threads: 2, warmUp: true };
const NATIVE = { dtype: 'q8', threads: 2 };

/**
 * `rounds` × (native, then browser): `first` captions of each are dropped, the median of the next
 * `steady` is kept. Returns one entry per round with both medians and their ratio.
 */
export async function runPairedRounds({ server, model, photo, options, rounds, first, steady, log }) {
  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const native = await runNative({ modelDir: model.dir, dtype: NATIVE.dtype, threads: NATIVE.threads, imagePath: photo.path, options, first, steady });
    const nativeMs = median(native.captions.slice(first).map((c) => c.totalMs));
    const [browser] = await runWasmGroup({ server, modelId: model.id, dtype: BROWSER.dtype, variants: [{ threads: BROWSER.threads, warmUp: BROWSER.warmUp }], options, first, steady, log: () => {} });
    const wasmMs = median(browser.captions.slice(first).map((c) => c.durationMs));
    results.push({ round, nativeMs, wasmMs, ratio: wasmMs / nativeMs });
    log(`  round ${round}: native ${NATIVE.dtype} ${NATIVE.threads}t ${Math.round(nativeMs)} ms, wasm ${BROWSER.dtype} ${BROWSER.threads}t warm-up on ${Math.round(wasmMs)} ms → ${(wasmMs / nativeMs).toFixed(2)}×`);
  }
  return { native: NATIVE, browser: BROWSER, first, steady, rounds: results };
}
