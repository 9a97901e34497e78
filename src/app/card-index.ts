/**
 * Where each card sits in the list, by record id. The controller looks a card up on every streamed
 * word and every save; a scan of the list each time made a batch quadratic (in a 3,000-photo run
 * the scans and copies were the main thread's largest own cost after IndexedDB). Every position is
 * checked when it is used, so a list replaced or reordered from outside is simply indexed again.
 */
export class CardIndex<T extends { record: { id: string } }> {
  private readonly positions = new Map<string, number>();
  /** Leading items indexed so far, and the id of the last of them. */
  private covered = 0;
  private lastId: string | undefined;
  /** The list a full rebuild was last made for: a missing id there is really missing. */
  private rebuiltFor: readonly T[] | null = null;

  indexOf(cards: readonly T[], id: string): number | undefined {
    const known = this.valid(cards, id);
    if (known !== undefined) return known;
    // Something before the indexed end moved (a card removed): start over.
    if (this.covered > cards.length || (this.covered > 0 && cards[this.covered - 1]!.record.id !== this.lastId)) this.clear();
    this.indexTail(cards);
    const appended = this.valid(cards, id);
    if (appended !== undefined || this.rebuiltFor === cards) return appended;
    // Reordered in a way the checks above cannot see: index the whole list once.
    this.clear();
    this.indexTail(cards);
    this.rebuiltFor = cards;
    return this.valid(cards, id);
  }

  private valid(cards: readonly T[], id: string): number | undefined {
    const at = this.positions.get(id);
    return at !== undefined && cards[at]?.record.id === id ? at : undefined;
  }

  private indexTail(cards: readonly T[]): void {
    for (; this.covered < cards.length; this.covered++) this.positions.set(cards[this.covered]!.record.id, this.covered);
    this.lastId = cards[this.covered - 1]?.record.id;
  }

  private clear(): void {
    this.positions.clear();
    this.covered = 0;
    this.lastId = undefined;
  }
}
