// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetadataExport } from '../../metadata-export/metadata-export';
import type { SaveSource } from '../../metadata-export/save-source';
import type { TransferMessage } from '../../app/results-transfer';
import { untilMutation } from '../../test-support/wait';
import { cleanup, mount } from '../shared/test-mount';
import './save-with-alt-text';

afterEach(() => {
  cleanup();
  delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
});

const button = (root: ShadowRoot, role: string) => root.querySelector<HTMLButtonElement>(`[data-role=${role}]`);

/** A source whose writeOriginals asks its confirm and reports what the answer let it do. */
function fakeSource(records = ['a', 'b']) {
  const scopes: string[] = [];
  const writeOriginals = vi.fn(async (_records: unknown, confirm: (question: string, count: number) => Promise<boolean>): Promise<TransferMessage | null> => {
    if (!(await confirm('Write the alt-text into 2 original photos on this device?', 2))) return null;
    return { text: 'Wrote the alt-text into 2 original photos.', details: [], failed: false };
  });
  const saveZip = vi.fn(async (): Promise<TransferMessage> => ({ text: 'Saved 1 photo.', details: ['c.gif: this format cannot carry metadata, use the CSV.'], failed: false }));
  const source = { exporter: { writeOriginals, saveZip } as unknown as MetadataExport, records: (scope: string) => (scopes.push(scope), records) } as unknown as SaveSource;
  return { source, writeOriginals, saveZip, scopes };
}

describe('save-with-alt-text', () => {
  it('offers the folder and the originals only where the browser has a folder picker', async () => {
    const plain = await mount('save-with-alt-text', { source: fakeSource().source });
    expect(button(plain.shadowRoot!, 'save-zip')).not.toBeNull();
    expect(button(plain.shadowRoot!, 'write-originals')).toBeNull();
    cleanup();
    (window as { showDirectoryPicker?: unknown }).showDirectoryPicker = () => Promise.reject(new Error('not in tests'));
    const chromium = await mount('save-with-alt-text', { source: fakeSource().source });
    expect(button(chromium.shadowRoot!, 'save-folder')).not.toBeNull();
    expect(button(chromium.shadowRoot!, 'write-originals')).not.toBeNull();
  });

  it('writes nothing until the question naming the count is answered yes, and says nothing was written on Cancel', async () => {
    (window as { showDirectoryPicker?: unknown }).showDirectoryPicker = () => Promise.reject(new Error('not in tests'));
    const { source, writeOriginals } = fakeSource();
    const el = await mount('save-with-alt-text', { source });
    const root = el.shadowRoot!;
    button(root, 'write-originals')!.click();
    await untilMutation(root, () => root.querySelector('[data-role=confirm-write]') !== null);
    expect(root.querySelector('#confirm-question')?.textContent).toBe('Write the alt-text into 2 original photos on this device?');
    expect(root.activeElement?.id).toBe('confirm-question');
    button(root, 'confirm-no')!.click();
    await untilMutation(root, () => root.querySelector('[data-role=save-message]') !== null);
    expect(root.querySelector('[data-role=save-message]')?.textContent?.trim()).toBe('Nothing was written.');
    expect(root.querySelector('[data-role=confirm-write]')).toBeNull();
    expect(writeOriginals).toHaveBeenCalledTimes(1);

    button(root, 'write-originals')!.click();
    await untilMutation(root, () => root.querySelector('[data-role=confirm-write]') !== null);
    button(root, 'confirm-yes')!.click();
    await untilMutation(root, () => root.querySelector('[data-role=save-message]')?.textContent?.includes('Wrote') === true);
  });

  it('saves the chosen scope and lists the photos that were not saved', async () => {
    const { source, saveZip, scopes } = fakeSource();
    const el = await mount('save-with-alt-text', { source, scope: 'shown' });
    const root = el.shadowRoot!;
    button(root, 'save-zip')!.click();
    await untilMutation(root, () => root.querySelector('[data-role=save-message]') !== null);
    expect(scopes).toEqual(['shown']);
    expect(saveZip).toHaveBeenCalledWith(['a', 'b']);
    expect([...root.querySelectorAll('[data-role=save-message] li')].map((li) => li.textContent)).toEqual(['c.gif: this format cannot carry metadata, use the CSV.']);
    expect(root.querySelector('[role=status]')).not.toBeNull();
  });
});
