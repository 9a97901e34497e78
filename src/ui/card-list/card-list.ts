import { html, LitElement, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { CardChange, CardStreamSource } from '../../app/card-store';
import type { CardView } from '../../app/card-view';
import '../caption-card/caption-card';
import { buildOffsets, covers, rangeFor, renderedRanges, sameRanges, type IndexRange } from './card-window';

/** Up to this many cards everything is rendered: small lists need no windowing. */
const DEFAULT_THRESHOLD = 50;
/** A first guess for unmeasured cards, until real cards have been measured. */
const FIRST_ESTIMATE = 240;
/**
 * Cards rendered beyond the viewport, each way, in viewports: after a jump the overscan grows one
 * step per frame, so no single frame builds three screens of new cards (measured: 45-67 ms tasks
 * while wheeling through 1,000 cards, each new card costs a few ms).
 */
const OVERSCAN_STEPS = [0, 0.5, 1] as const;

/** Where the list reads its cards: by id, with a per-card change notification. */
export interface CardSource {
  get(id: string): CardView | undefined;
  subscribe(listener: (change: CardChange) => void): () => void;
}

const NO_CARDS: CardSource = { get: () => undefined, subscribe: () => () => undefined };
const NO_STREAMS: CardStreamSource = { text: () => '', watch: () => () => undefined };

/**
 * The list of caption cards. Long lists render only the cards near the viewport (plus the
 * focused card and its neighbours) and stand in for the rest with measured or estimated
 * space, so ten thousand photos scroll as smoothly as ten. It stays a real list: every item
 * says its position ("512 of 10,000") through aria-posinset and aria-setsize.
 */
export class CardList extends LitElement {
  static override properties = { ids: { attribute: false }, source: { attribute: false }, streams: { attribute: false }, threshold: { type: Number } };

  /** The ids to show, in order; a new array only when a card enters, leaves or moves. */
  declare ids: readonly string[];
  declare source: CardSource;
  /** Streamed caption text, which each card element follows by itself. */
  declare streams: CardStreamSource;
  /** Lists up to this length are rendered in full. */
  declare threshold: number;

  /** Measured heights by record id: cards differ (text length, flags, history). */
  private readonly heights = new Map<string, number>();
  private measuredTotal = 0;
  private offsets: Float64Array | null = null;
  private offsetsFor: readonly string[] | null = null;
  /** The ids rendered by the last render: a change to any other card costs this list nothing. */
  private rendered = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private subscribedTo: CardSource | null = null;
  private ranges: IndexRange[] = [];
  private focusedId: string | null = null;
  /** The first card in view before a render, kept in place after it (see keepAnchor). */
  private anchor: { id: string; top: number } | null = null;
  /**
   * The list's top in page coordinates, the window's scroll position and height: read in the
   * list's own frame callback, where the layout is normally clean. Renders use these instead of
   * reading them again: right after the page's DOM changed, each read (window.scrollY included)
   * forces a layout of the whole page inside the task, and a batch re-renders on every frame.
   */
  private measured: { listTop: number; scrollY: number; height: number } | null = null;
  /** Index into OVERSCAN_STEPS: back to 0 when the cards in view are not rendered yet. */
  private overscanStep = 0;
  private frame = 0;
  private readonly observed = new Set<Element>();
  private readonly resizes = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => this.onResize(entries));

  constructor() {
    super();
    this.ids = [];
    this.source = NO_CARDS;
    this.streams = NO_STREAMS;
    this.threshold = DEFAULT_THRESHOLD;
  }

  /** No shadow root: the cards stay in the page's tree, styled by cardListStyles there. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  get windowed(): boolean {
    return this.ids.length > this.threshold;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Capture: scrolling of any ancestor container moves the list, not only the window's.
    window.addEventListener('scroll', this.schedule, { passive: true, capture: true });
    window.addEventListener('resize', this.schedule, { passive: true });
    this.addEventListener('focusin', this.onFocusIn);
    this.addEventListener('focusout', this.onFocusOut);
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this.schedule, { capture: true });
    window.removeEventListener('resize', this.schedule);
    this.removeEventListener('focusin', this.onFocusIn);
    this.removeEventListener('focusout', this.onFocusOut);
    cancelAnimationFrame(this.frame);
    this.resizes?.disconnect();
    this.observed.clear();
    this.unsubscribe?.();
    this.unsubscribe = this.subscribedTo = null;
  }

  /** Listens to the source it is given, once connected. */
  private follow(): void {
    if (!this.isConnected || this.subscribedTo === this.source) return;
    this.unsubscribe?.();
    this.unsubscribe = this.source.subscribe(this.onCardChange);
    this.subscribedTo = this.source;
  }

  private readonly onCardChange = (change: CardChange): void => {
    if (change.type === 'changed' && this.rendered.has(change.after.record.id)) this.requestUpdate();
  };

  /** Brings a card into the rendered window (e.g. to focus it) and scrolls it into view. */
  async reveal(id: string): Promise<HTMLElement | null> {
    const index = this.ids.indexOf(id);
    if (index < 0) return null;
    this.focusedId = id;
    this.measured = null;
    this.ranges = this.computeRanges();
    this.requestUpdate();
    await this.updateComplete;
    const item = this.querySelector<HTMLElement>(`li[data-index="${index}"]`);
    item?.scrollIntoView({ block: 'nearest' });
    return item;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.follow();
    // A long list's first render (a reload of a big backlog) holds no cards yet: they come in the
    // list's first frame, whose layout measuring the viewport then shares, so the page's first
    // render and its first cards (each card's templates are prepared then) are two tasks, not one.
    if (changed.has('ids') || changed.has('threshold')) this.ranges = this.hasUpdated || !this.windowed ? this.computeRanges() : [];
  }

  override render() {
    const { ids } = this;
    const count = ids.length;
    this.rendered = new Set();
    if (!this.windowed) return html`<ol class="card-list" role="list">${repeat(ids, (id) => id, (id, i) => this.renderItem(id, i, count, 0))}</ol>`;
    const offsets = this.currentOffsets();
    const items: Array<{ index: number; before: number }> = [];
    let cursor = 0;
    for (const range of this.ranges) {
      for (let i = range.start; i < range.end; i++) items.push({ index: i, before: i === range.start ? offsets[range.start]! - offsets[cursor]! : 0 });
      cursor = range.end;
    }
    const after = offsets[count]! - offsets[cursor]!;
    return html`<ol class="card-list" role="list" data-windowed style=${styleMap({ paddingBottom: `${after}px` })}>
      ${repeat(items, (it) => ids[it.index]!, (it) => this.renderItem(ids[it.index]!, it.index, count, it.before))}
    </ol>`;
  }

  private renderItem(id: string, index: number, count: number, before: number) {
    const card = this.source.get(id);
    this.rendered.add(id);
    return html`<li role="listitem" data-index=${index} data-id=${id} aria-setsize=${count} aria-posinset=${index + 1} style=${styleMap({ marginTop: before > 0 ? `${before}px` : null })}>
      ${card ? html`<caption-card .card=${card} .streams=${this.streams}></caption-card>` : ''}
    </li>`;
  }

  protected override updated(): void {
    this.keepAnchor();
    if (!this.resizes) return;
    const items = new Set(this.querySelectorAll(':scope > ol > li'));
    for (const item of this.observed) {
      if (items.has(item)) continue;
      this.resizes.unobserve(item);
      this.observed.delete(item);
    }
    for (const item of items) {
      if (this.observed.has(item)) continue;
      this.resizes.observe(item);
      this.observed.add(item);
    }
    // After the first render and after the list changes, the viewport may need other cards.
    this.schedule();
  }

  private firstVisibleItem(): { id: string; top: number } | null {
    for (const item of this.querySelectorAll<HTMLElement>(':scope > ol > li')) {
      const rect = item.getBoundingClientRect();
      if (rect.bottom > 0 && rect.height > 0) return { id: item.dataset['id'] ?? '', top: rect.top };
    }
    return null;
  }

  /**
   * Measured heights replacing estimates above the viewport would push what the person is
   * reading up or down; scroll by the same amount so it stays put. Done here rather than by
   * CSS scroll anchoring, which Chromium suspends when the list's own spacing changes.
   */
  private keepAnchor(): void {
    const anchor = this.anchor;
    this.anchor = null;
    if (!anchor) return;
    const item = this.querySelector<HTMLElement>(`:scope > ol > li[data-id="${CSS.escape(anchor.id)}"]`);
    if (!item) return;
    const delta = item.getBoundingClientRect().top - anchor.top;
    if (Math.abs(delta) >= 0.5) window.scrollBy(0, delta);
  }

  private readonly schedule = (): void => {
    if (this.frame || !this.windowed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.measured = null;
      if (this.overscanStep < OVERSCAN_STEPS.length - 1) this.overscanStep++;
      const next = this.computeRanges();
      if (!sameRanges(next, this.ranges)) {
        this.ranges = next;
        this.requestUpdate();
      }
    });
  };

  private measureViewport(): NonNullable<CardList['measured']> {
    const scrollY = window.scrollY;
    const listTop = (this.querySelector(':scope > ol') ?? this).getBoundingClientRect().top + scrollY;
    return (this.measured = { listTop, scrollY, height: window.innerHeight || 800 });
  }

  private computeRanges(): IndexRange[] {
    if (!this.windowed) return [];
    const offsets = this.currentOffsets();
    const { listTop, scrollY, height: viewport } = this.measured ?? this.measureViewport();
    const top = scrollY - listTop;
    // A jump renders the cards in view first; scrolling on from there keeps up to one viewport of
    // overscan each way, so fast scrolling rarely shows empty space.
    if (!covers(this.ranges, rangeFor(offsets, top, top + viewport))) this.overscanStep = 0;
    const overscan = OVERSCAN_STEPS[this.overscanStep]! * viewport;
    const visible = rangeFor(offsets, top - overscan, top + viewport + overscan);
    const focused = this.focusedId === null ? -1 : this.ids.indexOf(this.focusedId);
    return renderedRanges(this.ids.length, visible, focused);
  }

  private currentOffsets(): Float64Array {
    if (this.offsets && this.offsetsFor === this.ids) return this.offsets;
    const estimate = this.heights.size > 0 ? this.measuredTotal / this.heights.size : FIRST_ESTIMATE;
    this.offsets = buildOffsets(this.ids.map((id) => this.heights.get(id) ?? estimate));
    this.offsetsFor = this.ids;
    return this.offsets;
  }

  private onResize(entries: readonly ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset['id'];
      const height = entry.borderBoxSize[0]?.blockSize ?? entry.target.getBoundingClientRect().height;
      // Zero means not laid out (hidden, or a DOM without layout): keep the estimate.
      if (!id || !height) continue;
      const known = this.heights.get(id);
      if (known !== undefined && Math.abs(known - height) < 0.5) continue;
      this.measuredTotal += height - (known ?? 0);
      this.heights.set(id, height);
      changed = true;
    }
    if (!changed) return;
    this.offsetsFor = null;
    // Read here, where the layout is fresh, not in the render that follows; the first card in view
    // before the new heights are applied stays where it is (see keepAnchor).
    this.anchor ??= this.windowed ? this.firstVisibleItem() : null;
    this.requestUpdate();
  }

  private readonly onFocusIn = (event: FocusEvent): void => {
    const item = event.composedPath().find((n): n is HTMLLIElement => n instanceof HTMLLIElement && n.parentElement?.parentElement === this);
    const id = item?.dataset['id'] ?? null;
    if (id === null || id === this.focusedId) return;
    this.focusedId = id;
    if (this.windowed) {
      this.ranges = this.computeRanges();
      this.requestUpdate();
    }
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    // Focus leaving the window (null) keeps its card; focus moving elsewhere on the page frees it.
    const next = event.relatedTarget;
    if (next instanceof Node && !this.contains(next)) this.focusedId = null;
  };
}

customElements.define('card-list', CardList);

declare global {
  interface HTMLElementTagNameMap {
    'card-list': CardList;
  }
}
