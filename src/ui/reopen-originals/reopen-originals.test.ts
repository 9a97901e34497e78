// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ReopenOffer } from '../../intake/reopen-originals';
import type { ReopenOriginals } from './reopen-originals';
import './reopen-originals';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (offer: ReopenOffer | null, busy = false): Promise<ReopenOriginals> => mountElement('reopen-originals', { offer, busy });

const q = (el: ReopenOriginals, selector: string) => (el.shadowRoot as ShadowRoot).querySelector(selector) as HTMLElement | null;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function requests(): number[] {
  const seen: number[] = [];
  document.body.addEventListener('reopen-requested', () => seen.push(1));
  return seen;
}

afterEach(cleanup);

describe('reopen-originals', () => {
  it('shows nothing when no folder waits', async () => {
    expect(q(await mount(null), 'section')).toBeNull();
  });

  it('offers one real button naming the count and folder, described by why the browser asks', async () => {
    const el = await mount({ folder: 'Holiday 2019', count: 37, moreFolders: 0 });
    const button = q(el, 'button') as HTMLButtonElement;
    expect(button.getAttribute('type')).toBe('button');
    expect(text(button)).toBe('Reopen 37 photos from “Holiday 2019”');
    expect(text(q(el, `#${button.getAttribute('aria-describedby')}`))).toBe('37 photos from “Holiday 2019” were not finished when the page was closed. Altscribe kept a link to them, not a copy; your browser asks before it lets this page read the folder again.');
    expect(q(el, 'section')?.getAttribute('aria-labelledby')).toBe('reopen-heading');
    expect(text(q(el, '#reopen-heading'))).toBe('Unfinished photos');
    expect(q(el, '[role=status], [aria-live]')).toBeNull();
    expect(q(el, '[data-role=more]')).toBeNull();
  });

  it('a click asks (composed, so the app hears it); while busy the button stays focusable but does nothing', async () => {
    const el = await mount({ folder: 'album', count: 1, moreFolders: 2 });
    const seen = requests();
    expect(text(q(el, 'button'))).toBe('Reopen 1 photo from “album”');
    expect(text(q(el, '[data-role=more]'))).toBe('Photos from 2 more folders wait after these.');
    q(el, 'button')?.click();
    expect(seen).toHaveLength(1);
    el.busy = true;
    await el.updateComplete;
    expect(q(el, 'button')?.getAttribute('aria-disabled')).toBe('true');
    expect(q(el, 'button')?.hasAttribute('disabled')).toBe(false);
    q(el, 'button')?.click();
    expect(seen).toHaveLength(1);
  });
});
