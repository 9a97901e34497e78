// The app's own overhead per image: the fixture shapes model through the real app UI (a built app,
// the photo picker's input, cards, IndexedDB), wall time from adding N photos until all are done,
// minus the time the worker itself reports for each caption (CaptionOutcome.durationMs, stored
// with every result). What remains is main-thread intake, queueing, worker messages, IndexedDB
// writes and rendering.

import { BASE_ARGS, openProfile } from './browser.mjs';

const FIXTURE = 'altscribe/shapes-captioner';

/** Waits in the page until `count` results are stored and none is queued or running; returns them. */
function settled(page, count, timeoutMs) {
  return page.evaluate(
    ({ count, timeoutMs }) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          const open = indexedDB.open('altscribe');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('results')) return void (db.close(), setTimeout(poll, 50));
            const all = db.transaction('results').objectStore('results').getAll();
            all.onsuccess = () => {
              db.close();
              const rows = all.result.map((r) => ({ fileName: r.fileName, status: r.status, text: r.text, durationMs: r.durationMs }));
              if (rows.length >= count && !rows.some((r) => r.status === 'queued' || r.status === 'running')) resolve({ at: Date.now(), rows });
              else if (Date.now() > deadline) reject(new Error(`timed out: ${rows.length} stored`));
              else setTimeout(poll, 50);
            };
          };
        };
        poll();
      }),
    { count, timeoutMs },
  );
}

/** A locator handler fires only while Playwright acts, so poll in short steps and click Download if asked. */
async function settledWhileConsenting(page, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const download = page.locator('download-consent [data-role=download]');
    if (await download.isVisible()) await download.click({ timeout: 1000 }).catch(() => {});
    try {
      return await settled(page, count, 1000);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * @param {{ server: any, files: { name: string, base64: string, expected: string }[], log: (s: string) => void }} run
 *   server: serving the built app (its dist holds public/models, the fixture included).
 */
export async function runAppOverhead({ server, files, log }) {
  const [warm, ...batch] = files;
  if (!warm || !batch.length) throw new Error('need at least two images');
  const profile = await openProfile(BASE_ARGS);
  try {
    const { page } = profile;
    // A fresh profile asks before the first model download; answer Download whenever it shows.
    await page.addLocatorHandler(page.locator('download-consent [data-role=download]'), (button) => button.click());
    await page.goto(`${server.url}/?model=${encodeURIComponent(FIXTURE)}&device=wasm`);
    await page.getByRole('button', { name: 'Choose photos…' }).waitFor();
    const input = page.locator('drop-zone input[data-role=photos-input]');
    const asFile = (f) => ({ name: f.name, mimeType: 'image/jpeg', buffer: Buffer.from(f.base64, 'base64') });
    // One photo first, so the model load and the first (slow) caption are not in the timed batch.
    await input.setInputFiles([asFile(warm)]);
    await settledWhileConsenting(page, 1, 180_000);
    const started = Date.now();
    await input.setInputFiles(batch.map(asFile));
    const done = await settled(page, files.length, 300_000);
    const rows = done.rows.filter((r) => batch.some((f) => f.name === r.fileName));
    const wallMs = done.at - started;
    const workerMs = rows.map((r) => r.durationMs ?? NaN);
    const meanWorker = workerMs.reduce((s, v) => s + v, 0) / workerMs.length;
    const correct = rows.filter((r) => {
      const expected = batch.find((f) => f.name === r.fileName)?.expected ?? '';
      return r.text.toLowerCase().replace(/[.\s]+$/, '') === expected.toLowerCase().replace(/[.\s]+$/, '');
    }).length;
    const perImageMs = wallMs / batch.length;
    log(`  app: ${batch.length} photos in ${wallMs} ms → ${perImageMs.toFixed(0)} ms/photo, worker ${meanWorker.toFixed(0)} ms, overhead ${(perImageMs - meanWorker).toFixed(0)} ms/photo; ${rows.filter((r) => r.status === 'done').length} done, ${correct} text matches`);
    return { modelId: FIXTURE, images: batch.length, wallMs, perImageMs, workerMs, meanWorkerMs: meanWorker, overheadPerImageMs: perImageMs - meanWorker, done: rows.filter((r) => r.status === 'done').length, textMatches: correct, consoleErrors: profile.errors.slice(0, 10) };
  } finally {
    await profile.close();
  }
}
