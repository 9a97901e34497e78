import { intakeKeyOfRecord } from '../intake/intake-plan';
import type { CardView } from './card-view';

/** One change to the store, per record: what a subscriber needs to update itself without a scan. */
export type CardChange =
  | { type: 'added'; cards: readonly CardView[] }
  | { type: 'changed'; before: CardView; after: CardView }
  | { type: 'removed'; card: CardView };

export type CardListener = (change: CardChange) => void;

/**
 * Names the tallies a card counts towards ("status:failed", "mine:queued", ...). The store keeps
 * every tally up to date per change, so a count is a map read whatever the list's length.
 */
export type CardCounter = (card: CardView, into: string[]) => void;

/**
 * Every card by id, in the order they were added, with counts kept per change. The one place card
 * state lives: the controller writes, everything else subscribes (per record) or reads by id.
 * Streamed caption text is not here (see CardStreams, below): a word changes no record.
 */
export class CardStore {
  private readonly byId = new Map<string, CardView>();
  /** The first card under each intake key (photo hash, or a skipped file's place and size). */
  private readonly byKey = new Map<string, string>();
  private order: readonly string[] = [];
  private readonly tally = new Map<string, number>();
  private readonly listeners = new Set<CardListener>();
  private readonly keys: string[] = [];
  /** Bumped on every change: views cache what they derive until it moves. */
  revision = 0;

  constructor(private readonly counters: readonly CardCounter[] = []) {}

  get size(): number {
    return this.byId.size;
  }

  /** Ids oldest first. The same array until a card is added or removed, so it can key caches. */
  get ids(): readonly string[] {
    return this.order;
  }

  get(id: string): CardView | undefined {
    return this.byId.get(id);
  }

  /** The card whose photo (or skipped file) has this intake key, if any. */
  getByKey(key: string): CardView | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.byId.get(id);
  }

  count(tally: string): number {
    return this.tally.get(tally) ?? 0;
  }

  /** Every card, oldest first: a copy, for a person's action (export, import), never per word or save. */
  list(): CardView[] {
    return this.order.map((id) => this.byId.get(id)!);
  }

  subscribe(listener: CardListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds cards at the end (one notification for the lot); ids already present are replaced instead. */
  add(cards: readonly CardView[]): void {
    const added: CardView[] = [];
    for (const card of cards) {
      if (this.byId.has(card.record.id)) this.replace(card);
      else added.push(card);
    }
    if (!added.length) return;
    const ids = this.order.slice();
    for (const card of added) {
      this.byId.set(card.record.id, card);
      ids.push(card.record.id);
      this.tallyCard(card, 1);
      this.keyIn(card);
    }
    this.order = ids;
    this.emit({ type: 'added', cards: added });
  }

  /** Swaps in a new view of a known card (views are immutable: one object per change). */
  replace(next: CardView): boolean {
    const before = this.byId.get(next.record.id);
    if (!before) return false;
    if (before === next) return true;
    this.tallyCard(before, -1);
    this.byId.set(next.record.id, next);
    this.tallyCard(next, 1);
    const [was, now] = [intakeKeyOfRecord(before.record), intakeKeyOfRecord(next.record)];
    if (was !== now) {
      this.keyOut(before, was);
      this.keyIn(next);
    }
    this.emit({ type: 'changed', before, after: next });
    return true;
  }

  /** Applies `change` to the card with this id, if there is one; returns the new view. */
  update(id: string, change: (card: CardView) => CardView): CardView | undefined {
    const card = this.byId.get(id);
    if (!card) return undefined;
    const next = change(card);
    this.replace(next);
    return next;
  }

  remove(id: string): CardView | undefined {
    const card = this.byId.get(id);
    if (!card) return undefined;
    this.tallyCard(card, -1);
    this.byId.delete(id);
    // A person's action, one card at a time: the copy of the order is fine here.
    this.order = this.order.filter((other) => other !== id);
    this.keyOut(card, intakeKeyOfRecord(card.record));
    this.emit({ type: 'removed', card });
    return card;
  }

  private tallyCard(card: CardView, sign: 1 | -1): void {
    this.keys.length = 0;
    for (const counter of this.counters) counter(card, this.keys);
    for (const name of this.keys) this.tally.set(name, (this.tally.get(name) ?? 0) + sign);
  }

  private keyIn(card: CardView): void {
    const key = intakeKeyOfRecord(card.record);
    if (key !== undefined && !this.byKey.has(key)) this.byKey.set(key, card.record.id);
  }

  /** The key's next holder (older data may hold two cards of one photo) is found by a scan: a key rarely moves. */
  private keyOut(card: CardView, key: string | undefined): void {
    if (key === undefined || this.byKey.get(key) !== card.record.id) return;
    this.byKey.delete(key);
    for (const id of this.order) {
      const other = this.byId.get(id);
      if (id !== card.record.id && other && intakeKeyOfRecord(other.record) === key) return void this.byKey.set(key, id);
    }
  }

  private emit(change: CardChange): void {
    this.revision++;
    for (const listener of this.listeners) listener(change);
  }
}

export type StreamListener = (text: string) => void;

/** What a card element reads: the text streamed so far for one card, and word-by-word updates. */
export interface CardStreamSource {
  text(id: string): string;
  /** Calls `listener` with the whole text so far on every new word; returns the unsubscribe. */
  watch(id: string, listener: StreamListener): () => void;
}

/**
 * Caption text while the model writes it, one channel per card. A streamed word reaches only the
 * listeners of its own card (normally the one card element showing it): it changes no record,
 * touches no list and wakes no other element, whatever the list's length.
 */
export class CardStreams implements CardStreamSource {
  private readonly texts = new Map<string, string>();
  private readonly listeners = new Map<string, Set<StreamListener>>();

  text(id: string): string {
    return this.texts.get(id) ?? '';
  }

  append(id: string, chunk: string): void {
    const text = this.text(id) + chunk;
    this.texts.set(id, text);
    this.notify(id, text);
  }

  /** Forgets the card's streamed text (the caption finished, or starts over). */
  clear(id: string): void {
    if (!this.texts.delete(id)) return;
    this.notify(id, '');
  }

  watch(id: string, listener: StreamListener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(id);
    };
  }

  private notify(id: string, text: string): void {
    const set = this.listeners.get(id);
    if (set) for (const listener of set) listener(text);
  }
}
