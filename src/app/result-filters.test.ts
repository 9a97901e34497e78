import { describe, expect, it } from 'vitest';
import type { AltTextFlag } from '../alttext';
import type { CaptionRecord } from '../storage';
import { CardStore } from './card-store';
import { applyResultsView, DEFAULT_RESULTS_VIEW, matchesStatus, FLAG_FILTER_LABELS, FLAG_FILTERS, showingText, statusCounter, statusCounts, STATUS_FILTER_LABELS, STATUS_FILTERS, type ResultsView } from './result-filters';

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
  });

  it('says how many are shown', () => {
    expect(showingText(3, 10)).toBe('Showing 3 of 10 photos');
    expect(showingText(1, 1)).toBe('Showing 1 of 1 photo');
  });
});
