// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CardStore, CardStreams } from '../../app/card-store';
import type { CardView } from '../../app/card-view';
import type { CaptionCard } from '../caption-card/caption-card';
import './card-list';

const WORDS = 'a red circle on a white square next to a small green triangle'.split(' ');

function makeCards(count: number): CardView[] {
  return Array.from({ length: count }, (_, i) => ({
    record: { id: `id-${i}`, fileName: `photo-${i}.jpg`, mimeType: 'image/jpeg', byteSize: 100, status: i === 0 ? 'running' : 'done', text: i === 0 ? '' : `Alt-text ${i}`, review: 'unreviewed', createdAt: i, updatedAt: i },
    canRetry: true,
  }));
}

/** Counts renders of one element by wrapping its own render(), which lit calls once per update. */
function countRenders(element: { render(): unknown }): () => number {
  let renders = 0;
  const render = element.render.bind(element);
  element.render = () => {
    renders++;
    return render();
  };
  return () => renders;
}

/** A long list shows its first cards in its first frame (card-list.ts): wait for them. */
async function firstCards(list: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  await list.updateComplete;
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  await list.updateComplete;
}

/** Streams a caption into the first card of an `count`-card list and counts what each word woke up. */
async function streamIntoList(count: number) {
  const store = new CardStore();
  store.add(makeCards(count));
  const streams = new CardStreams();
  const list = document.createElement('card-list');
  Object.assign(list, { source: store, ids: store.ids, streams });
  document.body.append(list);
  await firstCards(list);
  const cards = [...list.querySelectorAll<CaptionCard>('caption-card')];
  await Promise.all(cards.map((card) => card.updateComplete));
  let notifications = 0;
  store.subscribe(() => notifications++);
  const listRenders = countRenders(list as unknown as { render(): unknown });
  const cardRenders = cards.map((card) => countRenders(card as unknown as { render(): unknown }));
  for (const word of WORDS) {
    streams.append('id-0', `${word} `);
    await cards[0]!.updateComplete;
  }
  await list.updateComplete;
  const shown = cards[0]!.shadowRoot?.querySelector('[data-role=streaming]')?.textContent?.trim();
  return { notifications, listRenders: listRenders(), runningCardRenders: cardRenders[0]!(), otherCardRenders: cardRenders.slice(1).reduce((sum, n) => sum + n(), 0), rendered: cards.length, shown };
}

afterEach(() => document.body.replaceChildren());

describe('a streamed word', () => {
  it('changes no record and renders only its own card, the same at 10 and at 5,000 cards', async () => {
    const small = await streamIntoList(10);
    const large = await streamIntoList(5_000);
    for (const run of [small, large]) {
      expect(run.shown).toBe(WORDS.join(' '));
      expect(run.notifications).toBe(0);
      expect(run.listRenders).toBe(0);
      expect(run.runningCardRenders).toBe(WORDS.length);
      expect(run.otherCardRenders).toBe(0);
    }
    // The large list is windowed: only a few cards exist as elements at all.
    expect(large.rendered).toBeLessThan(50);
  });

  it('a saved change re-renders the list only when the changed card is rendered', async () => {
    const store = new CardStore();
    store.add(makeCards(5_000));
    const list = document.createElement('card-list');
    Object.assign(list, { source: store, ids: store.ids, streams: new CardStreams() });
    document.body.append(list);
    await firstCards(list);
    const renders = countRenders(list as unknown as { render(): unknown });
    const rename = (id: string) => store.update(id, (card) => ({ ...card, record: { ...card.record, text: 'changed' } }));
    rename('id-4999');
    await list.updateComplete;
    expect(renders()).toBe(0);
    rename('id-0');
    await list.updateComplete;
    expect(renders()).toBe(1);
  });
});
