import type { CaptionRecord, CardView } from '../../app/card-view';
import type { RegenerateOptions, RegenerateResult } from '../../app/regenerate';
import { mount as mountElement, shadow } from '../shared/test-mount';
import type { ReviewMode, ReviewSource, ReviewVerbs } from './review-mode';
import './review-mode';

/** What the review mode's unit tests share: cards, a fake controller, and driving the element by key. */

export function makeCard(id: string, record: Partial<CaptionRecord> = {}, view: Partial<Omit<CardView, 'record'>> = {}): CardView {
  return {
    record: { id, fileName: `${id}.png`, mimeType: 'image/png', byteSize: 1, status: 'done', text: `Text of ${id}.`, review: 'unreviewed', createdAt: 1, updatedAt: 1, ...record },
    canRetry: true,
    ...view,
  };
}

/** Plays the controller and the app: applies each verb to the cards and hands the element the new list. */
export class FakeVerbs implements ReviewVerbs {
  calls: unknown[][] = [];
  el!: ReviewMode;
  constructor(public cards: CardView[]) {}
  private apply(id: string, patch: Partial<CaptionRecord>): void {
    this.cards = this.cards.map((c) => (c.record.id === id ? { ...c, record: { ...c.record, ...patch } } : c));
    this.el.source = listSource(this.cards);
  }
  async approve(id: string): Promise<void> {
    this.calls.push(['approve', id]);
    this.apply(id, { review: 'approved' });
  }
  async editText(id: string, text: string): Promise<void> {
    this.calls.push(['editText', id, text]);
    this.apply(id, { text, review: 'edited' });
  }
  async regenerate(id: string, options?: RegenerateOptions): Promise<RegenerateResult> {
    this.calls.push(['regenerate', id, options]);
    this.apply(id, { status: 'queued', text: '', review: 'unreviewed' });
    return 'started';
  }
  async useVersion(id: string, index: number): Promise<boolean> {
    this.calls.push(['useVersion', id, index]);
    return true;
  }
  async useSecondOpinion(id: string): Promise<void> {
    this.calls.push(['useSecondOpinion', id]);
    const card = this.cards.find((c) => c.record.id === id);
    this.apply(id, { text: card?.record.secondOpinion?.text ?? '', review: 'approved' });
  }
}

/** A fixed list as review mode's source (the app hands it the shown cards). */
export function listSource(cards: readonly CardView[]): ReviewSource {
  return { length: cards.length, cards: () => cards };
}

export async function mount(cards: CardView[]): Promise<{ el: ReviewMode; verbs: FakeVerbs }> {
  const verbs = new FakeVerbs(cards);
  verbs.el = await mountElement('review-mode', { source: listSource(cards), controller: verbs });
  return { el: verbs.el, verbs };
}

export const q = (el: ReviewMode, selector: string) => shadow(el).querySelector<HTMLElement>(selector);
/** Lets the element's async handlers and the clear-then-set announcement settle. */
export const settle = async (el: ReviewMode) => {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};
export const focused = (el: ReviewMode) => shadow(el).activeElement as HTMLElement | null;

export async function press(el: ReviewMode, key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
  const target = focused(el) ?? q(el, 'dialog')!;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  await settle(el);
  return event;
}

export async function open(el: ReviewMode): Promise<void> {
  q(el, '[data-role=open-review]')!.click();
  await settle(el);
}
