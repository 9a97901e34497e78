import type { CardChange, CardStore } from './card-store';
import type { CardView } from './card-view';
import { applyResultsView, DEFAULT_RESULTS_VIEW, matchesFlag, matchesStatus, sortKeyOf, type ResultsView } from './result-filters';

const isDefault = (view: ResultsView): boolean => view.status === 'all' && view.flag === 'all' && view.sort === 'added';

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
    return matchesStatus(card.record, this.view.status) && matchesFlag(card.record, this.view.flag);
  }
}
