import { describe, expect, it } from 'vitest';
import type { AltTextFlag } from '../alttext';
import type { CaptionRecord } from '../storage';
import type { ReviewBand } from '../models/review-signals';
import { CardStore } from './card-store';
import {
  applyResultsView,
  BAND_FILTER_LABELS,
  BAND_FILTERS,
  DEFAULT_RESULTS_VIEW,
  matchesStatus,
  FLAG_FILTER_LABELS,
  FLAG_FILTERS,
  ShownCards,
  showingText,
  SORT_ORDER_LABELS,
  SORT_ORDERS,
  statusCounter,
  statusCounts,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  type ResultsView,
} from './result-filters';
import { bandCounter, bandCounts } from './review-bands';

let clock = 1000;
function record(fileName: string, fields: Partial<CaptionRecord> = {}): CaptionRecord {
  clock += 10;
  return { id: fileName, fileName, mimeType: 'image/png', byteSize: 1, status: 'done', text: `Text for ${fileName}.`, review: 'unreviewed', createdAt: clock, updatedAt: clock, ...fields };
}

const flags = (...list: AltTextFlag[]) => ({ flags: list });

const records = [
  record('IMG_10.jpg', { review: 'approved' }),
  record('IMG_2.jpg', { review: 'edited', ...flags('hedge'), updatedAt: 9_000 }),
  record('beach.png', flags('repetition', 'long')),
  record('queued.png', { status: 'queued', text: '' }),
  record('running.png', { status: 'running', text: '' }),
  record('broken.png', { status: 'failed', text: '', error: 'not an image' }),
  record('stopped.png', { status: 'cancelled', text: 'A half', ...flags('too-short') }),
  record('notes.txt', { status: 'skipped', text: '' }),
  record('old.jpg', { review: 'imported', status: 'done' }),
];

const names = (view: Partial<ResultsView>) => applyResultsView(records, { ...DEFAULT_RESULTS_VIEW, ...view }, (r) => r).map((r) => r.fileName);

describe('applyResultsView: filters', () => {
  it('shows everything in the order added by default', () => {
    expect(names({})).toEqual(records.map((r) => r.fileName));
  });

  it.each([
    ['unreviewed', ['beach.png']],
    ['edited', ['IMG_2.jpg']],
    ['approved', ['IMG_10.jpg']],
    ['imported', ['old.jpg']],
    ['in-progress', ['queued.png', 'running.png']],
    ['failed', ['broken.png', 'stopped.png']],
    ['skipped', ['notes.txt']],
  ] as const)('status %s', (status, expected) => {
    expect(names({ status })).toEqual(expected);
  });

  it('filters by any flag, no flag, or one specific flag', () => {
    expect(names({ flag: 'flagged' })).toEqual(['IMG_2.jpg', 'beach.png', 'stopped.png']);
    expect(names({ flag: 'unflagged' })).toEqual(['IMG_10.jpg', 'queued.png', 'running.png', 'broken.png', 'notes.txt', 'old.jpg']);
    expect(names({ flag: 'repetition' })).toEqual(['beach.png']);
    expect(names({ flag: 'too-long' })).toEqual([]);
  });

  it('combines a status and a flag filter', () => {
    expect(names({ status: 'failed', flag: 'flagged' })).toEqual(['stopped.png']);
    expect(names({ status: 'unreviewed', flag: 'hedge' })).toEqual([]);
  });
});

describe('applyResultsView: sorting', () => {
  it('sorts by file name with numbers in numeric order, case-insensitively', () => {
    expect(names({ sort: 'name', status: 'all' })).toEqual(['beach.png', 'broken.png', 'IMG_2.jpg', 'IMG_10.jpg', 'notes.txt', 'old.jpg', 'queued.png', 'running.png', 'stopped.png']);
  });

  it('sorts by last change, newest first', () => {
    expect(names({ sort: 'updated' })[0]).toBe('IMG_2.jpg');
    expect(names({ sort: 'updated' }).at(-1)).toBe('IMG_10.jpg');
  });

  it('puts warnings before notes when sorting by flags, and keeps ties in added order', () => {
    // repetition (warning) + long (note) > too-short (warning) > hedge (note) > none.
    expect(names({ sort: 'flags', flag: 'flagged' })).toEqual(['beach.png', 'stopped.png', 'IMG_2.jpg']);
    expect(names({ sort: 'flags' }).slice(3)).toEqual(['IMG_10.jpg', 'queued.png', 'running.png', 'broken.png', 'notes.txt', 'old.jpg']);
  });

  it('does not reorder or change the input array', () => {
    const before = records.map((r) => r.fileName);
    names({ sort: 'name' });
    expect(records.map((r) => r.fileName)).toEqual(before);
  });
});

/** The store's tallies over these records, as the toolbar reads them. */
function countsOf(list: readonly CaptionRecord[]) {
  const store = new CardStore([statusCounter]);
  store.add(list.map((r, i) => ({ record: { ...r, id: `r${i}` }, canRetry: false })));
  return statusCounts(store);
}

describe('counts and labels', () => {
  it('counts what each status filter would show', () => {
    const counts = countsOf(records);
    for (const status of STATUS_FILTERS) expect(counts[status], status).toBe(names({ status }).length);
  });

  it('counts every combination of state and review as the filters match it', () => {
    const states: CaptionRecord['status'][] = ['queued', 'running', 'done', 'failed', 'cancelled', 'skipped'];
    const reviews: CaptionRecord['review'][] = ['unreviewed', 'edited', 'approved', 'imported'];
    const all = states.flatMap((status) => reviews.map((review) => record(`${status}-${review}.png`, { status, review })));
    const counts = countsOf(all);
    for (const status of STATUS_FILTERS) expect(counts[status], status).toBe(all.filter((r) => matchesStatus(r, status)).length);
  });

  it('gives back the list itself for the default view, and a new array for any other', () => {
    expect(applyResultsView(records, DEFAULT_RESULTS_VIEW, (r) => r)).toBe(records);
    expect(applyResultsView(records, { ...DEFAULT_RESULTS_VIEW, sort: 'name' }, (r) => r)).not.toBe(records);
  });

  it('has a label for every filter value', () => {
    for (const status of STATUS_FILTERS) expect(STATUS_FILTER_LABELS[status]).toMatch(/\w/);
    for (const flag of FLAG_FILTERS) expect(FLAG_FILTER_LABELS[flag]).toMatch(/\w/);
    for (const band of BAND_FILTERS) expect(BAND_FILTER_LABELS[band]).toMatch(/\w/);
    for (const sort of SORT_ORDERS) expect(SORT_ORDER_LABELS[sort]).toMatch(/\w/);
  });

  it('says how many are shown', () => {
    expect(showingText(3, 10)).toBe('Showing 3 of 10 photos');
    expect(showingText(1, 1)).toBe('Showing 1 of 1 photo');
  });
});

const scored = (priority: number, band: ReviewBand, fields: Partial<CaptionRecord> = {}) => ({ reviewPriority: priority, reviewBand: band, ...fields });

/** In doubt: done, unreviewed and scored. The rest carry priorities too, which must not count. */
const risky = [
  record('low.png', scored(0.1, 'fine')),
  record('unscored.png'),
  record('high.png', scored(0.9, 'needs-review')),
  record('approved.png', scored(0.99, 'needs-review', { review: 'approved' })),
  record('middle.png', scored(0.5, 'check')),
  record('waiting.png', { status: 'queued', text: '' }),
  record('top.png', scored(0.95, 'needs-review')),
  record('edited.png', scored(0.97, 'needs-review', { review: 'edited' })),
];
const riskNames = (view: Partial<ResultsView>) => applyResultsView(risky, { ...DEFAULT_RESULTS_VIEW, ...view }, (r) => r).map((r) => r.fileName);

describe('review priority: Riskiest first and the band filter', () => {
  it('puts the results in doubt first, highest priority first, then the rest in added order', () => {
    expect(riskNames({ sort: 'risk' })).toEqual(['top.png', 'high.png', 'middle.png', 'low.png', 'unscored.png', 'approved.png', 'waiting.png', 'edited.png']);
  });

  it('filters by band, only among results nobody has decided on', () => {
    expect(riskNames({ band: 'needs-review' })).toEqual(['high.png', 'top.png']);
    expect(riskNames({ band: 'check' })).toEqual(['middle.png']);
    expect(riskNames({ band: 'fine', sort: 'risk' })).toEqual(['low.png']);
    expect(riskNames({ band: 'all' })).toEqual(risky.map((r) => r.fileName));
  });

  it('counts per band what the band filter shows, from the store tallies', () => {
    const store = new CardStore([bandCounter]);
    store.add(risky.map((r) => ({ record: r, canRetry: false })));
    const counts = bandCounts(store);
    for (const band of ['needs-review', 'check', 'fine'] as const) expect(counts[band], band).toBe(riskNames({ band }).length);
  });

  it('re-derives the riskiest-first list only when a priority changes or a result leaves doubt', () => {
    const store = new CardStore();
    store.add(risky.map((r) => ({ record: r, canRetry: true })));
    const shown = new ShownCards(store);
    shown.setView({ ...DEFAULT_RESULTS_VIEW, sort: 'risk' });
    const first = shown.ids;
    expect(first.slice(0, 2)).toEqual(['top.png', 'high.png']);
    // A save that keeps the priority (a new text, a later timestamp) keeps the list.
    store.update('high.png', (c) => ({ ...c, record: { ...c.record, text: 'Another text.', updatedAt: 99_999 } }));
    store.update('approved.png', (c) => ({ ...c, record: { ...c.record, reviewPriority: 0.01 } }));
    store.update('unscored.png', (c) => ({ ...c, record: { ...c.record, text: 'Still unscored.' } }));
    expect(shown.ids).toBe(first);
    // A new priority moves it.
    store.update('low.png', (c) => ({ ...c, record: { ...c.record, reviewPriority: 0.99, reviewBand: 'needs-review' } }));
    expect(shown.ids.slice(0, 3)).toEqual(['low.png', 'top.png', 'high.png']);
    // Approving takes it out of doubt: to the added-order tail.
    const before = shown.ids;
    store.update('top.png', (c) => ({ ...c, record: { ...c.record, review: 'approved' } }));
    expect(shown.ids).not.toBe(before);
    expect(shown.ids).toEqual(['low.png', 'high.png', 'middle.png', 'unscored.png', 'approved.png', 'waiting.png', 'top.png', 'edited.png']);
  });

  it('leaves the band-filtered list alone when a card outside it is saved', () => {
    const store = new CardStore();
    store.add(risky.map((r) => ({ record: r, canRetry: true })));
    const shown = new ShownCards(store);
    shown.setView({ ...DEFAULT_RESULTS_VIEW, band: 'check' });
    const first = shown.ids;
    expect(first).toEqual(['middle.png']);
    store.update('top.png', (c) => ({ ...c, record: { ...c.record, reviewPriority: 0.96 } }));
    expect(shown.ids).toBe(first);
    store.update('low.png', (c) => ({ ...c, record: { ...c.record, reviewBand: 'check' } }));
    expect(shown.ids).toEqual(['low.png', 'middle.png']);
  });
});
