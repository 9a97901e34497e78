// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TEXT, UPDATE_TEXT, type UpdateBanner } from './update-banner';
import './update-banner';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (props: Partial<Pick<UpdateBanner, 'available' | 'busy'>>): Promise<UpdateBanner> => mountElement('update-banner', props);

const root = (el: UpdateBanner): ShadowRoot => el.shadowRoot as ShadowRoot;
const q = (el: UpdateBanner, role: string): HTMLElement | null => root(el).querySelector(`[data-role=${role}]`);
const status = (el: UpdateBanner): string => root(el).querySelector('[role=status]')?.textContent?.trim() ?? '';

function requests(el: UpdateBanner): () => number {
  let count = 0;
  el.addEventListener('update-requested', () => count++);
  return () => count;
}

afterEach(cleanup);

describe('update-banner', () => {
  it('shows nothing but an empty live region until an update is available', async () => {
    const el = await mount({ available: false });
    expect(status(el)).toBe('');
    expect(q(el, 'update')).toBeNull();
    expect(q(el, 'update-banner')?.classList.contains('hidden')).toBe(true);

    el.available = true;
    await el.updateComplete;
    expect(status(el)).toBe(UPDATE_TEXT);
    expect(q(el, 'update-banner')?.classList.contains('hidden')).toBe(false);
  });

  it('asks for the update when the person chooses Update now', async () => {
    const el = await mount({ available: true });
    const count = requests(el);
    const button = q(el, 'update') as HTMLButtonElement;
    expect(button.textContent).toBe('Update now');
    expect(button.getAttribute('aria-disabled')).toBe('false');
    button.click();
    expect(count()).toBe(1);
  });

  it('waits while photos are being captioned, says why, and stays focusable', async () => {
    const el = await mount({ available: true, busy: true });
    const count = requests(el);
    const button = q(el, 'update') as HTMLButtonElement;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-describedby')).toBe('busy-note');
    expect(root(el).getElementById('busy-note')?.textContent).toBe(BUSY_TEXT);
    button.click();
    expect(count()).toBe(0);

    el.busy = false;
    await el.updateComplete;
    expect(q(el, 'busy-note')).toBeNull();
    button.click();
    expect(count()).toBe(1);
  });

  it('Later hides the banner for this visit', async () => {
    const el = await mount({ available: true });
    (q(el, 'later') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(status(el)).toBe('');
    expect(q(el, 'update')).toBeNull();
  });
});
