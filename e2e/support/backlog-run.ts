/**
 * The backlog scale run (issue 4's scale bar), shared by e2e/backlog.spec.ts (N = 200, in CI)
 * and `npm run bench:backlog` (N = 1,000 / 10,000): N shapes images in one picked folder,
 * captioned by the fixture model, with the numbers the issue asks for written to
 * reports/backlog-<N>.json.
 *
 * Progress is read from the page title and the stored results, never by walking the card
 * list: the list is virtualized, and reading 10,000 cards would itself block the main thread.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { env } from '@huggingface/transformers';
import { resolveCaptionOptions } from '../../src/models/caption-options';
import { getModel } from '../../src/models/registry';
import { decodeImageInNode } from '../../workers/decode-image-node';
import { EncoderDecoderCaptioner } from '../../workers/encoder-decoder-captioner';
import { downloadButton, finished, openApp, shapesImages, SHAPES_SEED, type ShapesImage } from './app';
import { HARNESS_MARKS, startTrace, streamLongTaskTrace, summarize, traceFor, type TraceCost, type TracedTask, type TraceSummary } from './trace-long-tasks';
import { heapMB, observeLongTasks, profileFor, setPhase, takeLongTasks, type LongTask } from './long-tasks';

export type { LongTask } from './long-tasks';

export interface BacklogOptions {
  count: number;
  /** Reload the page once this many photos are done, then pick the folder again. */
  reloadAfter?: number;
  /** Largest image side: small images keep generation and captioning fast. */
  maxSide?: number;
  minSide?: number;
  seed?: number;
  timeoutMs?: number;
  /** Record a main-thread CPU profile for this long after the folder is picked (reports/backlog-<N>.cpuprofile). */
  profileMs?: number;
  /** Record a Chromium trace for this long after the folder is picked (reports/backlog-<N>.trace.json; see trace-long-tasks.ts). */
  traceMs?: number;
  /** Record a light Chromium trace of the whole batch and the scroll, and say why each long task was long. */
  traceAll?: boolean;
  /** No trace at all (BACKLOG_TRACE=off): long tasks counted without the trace's own cost, but not classified. */
  traceOff?: boolean;
  /**
   * How the folder is chosen. 'fsa' (default): showDirectoryPicker, what Chromium users get; the
   * folder lives in OPFS (headless Chromium cannot drive the native picker) and after the reload
   * the app reopens the unfinished photos through their kept handles. 'input': <input
   * webkitdirectory>, the Firefox and Safari path; after the reload the folder is chosen again.
   */
  picker?: 'fsa' | 'input';
}

export interface Mismatch {
  fileName: string;
  hash: string;
  expected: string;
  got: string;
  status: string;
  error?: string;
}

export interface BacklogResult {
  count: number;
  /** Distinct images by SHA-256 (the app keeps one card per hash). */
  unique: number;
  reloaded: boolean;
  durationMs: number;
  /**
   * From the click on "Choose a folder…" until the intake's summary ("Added N photos.") shows,
   * which the app does once the last chunk's transaction has committed: every card is stored.
   * Null if the run reloaded before the intake ended.
   */
  intakeMs: number | null;
  /**
   * From the reload until every unfinished photo is queued again: the reopener's "Reopened N
   * photos" (Chromium's folder picker), or the summary's "queued again" after choosing the folder
   * again (`picker: 'input'`, which includes choosing it). Null without a reload.
   */
  reopenMs: number | null;
  imagesPerMinute: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  heapDeltaMB: number;
  /** Long tasks while the batch ran (boot and the run's own reads are listed apart). */
  longTasks: { count: number; maxMs: number; batch: LongTask[]; other: LongTask[] };
  /** Cards whose text is neither the image's true caption nor what the model says for it in Node. */
  wrong: Mismatch[];
  /** Cards that show the model's own mistake: wrong, but exactly what the model says in Node too. */
  modelMisses: Mismatch[];
  /** Distinct card headings seen while wheeling down the list: more than one screenful means it scrolls. */
  scrolled: { before: string[]; after: string[] };
  /** With `profileMs`: the main thread's heaviest functions by self time, "ms function url:line". */
  hotspots?: string[];
  /** The main thread's tasks over 50 ms in the trace (every run; with `traceMs` only that window), with CPU time and what ran inside. */
  traced?: TracedTask[];
  /** The long tasks of the whole batch and scroll by cause: its own work, a GC pause, or waiting for a core. */
  traceSummary?: TraceSummary;
  /** What the every-run streamed trace cost (absent with `traceMs` or `traceAll`, which trace instead). */
  traceCost?: TraceCost;
}

/** The finished card text the fixture model gives each image in Node (q8, same adapter and options as the worker), by SHA-256. */
async function nodeReference(images: ShapesImage[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (!images.length) return texts;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  const captioner = await EncoderDecoderCaptioner.load(resolve('public/models/altscribe/shapes-captioner'), { dtype: 'q8' });
  const options = resolveCaptionOptions(getModel('altscribe/shapes-captioner').generation);
  for (const image of images) {
    const raw = await captioner.caption(await decodeImageInNode(image.bytes, image.mime), options);
    texts.set(createHash('sha256').update(image.bytes).digest('hex'), finished(raw));
  }
  await captioner.dispose();
  return texts;
}

interface StoredResult {
  fileName: string;
  hash?: string;
  status: string;
  text: string;
  error?: string;
}

/** Every stored result, read in one transaction (the run's own work, marked so it is not blamed on the app). */
async function storedResults(page: Page): Promise<StoredResult[]> {
  await setPhase(page, 'run-read');
  const rows = await page.evaluate(
    (marks) =>
      new Promise<StoredResult[]>((done, fail) => {
        performance.mark(marks.start);
        const open = indexedDB.open('altscribe');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('results').objectStore('results').getAll();
          all.onerror = () => fail(all.error);
          all.onsuccess = () => {
            open.result.close();
            performance.mark(marks.end);
            done((all.result as StoredResult[]).map(({ fileName, hash, status, text, error }) => ({ fileName, hash, status, text, error })));
          };
        };
      }),
    HARNESS_MARKS,
  );
  // Long-task entries arrive a moment after the task: let this read's be filed under its phase.
  await page.waitForTimeout(300);
  await setPhase(page, 'batch');
  return rows;
}

/*
 * While the batch runs the page is read by direct paths, not Playwright locators: a locator
 * walks every shadow root on the main thread, and at 1 Hz that was most of the page's CPU in a
 * profile of this run (Playwright's injected visitNode), showing up as the app's long tasks.
 */
async function answerDownloadPrompt(page: Page): Promise<void> {
  const box = await page.evaluate(() => {
    const button = document.querySelector('altscribe-app')?.shadowRoot?.querySelector('download-consent')?.shadowRoot?.querySelector('[data-role=download]');
    const rect = button?.getBoundingClientRect();
    return rect && rect.width > 0 ? rect : null;
  });
  if (box) await downloadButton(page).click({ timeout: 5000 }).catch(() => {});
}

/**
 * Milliseconds until the intake summary matches `pattern`, measured in the page: since the folder
 * was chosen in this document (`since: 'pick'`), or since the document's navigation ('load': a
 * reload). Null if this document is gone first (a reload before the intake ended). Polled every
 * 100 ms by a direct path (see answerDownloadPrompt on locators).
 */
function summaryShown(page: Page, pattern: RegExp, since: 'pick' | 'load', timeout: number): Promise<number | null> {
  return page
    .waitForFunction(
      ({ source, since }) => {
        const text = document.querySelector('altscribe-app')?.shadowRoot?.querySelector('drop-zone')?.shadowRoot?.querySelector('[data-role=intake-summary]')?.textContent ?? '';
        const from = since === 'pick' ? (window as unknown as { __backlogPickedAt?: number }).__backlogPickedAt : 0;
        return from !== undefined && new RegExp(source).test(text) && [performance.now() - from];
      },
      { source: pattern.source, since },
      { polling: 100, timeout },
    )
    .then(async (handle) => ((await handle.jsonValue()) as [number])[0])
    .catch(() => null);
}

async function chooseFolder(page: Page, folder: string): Promise<void> {
  const button = page.getByRole('button', { name: 'Choose a folder…' });
  await page.evaluate(() => ((window as unknown as { __backlogPickedAt: number }).__backlogPickedAt = performance.now()));
  if (!(await page.evaluate(() => 'showDirectoryPicker' in window))) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
    return chooser.setFiles(folder);
  }
  await button.click();
}

/** The generated photos as the OPFS folder "photos", written in chunks (CDP messages stay small). */
async function copyToOpfs(page: Page, images: readonly ShapesImage[]): Promise<void> {
  await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('photos', { recursive: true }).catch(() => undefined));
  for (let i = 0; i < images.length; i += 200) {
    const chunk = images.slice(i, i + 200).map((image) => ({ name: image.name, b64: image.bytes.toString('base64') }));
    await page.evaluate(async (files) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('photos', { create: true });
      for (const { name, b64 } of files) {
        const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
        await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
        await writable.close();
      }
    }, chunk);
  }
}

/**
 * Polls until `ready` says so; answers the download prompt if it comes up. `ready` gets the
 * page title's "(settled/total)" while a batch runs, or null when the page looks idle.
 */
async function waitUntil(page: Page, deadline: number, ready: (batch: [number, number] | null) => Promise<boolean>): Promise<void> {
  let lastLog = Date.now();
  let still = 0;
  let last = '';
  for (;;) {
    if (Date.now() > deadline) throw new Error(`backlog: not finished in time (${(await storedResults(page)).filter((r) => r.status === 'done').length} done)`);
    const title = await page.title();
    const match = /^\((\d+)\/(\d+)\)/.exec(title);
    const batch = match ? ([Number(match[1]), Number(match[2])] as [number, number]) : null;
    // Only when nothing settled for a few seconds: a locator query walks every shadow root on the
    // main thread, which at 1 Hz was most of the page's CPU in a profile of this run. The settled
    // count, not the whole title: while a big folder is added the total keeps changing, and the
    // first 10,000 run waited 4 minutes on an unanswered prompt because of that.
    const settled = batch ? String(batch[0]) : title;
    still = settled === last ? still + 1 : 0;
    last = settled;
    if (still === 3) await answerDownloadPrompt(page);
    if (batch && Date.now() - lastLog > 60_000) {
      lastLog = Date.now();
      console.log(`backlog: ${batch[0]} of ${batch[1]} in this batch settled`);
    }
    if (await ready(batch)) return;
    await page.waitForTimeout(batch ? 1000 : 500);
  }
}

async function wheelThroughList(page: Page): Promise<BacklogResult['scrolled']> {
  const visibleNames = () =>
    page.evaluate(() => {
      // Cards may sit in nested shadow roots (a virtualized list element of its own).
      const cards: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === 'caption-card') cards.push(el);
          else if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return cards
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight && box.height > 0;
        })
        .map((el) => el.shadowRoot?.querySelector('h3')?.textContent ?? '');
    });
  const card = page.locator('caption-card').first();
  await card.hover();
  const before = await visibleNames();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2000);
  // A measurement, not a condition: the list renders the cards for the new position over the next frames.
  await page.waitForTimeout(300);
  return { before, after: await visibleNames() };
}

export async function runBacklog(page: Page, options: BacklogOptions): Promise<BacklogResult> {
  // At least 96 px: below that Chromium's canvas and Node's sharp resample so differently that the
  // model's answers can differ between them, and the Node cross-check (nodeReference) would mean little.
  const { count, reloadAfter, maxSide = 200, minSide = 96, seed = SHAPES_SEED } = options;
  const root = resolve(`test-results/backlog-${count}`);
  const folder = join(root, 'photos');
  rmSync(root, { recursive: true, force: true });
  const images = await shapesImages(count, { minSide, maxSide, seed, dir: folder });
  const expectedByHash = new Map(images.map((image) => [createHash('sha256').update(image.bytes).digest('hex'), image.expected]));

  const picker = options.picker ?? 'fsa';
  await page.addInitScript(observeLongTasks);
  if (picker === 'input') {
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, 'showDirectoryPicker');
      Reflect.deleteProperty(Window.prototype, 'showDirectoryPicker');
    });
  } else {
    await page.addInitScript(() => {
      (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('photos');
    });
  }
  await openApp(page);
  if (picker === 'fsa') await copyToOpfs(page, images);
  const cdp = await page.context().newCDPSession(page);
  const heapBeforeMB = await heapMB(cdp);
  const boot = await takeLongTasks(page);
  const batch: LongTask[] = [];
  const other: LongTask[] = [...boot];
  const sort = (tasks: LongTask[]) => {
    for (const t of tasks) (t.phase === 'batch' || t.phase === 'scroll' ? batch : other).push(t);
  };

  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 30 * 60_000);
  await setPhase(page, 'batch');
  // Every run: a light trace streamed and filtered as it comes, so each long task gets its cause.
  const stopStream = options.traceAll || options.traceMs || options.traceOff ? undefined : await streamLongTaskTrace(page, cdp);
  const intakeWait = Math.max(120_000, count * 60);
  await chooseFolder(page, folder);
  const intakeDone = summaryShown(page, /^Added \d+ photos?\./, 'pick', intakeWait);
  const profiled = options.profileMs ? profileFor(cdp, options.profileMs, `reports/backlog-${count}.cpuprofile`) : undefined;
  const stopTrace = options.traceAll ? await startTrace(page, 'light') : undefined;
  let traced = options.traceMs && !stopTrace ? await traceFor(page, options.traceMs, `reports/backlog-${count}.trace.json`) : undefined;
  const allDone = (rows: StoredResult[]) => rows.length >= expectedByHash.size && rows.every((r) => r.status === 'done' || r.status === 'failed' || r.status === 'skipped');
  let reloaded = false;
  let reopenMs: number | null = null;
  if (reloadAfter !== undefined) {
    await waitUntil(page, deadline, async (batch) => batch !== null && batch[0] >= reloadAfter);
    sort(await takeLongTasks(page));
    // The reloaded page's clock starts at the reload (its navigation), so its performance.now() when
    // the photos are queued again is the time the reopening took.
    await page.reload();
    await page.getByRole('button', { name: 'Choose photos…' }).waitFor();
    sort(await takeLongTasks(page)); // phase 'boot' after the reload
    await setPhase(page, 'batch');
    if (picker === 'input') {
      await chooseFolder(page, folder);
      // The interrupted photos are failed until the intake has matched them again by hash. Adding a
      // folder of 10,000 took about 5 minutes here (measured), hence a wait that grows with it.
      reopenMs = await summaryShown(page, /queued again/, 'load', intakeWait);
      if (reopenMs === null) throw new Error('backlog: the unfinished photos were not queued again after the reload');
    } else {
      // Nothing to choose: the kept handles reopen the unfinished photos by themselves.
      const reopened = await page.waitForFunction(() => /Reopened \d+ photos? from/.test(document.querySelector('altscribe-app')?.shadowRoot?.querySelector('live-announcer')?.shadowRoot?.querySelector('[data-role=announcer]')?.textContent ?? '') && performance.now(), undefined, { polling: 100, timeout: intakeWait });
      reopenMs = (await reopened.jsonValue()) as number;
    }
    reloaded = true;
  }
  let rows: StoredResult[] = [];
  // Storage is read only when the title says no batch runs (reading 10,000 records is itself work).
  await waitUntil(page, deadline, async (batch) => batch === null && allDone((rows = await storedResults(page))));
  const durationMs = Date.now() - started;
  const hotspots = await profiled;
  sort(await takeLongTasks(page));

  await setPhase(page, 'scroll');
  const scrolled = await wheelThroughList(page);
  // Long-task entries of the scroll arrive a moment after their tasks (as in takeLongTasks).
  await page.waitForTimeout(300);
  sort(await takeLongTasks(page));
  if (stopTrace) traced = await stopTrace(`reports/backlog-${count}.trace.json`);
  const streamed = stopStream ? await stopStream() : undefined;
  if (streamed) traced = streamed.tasks;
  const intakeMs = await intakeDone;
  const heapAfterMB = await heapMB(cdp);

  const mismatched = rows
    .filter((r) => !r.hash || r.status !== 'done' || r.text !== expectedByHash.get(r.hash))
    .map((r) => ({ fileName: r.fileName, hash: r.hash ?? '', expected: expectedByHash.get(r.hash ?? '') ?? '<unknown image>', got: r.text, status: r.status, error: r.error }));
  // The fixture model is right on about 99.7 % of these images, so a large run meets a few of its
  // own mistakes. Those are told apart from the app's: the same image through the same adapter in
  // Node (onnxruntime-node) gives the same words. Anything else is the app's fault.
  const imagesByHash = new Map(images.map((image) => [createHash('sha256').update(image.bytes).digest('hex'), image]));
  const reference = await nodeReference(mismatched.flatMap((m) => (m.status === 'done' && imagesByHash.has(m.hash) ? [imagesByHash.get(m.hash)!] : [])));
  const modelMisses = mismatched.filter((m) => m.status === 'done' && reference.get(m.hash) === m.got);
  const wrong = mismatched.filter((m) => !modelMisses.includes(m));
  const result: BacklogResult = {
    count,
    unique: expectedByHash.size,
    reloaded,
    durationMs,
    intakeMs: intakeMs === null ? null : Math.round(intakeMs),
    reopenMs: reopenMs === null ? null : Math.round(reopenMs),
    imagesPerMinute: Math.round((expectedByHash.size / (durationMs / 60_000)) * 10) / 10,
    heapBeforeMB: round(heapBeforeMB),
    heapAfterMB: round(heapAfterMB),
    heapDeltaMB: round(heapAfterMB - heapBeforeMB),
    longTasks: { count: batch.length, maxMs: Math.max(0, ...batch.map((t) => t.durationMs)), batch, other },
    wrong,
    modelMisses,
    scrolled,
    hotspots,
    ...(traced ? { traced } : {}),
    ...(traced && (stopTrace || streamed) ? { traceSummary: summarize(traced) } : {}),
    ...(streamed ? { traceCost: streamed.cost } : {}),
  };
  mkdirSync('reports', { recursive: true });
  writeFileSync(`reports/backlog-${count}.json`, JSON.stringify({ ...result, stored: rows.length }, null, 2));
  return result;
}

const round = (mb: number) => Math.round(mb * 10) / 10;
