// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CardStore } from '../../app/card-store';
import type { CardView } from '../../app/card-view';
import type { CaptionCard } from '../caption-card/caption-card';
import type { CardList } from './card-list';
import './card-list';
import { buildOffsets, covers, indexAt, rangeFor, renderedRanges } from './card-window';

function makeCards(count: number): CardView[] {
  return Array.from({ length: count }, (_, i) => ({
    record: { id: `id-${i}`, fileName: `photo-${i}.jpg`, mimeType: 'image/jpeg', byteSize: 100, status: 'done', text: `Alt-text ${i}`, review: 'unreviewed', createdAt: i, updatedAt: i },
    canRetry: true,
  }));
}

async function mount(count: number): Promise<CardList> {
  const list = document.createElement('card-list');
  const store = new CardStore();
  store.add(makeCards(count));
  list.source = store;
  list.ids = store.ids;
  document.body.append(list);
  await list.updateComplete;
  return list;
}

const items = (list: CardList): HTMLLIElement[] => [...list.querySelectorAll<HTMLLIElement>(':scope > ol > li')];
const positions = (list: CardList): number[] => items(list).map((li) => Number(li.getAttribute('aria-posinset')));
const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

async function settle(list: CardList): Promise<void> {
  await nextFrame();
  await nextFrame();
  await list.updateComplete;
}

/** A settled 10,000-card list, then scrolled `cards` cards down (240 px is the first height estimate). */
async function scrolledDown(cards: number): Promise<CardList> {
  const list = await mount(10_000);
  await settle(list);
  const ol = list.querySelector('ol') as HTMLOListElement;
  ol.getBoundingClientRect = () => ({ top: -240 * cards, bottom: 0, left: 0, right: 0, width: 0, height: 0, x: 0, y: 0, toJSON: () => ({}) });
  window.dispatchEvent(new Event('scroll'));
  return list;
}

afterEach(() => document.body.replaceChildren());

describe('card-list', () => {
  it('renders a short list in full, as a list whose items know their position', async () => {
    const list = await mount(12);
    const ol = list.querySelector('ol');
    expect(ol?.getAttribute('role')).toBe('list');
    expect(positions(list)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(items(list).every((li) => li.getAttribute('role') === 'listitem' && li.getAttribute('aria-setsize') === '12')).toBe(true);
    expect(list.querySelectorAll('caption-card')).toHaveLength(12);
  });

  it('keeps the cards in the light tree so the page can find them', async () => {
    const list = await mount(3);
    expect(list.shadowRoot).toBeNull();
    expect(list.querySelector('caption-card')?.card.record.fileName).toBe('photo-0.jpg');
  });

  it('renders only the cards near the viewport of a 10,000-card list, and leaves room for the rest', async () => {
    const list = await mount(10_000);
    await settle(list);
    const shown = positions(list);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(40);
    expect(shown[0]).toBe(1);
    expect(items(list)[0]?.getAttribute('aria-setsize')).toBe('10000');
    const ol = list.querySelector('ol') as HTMLOListElement;
    expect(parseFloat(ol.style.paddingBottom)).toBeGreaterThan(9_000 * 100);
  });

  it("renders a long list's first cards in its first frame, not with the page's first render", async () => {
    const list = await mount(10_000);
    expect(list.querySelectorAll('caption-card')).toHaveLength(0);
    expect(parseFloat((list.querySelector('ol') as HTMLOListElement).style.paddingBottom)).toBeGreaterThan(9_000 * 100);
    await settle(list);
    expect(positions(list)[0]).toBe(1);
  });

  it('follows the scroll position to the cards now in view', async () => {
    const list = await scrolledDown(5000);
    await settle(list);
    const shown = positions(list);
    expect(shown).toContain(5001);
    expect(shown).not.toContain(1);
    expect(list.querySelectorAll('caption-card').length).toBeLessThan(40);
    // The cards before the window are stood in for by space, not elements.
    expect(parseFloat(items(list)[0]!.style.marginTop)).toBeGreaterThan(1_000_000);
  });

  it('after a jump renders the cards in view first and adds the overscan over the next frames', async () => {
    const list = await scrolledDown(5000);
    await nextFrame();
    await list.updateComplete;
    // The viewport (innerHeight 768 in happy-dom) holds cards 5001-5004 at the 240 px estimate.
    const first = positions(list);
    expect(Math.min(...first)).toBe(5001);
    expect(Math.max(...first)).toBeLessThanOrEqual(5005);
    for (let i = 0; i < 4; i++) await settle(list);
    const grown = positions(list);
    // One viewport (about 3 cards) above and below once the overscan is complete.
    expect(grown).toEqual(expect.arrayContaining([4998, 5001, 5007]));
    expect(grown.length).toBeLessThan(40);
  });

  it('renders the next card before focus leaves the last one, so Tab moves on in order', async () => {
    const list = await mount(10_000);
    await settle(list);
    const last = items(list).at(-1)!;
    const lastIndex = Number(last.dataset['index']);
    const card = last.querySelector('caption-card') as CaptionCard;
    await card.updateComplete;
    (card.shadowRoot?.querySelector('button') as HTMLButtonElement).focus();
    await list.updateComplete;
    expect(positions(list)).toContain(lastIndex + 2);
    expect(list.querySelector(`li[data-index="${lastIndex + 1}"] caption-card`)).not.toBeNull();
  });

  it('keeps a revealed far-away card and its neighbours rendered next to the viewport window', async () => {
    const list = await mount(10_000);
    await settle(list);
    const item = await list.reveal('id-7000');
    expect(item?.getAttribute('aria-posinset')).toBe('7001');
    const shown = positions(list);
    expect(shown).toEqual(expect.arrayContaining([1, 7000, 7001, 7002]));
    expect(shown).not.toContain(6990);
    expect(parseFloat(list.querySelector<HTMLLIElement>('li[data-index="6999"]')!.style.marginTop)).toBeGreaterThan(0);
  });

  it('lets card events reach listeners on the list', async () => {
    const list = await mount(2);
    const heard: string[] = [];
    list.addEventListener('card-action', (e) => heard.push((e as CustomEvent<{ id: string }>).detail.id));
    const card = list.querySelector('caption-card') as CaptionCard;
    await card.updateComplete;
    const copy = [...(card.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Copy');
    copy?.click();
    expect(heard).toEqual(['id-0']);
  });
});

describe('card-window', () => {
  const offsets = buildOffsets([100, 300, 50, 200]);

  it('places items by their own heights', () => {
    expect([...offsets]).toEqual([0, 100, 400, 450, 650]);
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 399)).toBe(1);
    expect(indexAt(offsets, 400)).toBe(2);
    expect(indexAt(offsets, 10_000)).toBe(3);
  });

  it('finds the items meeting a viewport', () => {
    expect(rangeFor(offsets, 120, 420)).toEqual({ start: 1, end: 3 });
    expect(rangeFor(offsets, -500, 50)).toEqual({ start: 0, end: 1 });
  });

  it('tells whether rendered ranges cover a range', () => {
    expect(covers([{ start: 0, end: 10 }, { start: 49, end: 52 }], { start: 2, end: 10 })).toBe(true);
    expect(covers([{ start: 0, end: 10 }, { start: 49, end: 52 }], { start: 8, end: 12 })).toBe(false);
    expect(covers([], { start: 0, end: 1 })).toBe(false);
    expect(covers([], { start: 3, end: 3 })).toBe(true);
  });

  it('adds the focused item and its neighbours, merging what touches', () => {
    expect(renderedRanges(100, { start: 0, end: 10 }, 50)).toEqual([{ start: 0, end: 10 }, { start: 49, end: 52 }]);
    expect(renderedRanges(100, { start: 0, end: 10 }, 10)).toEqual([{ start: 0, end: 12 }]);
    expect(renderedRanges(100, { start: 90, end: 100 }, 99)).toEqual([{ start: 90, end: 100 }]);
    expect(renderedRanges(100, { start: 0, end: 10 }, -1)).toEqual([{ start: 0, end: 10 }]);
  });
});
