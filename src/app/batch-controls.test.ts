import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { CardStore } from './card-store';
import type { CardView } from './card-view';
import { batchCounter, BatchControls, PAUSED_KEY, type QueueHost } from './batch-controls';
import { SerialQueue } from './caption-queue';
import { TabCoordinator, type SharedProgress } from './tab-coordinator';

class FakeHost implements QueueHost {
  readonly store = new CardStore([batchCounter]);
  readonly queue = new SerialQueue();
  cancelled: string[] = [];
  retried: string[] = [];
  cancel(id: string): void {
    this.cancelled.push(id);
  }
  retry(id: string): void {
    this.retried.push(id);
  }
  /** Cards p0, p1, ... with these statuses: known ones change, new ones are added, the rest removed. */
  set(statuses: string[], canRetry = true): void {
    const cards: CardView[] = statuses.map((status, i) => ({ record: { id: `p${i}`, fileName: `p${i}.png`, status } as unknown as CaptionRecord, canRetry }));
    for (const id of this.store.ids.slice(statuses.length)) this.store.remove(id);
    this.store.add(cards.filter((card) => !this.store.replace(card)));
  }
}

function setup(saved: Record<string, unknown> = {}) {
  let t = 1_000_000;
  const host = new FakeHost();
  const coordinator = new TabCoordinator(undefined, undefined);
  const published: SharedProgress[] = [];
  coordinator.publish = (p) => void published.push(p);
  const titles: string[] = [];
  const timers: { run: () => void; at: number }[] = [];
  const meta = new Map(Object.entries(saved));
  const controls = new BatchControls(host, coordinator, {
    now: () => t,
    meta: { get: async (k) => meta.get(k), set: async (k, v) => void meta.set(k, v) },
    setTitle: (title) => titles.push(title),
    schedule: (run, ms) => timers.push({ run, at: t + ms }),
    coalesce: (run) => run(),
  });
  const spoken: string[] = [];
  controls.addEventListener('announce', (e) => spoken.push((e as CustomEvent<string>).detail));
  const advance = (ms: number) => {
    t += ms;
    const due = timers.filter((x) => x.at <= t);
    timers.splice(0, timers.length, ...timers.filter((x) => x.at > t));
    for (const timer of due) timer.run();
  };
  return { host, controls, coordinator, published, titles, meta, spoken, advance };
}

/** Controls whose recounts wait in `later` until the test runs them, as a burst's timer would. */
function coalescingSetup() {
  const host = new FakeHost();
  const titles: string[] = [];
  const later: (() => void)[] = [];
  const controls = new BatchControls(host, new TabCoordinator(undefined, undefined), { setTitle: (title) => titles.push(title), coalesce: (run) => void later.push(run) });
  let count = 0;
  controls.addEventListener('change', () => count++);
  return { host, controls, titles, later, changes: () => count };
}

describe('BatchControls', () => {
  it('restores a pause chosen before the reload, and saves pause and resume', async () => {
    const { host, controls, meta } = setup({ [PAUSED_KEY]: true });
    await controls.init();
    expect(host.queue.paused).toBe(true);
    controls.resume();
    expect(host.queue.paused).toBe(false);
    await Promise.resolve();
    expect(meta.get(PAUSED_KEY)).toBe(false);
    controls.pause();
    expect(controls.view.paused).toBe(true);
    await Promise.resolve();
    expect(meta.get(PAUSED_KEY)).toBe(true);
  });

  it('follows a pause or resume chosen in another tab, and shares its own', async () => {
    const { host, controls, coordinator, meta, spoken } = setup();
    const shared: boolean[] = [];
    coordinator.sharePause = (paused) => void shared.push(paused);
    coordinator.dispatchEvent(new CustomEvent('set-paused', { detail: true }));
    expect(host.queue.paused).toBe(true);
    expect(spoken).toEqual(['Captioning was paused in another tab.']);
    // The other tab saved the setting; this one does not write it again.
    expect(meta.has(PAUSED_KEY)).toBe(false);
    coordinator.dispatchEvent(new CustomEvent('set-paused', { detail: false }));
    expect(controls.view.paused).toBe(false);
    controls.pause();
    controls.resume();
    expect(shared).toEqual([true, false]);
  });

  it('cancels only this tab’s waiting photos and retries only its failed ones', () => {
    const { host, controls, spoken } = setup();
    host.set(['queued', 'running', 'queued', 'failed', 'done']);
    host.store.add([{ record: { id: 'elsewhere', status: 'queued' } as unknown as CaptionRecord, canRetry: false }]);
    expect(controls.view).toMatchObject({ waiting: 2, retryable: 1 });
    controls.cancelWaiting();
    expect(host.cancelled).toEqual(['p0', 'p2']);
    controls.retryFailed();
    expect(host.retried).toEqual(['p3']);
    expect(spoken).toContain('Cancelled 2 waiting photos.');
    expect(spoken).toContain('Retrying 1 failed photo.');
  });

  it('retries and counts only failures that may pass; files retrying cannot help are counted apart, whichever tab added them', () => {
    const { host, controls, spoken } = setup();
    const failed = (id: string, error: string, extra: Partial<CaptionRecord> = {}, canRetry = true): CardView => ({ record: { id, fileName: `${id}.jpg`, status: 'failed', error, byteSize: 10, ...extra } as CaptionRecord, canRetry });
    host.store.add([
      failed('crashed', 'The caption worker crashed (boom); it has been restarted.'),
      failed('empty', 'empty.jpg is empty (0 bytes), so there is no picture to describe.', { byteSize: 0, failure: 'empty-file' }),
      failed('svg', 'svg.jpg is an SVG drawing. Altscribe does not open SVG files: they can contain scripts.'),
      failed('old-tab', 'old-tab.jpg looks like a JPEG file but could not be decoded: it may be damaged or truncated. Open it.', {}, false),
    ]);
    expect(controls.view).toMatchObject({ retryable: 1, cannotCaption: 3 });
    expect(controls.view.cannotCaptionShown).toEqual([
      { id: 'empty', fileName: 'empty.jpg', why: 'empty.jpg is empty (0 bytes), so there is no picture to describe.' },
      { id: 'svg', fileName: 'svg.jpg', why: 'svg.jpg is an SVG drawing.' },
      { id: 'old-tab', fileName: 'old-tab.jpg', why: 'old-tab.jpg looks like a JPEG file but could not be decoded: it may be damaged or truncated.' },
    ]);
    controls.retryFailed();
    expect(host.retried).toEqual(['crashed']);
    expect(spoken).toContain('Retrying 1 failed photo.');
    host.store.remove('crashed');
    expect(controls.view).toMatchObject({ retryable: 0, cannotCaption: 3 });
  });

  it('shows progress in the page title while the batch runs, and shares it with other tabs while holding the queue', () => {
    const { host, coordinator, published, titles } = setup();
    coordinator.holding = true;
    host.set(['queued', 'queued', 'queued']);
    host.set(['done', 'running', 'queued']);
    expect(titles.at(-1)).toMatch(/^\(1\/3\) /);
    expect(published.at(-1)?.snapshot).toMatchObject({ settled: 1, total: 3 });
    host.set(['done', 'done', 'failed']);
    expect(titles.at(-1)).not.toMatch(/^\(/);
    expect(published.at(-1)?.snapshot).toMatchObject({ settled: 3, active: false });
  });

  it('updates title and element once per burst of card changes, with the state at the end of the burst', () => {
    const { host, controls, titles, later, changes } = coalescingSetup();
    host.set(Array.from({ length: 50 }, () => 'queued'));
    later.shift()?.();
    expect(changes()).toBe(1);
    for (let done = 1; done <= 25; done++) host.set(Array.from({ length: 50 }, (_, i) => (i < done ? 'done' : 'queued')));
    expect(later).toHaveLength(1);
    expect(titles.at(-1)).toMatch(/^\(0\/50\) /);
    later.shift()?.();
    expect(changes()).toBe(2);
    expect(controls.view.snapshot).toMatchObject({ total: 50, settled: 25 });
    expect(titles.at(-1)).toMatch(/^\(25\/50\) /);
    host.set(Array.from({ length: 50 }, () => 'done'));
    expect(later).toHaveLength(1);
  });

  it('updates once per burst of queue changes, and writes the page title only when it changes', () => {
    const { host, titles, later, changes } = coalescingSetup();
    host.set(Array.from({ length: 3 }, () => 'queued'));
    later.shift()?.();
    expect(titles).toEqual(['(0/3) Altscribe']);
    // A folder's photos are queued one job at a time: one update for all of them.
    for (let i = 0; i < 100; i++) void host.queue.push(() => new Promise<void>(() => {}));
    expect(later).toHaveLength(1);
    later.shift()?.();
    expect(changes()).toBe(2);
    expect(titles).toEqual(['(0/3) Altscribe']);
    host.set(['done', 'queued', 'queued']);
    later.shift()?.();
    expect(titles).toEqual(['(0/3) Altscribe', '(1/3) Altscribe']);
  });

  it('counts a waiting photo as soon as its original arrives, and ignores changes that move no count', () => {
    const { host, controls, titles } = setup();
    let changes = 0;
    controls.addEventListener('change', () => changes++);
    host.set(['queued', 'queued'], false);
    expect(controls.view.snapshot).toBeNull();
    for (const id of host.store.ids) host.store.update(id, (c) => ({ ...c, canRetry: true }));
    expect(controls.view.snapshot).toMatchObject({ total: 2, settled: 0 });
    const [before, changesBefore] = [titles.length, changes];
    for (const id of host.store.ids) host.store.update(id, (c) => ({ ...c, regenerating: false }));
    expect(titles).toHaveLength(before);
    expect(changes).toBe(changesBefore);
  });

  it('announces a summary at most every 5 s, never one per photo', () => {
    const { host, controls, spoken, advance } = setup();
    const statuses = Array.from({ length: 6 }, () => 'queued');
    host.set(statuses);
    expect(spoken).toEqual(['0 of 6 photos finished.']);
    for (let i = 0; i < 6; i++) {
      advance(1_000);
      statuses[i] = 'done';
      host.set([...statuses]);
    }
    // Six photos in six seconds: the newest summary at 5 s (before the fifth photo), the final one 5 s later.
    expect(spoken).toHaveLength(2);
    expect(spoken[1]).toBe('4 of 6 photos finished.');
    advance(5_000);
    expect(spoken).toHaveLength(3);
    expect(spoken[2]).toBe('Batch finished: 6 of 6 photos captioned.');
    expect(controls.swallows('p5')).toBe(false);
  });

  it('swallows per-photo messages while several photos run, but not for a single photo', () => {
    const { host, controls, advance } = setup();
    host.set(['queued']);
    expect(controls.swallows('p0')).toBe(false);
    host.set(['done']);
    advance(10_000);
    host.set(['done', 'queued', 'queued']);
    expect(controls.swallows('p1')).toBe(true);
    expect(controls.swallows('p2')).toBe(true);
    // A message about no photo (the model's state, the intake's summary) always gets through.
    expect(controls.swallows(undefined)).toBe(false);
  });

  it('by default updates once per task, after the burst of changes that task made', async () => {
    const host = new FakeHost();
    const controls = new BatchControls(host, new TabCoordinator(undefined, undefined), { setTitle: () => undefined });
    let changes = 0;
    controls.addEventListener('change', () => changes++);
    host.set(['queued', 'queued', 'queued']);
    host.set(['done', 'queued', 'queued']);
    expect(changes).toBe(0);
    await Promise.resolve();
    expect(changes).toBe(1);
    expect(controls.view.snapshot).toMatchObject({ total: 3, settled: 1 });
  });
});
