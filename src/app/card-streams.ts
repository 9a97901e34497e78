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
