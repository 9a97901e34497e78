/**
 * Which results the list shows and in what order: pure functions over records, so the same
 * view drives the list, "Showing N of M" and "export the shown results".
 */
import { ALT_TEXT_FLAGS, FLAG_DESCRIPTIONS, type AltTextFlag } from '../alttext';
import type { ReviewBand } from '../models/review-signals';
import { BAND_LABELS, BANDS } from '../review/priority';
import type { CaptionRecord } from '../storage';
import type { CardChange, CardCounter, CardStore } from './card-store';
import type { CardView } from './card-view';
import { doubtBandOf } from './review-bands';

/**
 * Review states for finished texts, plus the states that have no text to review. A queued or
 * running photo has review 'unreviewed' too, but it is not yet "AI-generated": it has no text.
 */
export type StatusFilter = 'all' | 'unreviewed' | 'edited' | 'approved' | 'imported' | 'in-progress' | 'failed' | 'skipped';
/** 'flagged': any finishing-rule flag; 'unflagged': none; otherwise one specific flag. */
export type FlagFilter = 'all' | 'flagged' | 'unflagged' | AltTextFlag;
export type SortOrder = 'added' | 'name' | 'updated' | 'flags' | 'risk';
/** A review band shows the results in doubt (finished, nobody decided) in that band: the store's band tallies. */
export type BandFilter = 'all' | ReviewBand;

export interface ResultsView {
  status: StatusFilter;
  flag: FlagFilter;
  sort: SortOrder;
  /** Absent = 'all'. */
  band?: BandFilter;
}

/** The list as it was before filters existed: everything, oldest first. */
export const DEFAULT_RESULTS_VIEW: Readonly<ResultsView> = { status: 'all', flag: 'all', sort: 'added' };

export const STATUS_FILTER_LABELS: Readonly<Record<StatusFilter, string>> = {
  all: 'All photos',
  unreviewed: 'AI-generated, not reviewed',
  edited: 'Edited by you',
  approved: 'Reviewed',
  imported: 'Imported',
  'in-progress': 'Waiting or describing',
  failed: 'Failed or cancelled',
  skipped: 'Skipped',
};

/** Short names: the card explains each flag in full. */
const FLAG_NAMES: Readonly<Record<AltTextFlag, string>> = {
  'looks-like-filename': 'Looks like a file name',
  repetition: 'Repeated phrase',
  'too-short': 'Very short',
  'too-long': 'Over 150 characters',
  hedge: 'Hedging words',
  long: 'Over 125 characters',
};

export const FLAG_FILTER_LABELS: Readonly<Record<FlagFilter, string>> = {
  all: 'Any, or none',
  flagged: 'Has any flag',
  unflagged: 'No flags',
  ...FLAG_NAMES,
};

export const SORT_ORDER_LABELS: Readonly<Record<SortOrder, string>> = {
  added: 'Date added, oldest first',
  updated: 'Last changed, newest first',
  name: 'File name, A to Z',
  flags: 'Most flags first',
  risk: 'Riskiest first',
};

export const BAND_FILTER_LABELS: Readonly<Record<BandFilter, string>> = { all: 'All', ...BAND_LABELS };
export const BAND_FILTERS: readonly BandFilter[] = ['all', ...BANDS];

export const STATUS_FILTERS = Object.keys(STATUS_FILTER_LABELS) as StatusFilter[];
export const FLAG_FILTERS: FlagFilter[] = ['all', 'flagged', 'unflagged', ...ALT_TEXT_FLAGS];
export const SORT_ORDERS = Object.keys(SORT_ORDER_LABELS) as SortOrder[];

type FilterableRecord = Pick<CaptionRecord, 'fileName' | 'relativePath' | 'status' | 'review' | 'flags' | 'createdAt' | 'updatedAt' | 'reviewPriority' | 'reviewBand'>;

export function matchesStatus(record: FilterableRecord, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'in-progress':
      return record.status === 'queued' || record.status === 'running';
    case 'failed':
      return record.status === 'failed' || record.status === 'cancelled';
    case 'skipped':
      return record.status === 'skipped';
    case 'unreviewed':
      // A cancelled caption keeps its partial text but is listed under failed, not here.
      return record.status === 'done' && record.review === 'unreviewed';
    default:
      return record.review === status;
  }
}

export function matchesFlag(record: FilterableRecord, flag: FlagFilter): boolean {
  const flags = record.flags ?? [];
  if (flag === 'all') return true;
  if (flag === 'flagged') return flags.length > 0;
  if (flag === 'unflagged') return flags.length === 0;
  return flags.includes(flag);
}

export function matchesBand(record: FilterableRecord, band: BandFilter = 'all'): boolean {
  return band === 'all' || doubtBandOf(record) === band;
}

/** Everything a filter looks at: status, flags and band. */
export function matchesView(record: FilterableRecord, view: ResultsView): boolean {
  return matchesStatus(record, view.status) && matchesFlag(record, view.flag) && matchesBand(record, view.band);
}

/**
 * The shown items, filtered and sorted. Generic over what carries the record (a card view, a
 * record itself) so the list and the export use one definition. 'added' keeps the input's
 * order (the controller's cards are oldest first); other sorts are stable, so ties keep it too.
 */
export function applyResultsView<T>(items: readonly T[], view: ResultsView, recordOf: (item: T) => FilterableRecord): readonly T[] {
  // The default view is the list itself: the same array, so a 10,000-card list is not copied on every frame of a batch.
  if (isDefault(view)) return items;
  const kept = items.filter((item) => matchesView(recordOf(item), view));
  // The items arrive oldest first already; skipping the sort keeps a 10,000-card render cheap.
  if (view.sort === 'added') return kept;
  const compare = COMPARATORS[view.sort];
  return kept
    .map((item, index) => ({ item, record: recordOf(item), index }))
    .sort((a, b) => compare(a.record, b.record) || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * The status filters besides 'all' that show this record, in one branch per record. It must
 * agree with matchesStatus (a unit test compares them over every combination).
 */
export function statusFiltersOf(record: Pick<CaptionRecord, 'status' | 'review'>, into: StatusFilter[] = []): StatusFilter[] {
  const { status, review } = record;
  if (status === 'queued' || status === 'running') into.push('in-progress');
  else if (status === 'failed' || status === 'cancelled') into.push('failed');
  else if (status === 'skipped') into.push('skipped');
  else if (status === 'done' && review === 'unreviewed') into.push('unreviewed');
  if (review === 'edited' || review === 'approved' || review === 'imported') into.push(review);
  return into;
}

const STATUS_TALLY = Object.fromEntries(STATUS_FILTERS.map((f) => [f, `status:${f}`])) as Record<StatusFilter, string>;
const scratch: StatusFilter[] = [];

/** The store's tallies per status filter ("status:failed"), kept per change instead of counted per render. */
export const statusCounter: CardCounter = (card, into) => {
  into.push(STATUS_TALLY.all);
  scratch.length = 0;
  for (const filter of statusFiltersOf(card.record, scratch)) into.push(STATUS_TALLY[filter]);
};

/** How many cards each status filter would show, read from the store's tallies. */
export function statusCounts(store: { count(tally: string): number }): Record<StatusFilter, number> {
  return Object.fromEntries(STATUS_FILTERS.map((f) => [f, store.count(STATUS_TALLY[f])])) as Record<StatusFilter, number>;
}

// Numeric-aware, so IMG_2 sorts before IMG_10 as a file manager shows them. Made at the first sort
// by name: building a collator loads locale data, a cost the first view does not need to pay.
let byNameCollator: Intl.Collator | undefined;
const byName = (): Intl.Collator => (byNameCollator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }));

/** Warnings weigh more than notes: "most flags first" should put the likely-wrong texts on top. */
function flagWeight(record: FilterableRecord): number {
  return (record.flags ?? []).reduce((sum, flag) => sum + (FLAG_DESCRIPTIONS[flag].severity === 'warning' ? 10 : 1), 0);
}

const COMPARATORS: Readonly<Record<Exclude<SortOrder, 'added'>, (a: FilterableRecord, b: FilterableRecord) => number>> = {
  updated: (a, b) => b.updatedAt - a.updatedAt,
  name: (a, b) => byName().compare(a.fileName, b.fileName) || byName().compare(a.relativePath ?? '', b.relativePath ?? ''),
  flags: (a, b) => flagWeight(b) - flagWeight(a),
  risk: (a, b) => riskOf(b) - riskOf(a),
};

/**
 * A result in doubt by its priority; everything else (decided, unscored, unfinished) after all of
 * them, in added order. Every record out of doubt has the same key, so saving one never resorts.
 */
function riskOf(record: FilterableRecord): number {
  return doubtBandOf(record) !== undefined && record.reviewPriority !== undefined ? record.reviewPriority : -1;
}

/** What a record's place in this sort depends on: a change that keeps it keeps the list's order. */
export function sortKeyOf(record: FilterableRecord, sort: SortOrder): string | number {
  if (sort === 'added') return record.createdAt;
  if (sort === 'updated') return record.updatedAt;
  if (sort === 'name') return `${record.fileName}\u0000${record.relativePath ?? ''}`;
  if (sort === 'risk') return riskOf(record);
  return flagWeight(record);
}

/** "Showing 3 of 10 photos", for the toolbar and the announcement after a filter change. */
export function showingText(shown: number, total: number): string {
  return `Showing ${shown} of ${total} ${total === 1 ? 'photo' : 'photos'}`;
}

function isDefault(view: ResultsView): boolean {
  return view.status === 'all' && view.flag === 'all' && view.sort === 'added' && (view.band ?? 'all') === 'all';
}

/**
 * The ids the list shows under the person's filters and sort, derived from the store. A change to
 * one card re-derives the list only when that card enters or leaves the view or moves in its
 * order; the default view is the store's own order, so a batch's saves never copy the list.
 */
export class ShownCards {
  private view: ResultsView = DEFAULT_RESULTS_VIEW;
  private shown: readonly string[] | null = null;
  private cardsCache: { revision: number; cards: readonly CardView[] } | null = null;

  constructor(private readonly store: CardStore) {
    store.subscribe((change) => this.onChange(change));
  }

  get current(): ResultsView {
    return this.view;
  }

  setView(view: ResultsView): void {
    this.view = view;
    this.shown = null;
    // The cards are kept per store revision; a new sort alone changes their order too.
    this.cardsCache = null;
  }

  /** The shown ids in order: the same array until the view or its membership or order changes. */
  get ids(): readonly string[] {
    if (isDefault(this.view)) return this.store.ids;
    this.shown ??= applyResultsView(this.store.list(), this.view, (c) => c.record).map((c) => c.record.id);
    return this.shown;
  }

  get length(): number {
    return this.ids.length;
  }

  /** The shown cards, built when asked (review mode, "export shown") and kept until the store changes. */
  cards(): readonly CardView[] {
    if (this.cardsCache?.revision !== this.store.revision) this.cardsCache = { revision: this.store.revision, cards: this.ids.map((id) => this.store.get(id)!) };
    return this.cardsCache.cards;
  }

  private onChange(change: CardChange): void {
    if (this.shown === null) return;
    if (change.type === 'changed') {
      const { before, after } = change;
      const was = this.matches(before);
      const is = this.matches(after);
      if (!was && !is) return;
      if (was && is && sortKeyOf(before.record, this.view.sort) === sortKeyOf(after.record, this.view.sort)) return;
    } else if (change.type === 'removed' ? !this.matches(change.card) : !change.cards.some((c) => this.matches(c))) return;
    this.shown = null;
  }

  private matches(card: CardView): boolean {
    return matchesView(card.record, this.view);
  }
}
