// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_NOTE, DONE_TEXT, type EraseData } from './erase-data';
import './erase-data';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (busy = false): Promise<EraseData> => mountElement('erase-data', { busy });

const root = (el: EraseData): ShadowRoot => el.shadowRoot as ShadowRoot;
const q = <T extends HTMLElement = HTMLElement>(el: EraseData, role: string): T | null => root(el).querySelector<T>(`[data-role=${role}]`);
async function click(el: EraseData, role: string): Promise<void> {
  q(el, role)?.click();
  await el.updateComplete;
}

function count(el: EraseData, type: string): () => number {
  let n = 0;
  el.addEventListener(type, () => n++);
  return () => n;
}

afterEach(cleanup);

describe('erase-data', () => {
  it('asks before erasing and moves focus to the question', async () => {
    const el = await mount();
    const requests = count(el, 'erase-requested');
    expect(q(el, 'erase')?.textContent).toBe('Erase all data…');
    await click(el, 'erase');
    expect(requests()).toBe(0);
    expect(q(el, 'question')?.textContent).toContain('cannot be undone');
    expect(root(el).activeElement).toBe(q(el, 'question'));
    await click(el, 'confirm');
    expect(requests()).toBe(1);
    expect(el.state).toBe('erasing');
    expect(q(el, 'progress')?.textContent).toBe('Erasing…');
  });

  it('"Keep my data" erases nothing and returns focus to the button', async () => {
    const el = await mount();
    const requests = count(el, 'erase-requested');
    await click(el, 'erase');
    await click(el, 'keep');
    expect(requests()).toBe(0);
    expect(el.state).toBe('idle');
    expect(root(el).activeElement).toBe(q(el, 'erase'));
  });

  it('waits while photos are being captioned and says why', async () => {
    const el = await mount(true);
    const button = q(el, 'erase')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-describedby')).toBe('erase-busy');
    expect(root(el).getElementById('erase-busy')?.textContent).toBe(BUSY_NOTE);
    await click(el, 'erase');
    expect(el.state).toBe('idle');
    expect(q(el, 'question')).toBeNull();
  });

  it('reports the outcome: done with Start again, or the error', async () => {
    const el = await mount();
    const restarts = count(el, 'restart-requested');
    el.state = 'done';
    await el.updateComplete;
    expect(q(el, 'done')?.textContent).toBe(DONE_TEXT);
    expect(root(el).activeElement).toBe(q(el, 'done'));
    await click(el, 'restart');
    expect(restarts()).toBe(1);

    el.state = 'failed';
    el.error = 'the database is in use';
    await el.updateComplete;
    expect(q(el, 'error')?.textContent).toContain('the database is in use');
    expect(q(el, 'erase')).not.toBeNull();
  });
});
