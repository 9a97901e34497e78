import { describe, expect, it } from 'vitest';
import { AnnouncementThrottle, BatchTracker, etaText, progressSentence, progressTitle, rateText, type BatchItem } from './batch-progress';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const items = (statuses: string[]): BatchItem[] => statuses.map((status, i) => ({ id: `p${i}`, status }));

/** Hands the tracker every photo's state, one update each, as the store's changes would; photos not named have left. */
function observe(t: BatchTracker, all: readonly BatchItem[]): boolean {
  let changed = false;
  for (const item of all) changed = t.update(item.id, item.status) || changed;
  for (const id of ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'new']) if (!all.some((i) => i.id === id)) changed = t.update(id, undefined) || changed;
  return changed;
}

/** One photo runs for `ms` and is done, captioned by the shapes model on WASM. */
function run(t: BatchTracker, c: ReturnType<typeof clock>, id: string, ms: number): void {
  t.update(id, 'running');
  c.advance(ms);
  t.update(id, 'done', { modelId: 'shapes', device: 'wasm', durationMs: ms - 100 });
}

describe('BatchTracker', () => {
  it('counts a batch from the queued photos and follows them to done and failed', () => {
    const c = clock();
    const t = new BatchTracker(c.now);
    expect(observe(t, items(['queued', 'queued', 'queued', 'queued']))).toBe(true);
    expect(t.snapshot()).toMatchObject({ total: 4, settled: 0, active: true, perMinute: null, etaMs: null });
    c.advance(30_000);
    observe(t, items(['done', 'running', 'queued', 'queued']));
    c.advance(30_000);
    observe(t, items(['done', 'failed', 'running', 'queued']));
    expect(t.snapshot()).toMatchObject({ total: 4, done: 1, failed: 1, settled: 2, active: true, perMinute: null, etaMs: null });
  });

  it('ignores photos that were already finished before the batch (earlier sessions)', () => {
    const t = new BatchTracker(clock().now);
    observe(t, items(['done', 'failed', 'queued']));
    expect(t.snapshot()).toMatchObject({ total: 1, done: 0, failed: 0 });
  });

  it('reports no change when nothing it counts changed', () => {
    const t = new BatchTracker(clock().now);
    observe(t, items(['queued', 'queued']));
    expect(observe(t, items(['queued', 'queued']))).toBe(false);
    expect(observe(t, items(['running', 'queued']))).toBe(false);
    expect(observe(t, items(['done', 'queued']))).toBe(true);
  });

  it('starts a new batch after the last one finished, and lets retried photos rejoin theirs', () => {
    const t = new BatchTracker(clock().now);
    observe(t, items(['queued', 'queued']));
    observe(t, items(['done', 'failed']));
    expect(t.snapshot()).toMatchObject({ active: false, total: 2, settled: 2 });
    // Retrying the failed one reopens that batch.
    observe(t, items(['done', 'queued']));
    expect(t.snapshot()).toMatchObject({ active: true, total: 2, settled: 1 });
    observe(t, items(['done', 'done']));
    // A new photo after everything settled is a new batch of one.
    observe(t, [...items(['done', 'done']), { id: 'new', status: 'queued' }]);
    expect(t.snapshot()).toMatchObject({ active: true, total: 1, settled: 0 });
  });

  it('counts cancelled photos as settled but not in the rate, and drops deleted ones', () => {
    const c = clock();
    const t = new BatchTracker(c.now);
    observe(t, items(['queued', 'queued', 'queued']));
    c.advance(10_000);
    observe(t, items(['cancelled', 'cancelled', 'queued']));
    expect(t.snapshot()).toMatchObject({ cancelled: 2, settled: 2, perMinute: null });
    observe(t, items(['cancelled', 'cancelled']));
    expect(t.snapshot()).toMatchObject({ total: 2, active: false, etaMs: 0 });
  });

  it('measures the pace from running to done, leaving the first photo out, once three are measured', () => {
    const c = clock();
    const t = new BatchTracker(c.now);
    observe(t, items(Array.from({ length: 6 }, () => 'queued')));
    // The first photo (after the load) takes 60 s, the next ones 10 s each.
    for (const [i, ms] of [60_000, 10_000, 10_000, 10_000].entries()) run(t, c, `p${i}`, ms);
    const s = t.snapshot();
    expect(s).toMatchObject({ settled: 4, perMinute: 6 });
    // Two left at 10 s each.
    expect(s.etaMs).toBe(20_000);
    expect(t.pace.measuring).toBe('shapes|wasm');
  });

  it('counts only running time: a pause between photos, or a failed one, leaves the pace alone', () => {
    const c = clock();
    const t = new BatchTracker(c.now);
    observe(t, items(Array.from({ length: 6 }, () => 'queued')));
    for (const i of [0, 1, 2, 3]) {
      run(t, c, `p${i}`, 10_000);
      c.advance(3_600_000); // paused for an hour after each photo
    }
    t.update('p4', 'running');
    c.advance(1_000);
    t.update('p4', 'failed', { modelId: 'shapes', device: 'wasm' });
    expect(t.pace.measured).toBe(3);
    expect(t.snapshot()).toMatchObject({ perMinute: 6, etaMs: 10_000 });
  });

  it('starts the pace over for a new batch', () => {
    const c = clock();
    const t = new BatchTracker(c.now);
    observe(t, items(['queued', 'queued', 'queued', 'queued']));
    for (const i of [0, 1, 2, 3]) run(t, c, `p${i}`, 10_000);
    expect(t.pace.measured).toBe(3);
    t.update('new', 'queued');
    expect(t.pace.measured).toBe(0);
    expect(t.snapshot().etaMs).toBeNull();
  });
});

describe('texts', () => {
  it('says the time left in words a person reads at a glance', () => {
    expect(etaText({ active: true, etaMs: null })).toBe('estimating time left');
    expect(etaText({ active: true, etaMs: 20_000 })).toBe('less than a minute left');
    expect(etaText({ active: true, etaMs: 3 * 60_000 + 10_000 })).toBe('about 3 min left');
    expect(etaText({ active: true, etaMs: 80 * 60_000 })).toBe('about 1 h 20 min left');
    expect(etaText({ active: true, etaMs: 120 * 60_000 })).toBe('about 2 h left');
    expect(etaText({ active: false, etaMs: 0 })).toBe('');
  });

  it('rounds the rate sensibly', () => {
    expect(rateText(null)).toBe('');
    expect(rateText(2.345)).toBe('2.3 photos per minute');
    expect(rateText(14.6)).toBe('15 photos per minute');
  });

  it('puts progress in the page title only while a batch runs', () => {
    expect(progressTitle({ active: true, settled: 12, total: 40 }, 'Altscribe')).toBe('(12/40) Altscribe');
    expect(progressTitle({ active: false, settled: 40, total: 40 }, 'Altscribe')).toBe('Altscribe');
    expect(progressTitle(null, 'Altscribe')).toBe('Altscribe');
  });

  it('writes one sentence for the screen reader, with failures but not the time left (spoken apart, rarely)', () => {
    const base = { total: 40, done: 11, failed: 1, cancelled: 0, settled: 12, perMinute: 6, etaMs: 28 * 10_000, active: true };
    expect(progressSentence(base)).toBe('12 of 40 photos finished, 1 failed.');
    expect(progressSentence(base, true)).toBe('Paused: 12 of 40 photos finished, 1 failed.');
    expect(progressSentence({ ...base, done: 39, settled: 40, active: false })).toBe('Batch finished: 39 of 40 photos captioned, 1 failed.');
  });
});

describe('AnnouncementThrottle', () => {
  it('speaks at most once per interval, keeping only the newest waiting message', () => {
    const c = clock();
    const t = new AnnouncementThrottle(5_000, c.now);
    expect(t.offer('1 of 10')).toBe('1 of 10');
    c.advance(1_000);
    expect(t.offer('2 of 10')).toBeNull();
    c.advance(1_000);
    expect(t.offer('3 of 10')).toBeNull();
    expect(t.msUntilDue()).toBe(3_000);
    c.advance(2_999);
    expect(t.takeDue()).toBeNull();
    c.advance(1);
    expect(t.takeDue()).toBe('3 of 10');
    expect(t.msUntilDue()).toBeNull();
    expect(t.takeDue()).toBeNull();
  });

  it('speaks at once when the last announcement is old enough', () => {
    const c = clock();
    const t = new AnnouncementThrottle(5_000, c.now);
    t.offer('first');
    c.advance(6_000);
    expect(t.offer('second')).toBe('second');
  });
});
