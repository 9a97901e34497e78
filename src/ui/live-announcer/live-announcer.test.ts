// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_MESSAGES, type LiveAnnouncer } from './live-announcer';
import './live-announcer';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (): Promise<LiveAnnouncer> => mountElement('live-announcer');

const region = (el: LiveAnnouncer) => el.shadowRoot?.querySelector('[data-role=announcer]') as HTMLElement;
const spoken = (el: LiveAnnouncer) => [...region(el).querySelectorAll('p')].map((p) => p.textContent);

afterEach(cleanup);

describe('live-announcer', () => {
  it('is one polite log region that starts empty', async () => {
    const el = await mount();
    expect(region(el).getAttribute('role')).toBe('log');
    expect(region(el).getAttribute('aria-live')).toBe('polite');
    expect(region(el).getAttribute('aria-relevant')).toBe('additions');
    expect(spoken(el)).toEqual([]);
  });

  it('appends messages in order instead of replacing the one before', async () => {
    const el = await mount();
    el.announce('Showing 1 of 3 photos.');
    el.announce('Batch finished: 3 of 3 photos captioned.');
    await el.updateComplete;
    expect(spoken(el)).toEqual(['Showing 1 of 3 photos.', 'Batch finished: 3 of 3 photos captioned.']);
    expect(el.latest).toBe('Batch finished: 3 of 3 photos captioned.');
  });

  it('adds a repeated message as a new node, so it is spoken again', async () => {
    const el = await mount();
    el.announce('Model ready on WASM (q8).');
    await el.updateComplete;
    const first = region(el).querySelector('p');
    el.announce('Model ready on WASM (q8).');
    await el.updateComplete;
    const nodes = region(el).querySelectorAll('p');
    expect(nodes).toHaveLength(2);
    expect(nodes[1]).not.toBe(first);
  });

  it('keeps only the last ten messages and ignores empty ones', async () => {
    const el = await mount();
    for (let n = 1; n <= KEPT_MESSAGES + 2; n++) el.announce(`Message ${n}.`);
    el.announce('');
    await el.updateComplete;
    expect(spoken(el)).toHaveLength(KEPT_MESSAGES);
    expect(spoken(el)[0]).toBe('Message 3.');
    expect(spoken(el).at(-1)).toBe(`Message ${KEPT_MESSAGES + 2}.`);
  });
});
