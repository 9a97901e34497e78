// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ManagedModel, ManagerStorage } from '../../model-manager/model-library';
import type { ModelManager } from './model-manager';
import { relativeTime } from './model-manager';
import './model-manager';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const NOW = Date.UTC(2026, 2, 12, 14, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const DISTILVIT: ManagedModel = { modelId: 'Mozilla/distilvit', label: 'DistilViT (Mozilla, used by Firefox)', bytes: 182_400_000, files: 6, lastUsedAt: NOW - 3 * DAY, inUse: false };
const FLORENCE: ManagedModel = { modelId: 'onnx-community/Florence-2-base-ft', label: 'Florence-2 base (Microsoft)', bytes: 231_000_000, files: 9, lastUsedAt: NOW - 2 * HOUR, inUse: true };
const SMOL: ManagedModel = { modelId: 'HuggingFaceTB/SmolVLM-256M-Instruct', label: 'SmolVLM 256M Instruct', bytes: 1_000, files: 1, inUse: false };

const mount = (models: ManagedModel[], storage: ManagerStorage | null = null, busy: string | null = null): Promise<ModelManager> => mountElement('model-manager', { models, storage, busy });

async function set(el: ModelManager, patch: Partial<Pick<ModelManager, 'models' | 'storage' | 'busy'>>): Promise<void> {
  Object.assign(el, patch);
  await el.updateComplete;
}

const root = (el: ModelManager): ShadowRoot => el.shadowRoot as ShadowRoot;
const role = <T extends HTMLElement = HTMLElement>(el: ParentNode, name: string): T | null => el.querySelector<T>(`[data-role="${name}"]`);
const roles = (el: ModelManager, name: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(`[data-role="${name}"]`)];
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const row = (el: ModelManager, modelId: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`tr[data-model-id="${modelId}"]`);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('model-manager listing', () => {
  it('is a section headed "Models on this device" with a captioned table', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    const section = root(el).querySelector('section');
    const heading = root(el).getElementById(section?.getAttribute('aria-labelledby') ?? '');
    expect(heading?.tagName).toBe('H2');
    expect(text(heading)).toBe('Models on this device');
    const table = root(el).querySelector('table');
    expect(text(table?.querySelector('caption'))).toBe('Downloaded models, their size on disk and when you last used them');
    const headers = [...(table?.querySelectorAll('thead th') ?? [])];
    expect(headers.map((th) => th.getAttribute('scope'))).toEqual(['col', 'col', 'col', 'col']);
    expect(headers.map((th) => text(th))).toEqual(['Model', 'Size on disk', 'Last used', 'Actions']);
  });

  it('lists each model as a row headed by its name, with size, file count and last use', async () => {
    const el = await mount([DISTILVIT, FLORENCE, SMOL]);
    expect(roles(el, 'model-row').map((r) => r.dataset.modelId)).toEqual([DISTILVIT.modelId, FLORENCE.modelId, SMOL.modelId]);
    const distil = row(el, DISTILVIT.modelId) as HTMLElement;
    expect(distil.querySelector('th')?.getAttribute('scope')).toBe('row');
    expect(text(distil.querySelector('th'))).toBe(DISTILVIT.label);
    expect(text(role(distil, 'size'))).toBe('182 MB (6 files)');
    expect(text(distil.querySelector('time'))).toBe('3 days ago');
    expect(text(role(row(el, SMOL.modelId) as HTMLElement, 'size'))).toBe('1 KB (1 file)');
  });

  it('shows the exact time of last use next to the relative one, and a machine-readable datetime', async () => {
    const el = await mount([FLORENCE]);
    const cell = role(row(el, FLORENCE.modelId) as HTMLElement, 'last-used') as HTMLElement;
    expect(text(cell.querySelector('time'))).toBe('2 hours ago');
    expect(cell.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-12T12:00:00.000Z');
    const exact = text(role(cell, 'last-used-exact'));
    expect(exact).toMatch(/2026/);
    expect(exact).not.toBe('');
  });

  it('says when a model was never used', async () => {
    const el = await mount([SMOL]);
    expect(text(role(row(el, SMOL.modelId) as HTMLElement, 'last-used'))).toBe('Not used yet');
  });

  it('marks the model in use', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    expect(role(row(el, FLORENCE.modelId) as HTMLElement, 'in-use')).not.toBeNull();
    expect(role(row(el, DISTILVIT.modelId) as HTMLElement, 'in-use')).toBeNull();
  });

  it('names the model and its size on each Delete button', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    expect(roles(el, 'delete').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Delete DistilViT (Mozilla, used by Firefox) (182 MB)',
      'Delete Florence-2 base (Microsoft) (231 MB)',
    ]);
  });

  it('shows the total used by models and the site quota', async () => {
    const el = await mount([DISTILVIT, FLORENCE], { usageBytes: 420_000_000, quotaBytes: 12_000_000_000, persisted: true });
    expect(text(role(root(el), 'total'))).toBe('Total used by models: 413 MB');
    expect(text(role(root(el), 'usage'))).toBe('This site uses 420 MB of the 12 GB the browser allows it.');
  });

  it('has an empty state without a table or total', async () => {
    const el = await mount([], { usageBytes: 0, quotaBytes: 1_000_000_000, persisted: false });
    expect(text(role(root(el), 'empty'))).toBe('No models are stored on this device. A model is downloaded, after you agree, the first time you use it.');
    expect(root(el).querySelector('table')).toBeNull();
    expect(role(root(el), 'total')).toBeNull();
    expect(role(root(el), 'persist')).toBeNull();
  });
});

describe('model-manager persistence', () => {
  it('says when storage is persistent and offers no button', async () => {
    const el = await mount([DISTILVIT], { usageBytes: 1, quotaBytes: 2, persisted: true });
    expect(text(role(root(el), 'persist-status'))).toMatch(/^Storage is persistent/);
    expect(role(root(el), 'persist')).toBeNull();
  });

  it('warns that the browser may clear models and asks to keep them', async () => {
    const el = await mount([DISTILVIT], { usageBytes: 1, quotaBytes: 2, persisted: false });
    expect(text(role(root(el), 'persist-status'))).toBe('The browser may clear these models when space runs low.');
    const events: Event[] = [];
    document.body.addEventListener('persist-requested', (e) => events.push(e));
    const button = role(root(el), 'persist') as HTMLButtonElement;
    expect(text(button)).toBe('Keep models on this device');
    button.click();
    expect(events).toHaveLength(1);
    expect(events[0]?.bubbles && events[0]?.composed).toBe(true);
  });

  it('says nothing about persistence when storage is unknown', async () => {
    const el = await mount([DISTILVIT], null);
    expect(role(root(el), 'persist-status')).toBeNull();
    expect(role(root(el), 'usage')).toBeNull();
  });
});

describe('model-manager delete', () => {
  function deletes(): CustomEvent<{ modelId: string }>[] {
    const events: CustomEvent<{ modelId: string }>[] = [];
    document.body.addEventListener('model-delete-requested', (e) => events.push(e as CustomEvent<{ modelId: string }>));
    return events;
  }

  it('asks the app to delete, bubbling out of the shadow root', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    const events = deletes();
    (role(row(el, FLORENCE.modelId) as HTMLElement, 'delete') as HTMLButtonElement).click();
    expect(events.map((e) => e.detail)).toEqual([{ modelId: FLORENCE.modelId }]);
    expect(events[0]?.bubbles && events[0]?.composed).toBe(true);
  });

  it('while busy, keeps the button focusable but inert, and says it is deleting', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    const events = deletes();
    const button = role(row(el, DISTILVIT.modelId) as HTMLElement, 'delete') as HTMLButtonElement;
    button.focus();
    button.click();
    await set(el, { busy: DISTILVIT.modelId });
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(text(button)).toBe('Deleting…');
    expect(root(el).activeElement).toBe(button);
    button.click();
    expect(events).toHaveLength(1);
    expect(role(row(el, FLORENCE.modelId) as HTMLElement, 'delete')?.getAttribute('aria-disabled')).toBe('false');
  });

  it('after the row goes, announces what was freed and moves focus to the table', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    const button = role(row(el, DISTILVIT.modelId) as HTMLElement, 'delete') as HTMLButtonElement;
    button.focus();
    button.click();
    await set(el, { busy: DISTILVIT.modelId });
    // The app may clear `busy` and pass the new list in separate updates.
    await set(el, { busy: null });
    await set(el, { models: [FLORENCE] });
    expect(row(el, DISTILVIT.modelId)).toBeNull();
    expect(root(el).activeElement).toBe(root(el).querySelector('table'));
    const status = role(root(el), 'announcement');
    expect(status?.getAttribute('role')).toBe('status');
    expect(text(status)).toBe('Deleted DistilViT (Mozilla, used by Firefox), freeing 182 MB.');
  });

  it('moves focus to the heading when the last model is deleted', async () => {
    const el = await mount([FLORENCE]);
    const button = role(root(el), 'delete') as HTMLButtonElement;
    button.focus();
    button.click();
    await set(el, { models: [], busy: null });
    expect(role(root(el), 'empty')).not.toBeNull();
    expect(root(el).activeElement).toBe(root(el).querySelector('h2'));
  });

  it('leaves focus alone when the person has moved on', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    (role(row(el, DISTILVIT.modelId) as HTMLElement, 'delete') as HTMLButtonElement).click();
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();
    await set(el, { models: [FLORENCE] });
    expect(document.activeElement).toBe(elsewhere);
    expect(text(role(root(el), 'announcement'))).toMatch(/^Deleted DistilViT/);
  });

  it('does not announce or move focus when a list refresh keeps the model', async () => {
    const el = await mount([DISTILVIT, FLORENCE]);
    const button = role(row(el, DISTILVIT.modelId) as HTMLElement, 'delete') as HTMLButtonElement;
    button.focus();
    button.click();
    await set(el, { models: [{ ...DISTILVIT }, FLORENCE] });
    expect(text(role(root(el), 'announcement'))).toBe('');
    expect(root(el).activeElement).toBe(role(row(el, DISTILVIT.modelId) as HTMLElement, 'delete'));
  });
});

describe('relativeTime', () => {
  it.each([
    [-10_000, 'just now'],
    [-5 * 60_000, '5 minutes ago'],
    [-2 * HOUR, '2 hours ago'],
    [-DAY, 'yesterday'],
    [-3 * DAY, '3 days ago'],
    [-14 * DAY, '2 weeks ago'],
    [-90 * DAY, '3 months ago'],
    [-800 * DAY, '2 years ago'],
  ])('%d ms → %s', (offset, expected) => {
    expect(relativeTime(NOW + offset, NOW)).toBe(expected);
  });
});
