// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../models/model-types';
import type { ConsentModel, DownloadConsent, DownloadSize, StorageRoom } from './download-consent';
import './download-consent';
import '../model-manager/model-manager';
import { cleanup, mount as mountElement, update } from '../shared/test-mount';

const FLORENCE: ConsentModel = {
  id: 'onnx-community/Florence-2-base-ft',
  label: 'Florence-2 base (Microsoft)',
  licence: 'MIT',
  note: 'Good short captions and OCR for its size; runs acceptably on CPU.',
};

interface Setup {
  size?: DownloadSize;
  storage?: StorageRoom | null;
  progress?: LoadProgress | null;
  error?: string | null;
}

function makeProgress(overrides: Partial<LoadProgress> = {}): LoadProgress {
  return { loadedBytes: 12_300_000, totalBytes: 45_600_000, percent: 26.97, file: 'onnx/encoder_model_q4.onnx', filesDone: 1, filesTotal: 5, phase: 'downloading', ...overrides };
}

function mount(setup: Setup = {}): Promise<DownloadConsent> {
  return mountElement('download-consent', {
    model: FLORENCE,
    size: setup.size ?? { bytes: 123_000_000, exact: true, files: 5 },
    storage: setup.storage === undefined ? { freeBytes: 4_200_000_000, quotaBytes: 10_000_000_000 } : setup.storage,
    progress: setup.progress ?? null,
    error: setup.error ?? null,
  });
}

const set = (el: DownloadConsent, patch: Setup): Promise<void> => update(el, patch);

const root = (el: DownloadConsent): ShadowRoot => el.shadowRoot as ShadowRoot;
const role = <T extends HTMLElement = HTMLElement>(el: DownloadConsent, name: string): T | null => root(el).querySelector<T>(`[data-role="${name}"]`);
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function record(type: string): CustomEvent<{ modelId: string }>[] {
  const events: CustomEvent<{ modelId: string }>[] = [];
  document.body.addEventListener(type, (e) => events.push(e as CustomEvent<{ modelId: string }>));
  return events;
}

afterEach(cleanup);

describe('download-consent prompt', () => {
  it('is a region named by its question heading', async () => {
    const el = await mount();
    const region = role(el, 'consent');
    expect(region?.tagName).toBe('SECTION');
    const heading = root(el).getElementById(region?.getAttribute('aria-labelledby') ?? '');
    expect(heading?.tagName).toBe('H2');
    expect(text(heading)).toBe('Download Florence-2 base (Microsoft)?');
    expect(text(region)).toContain(`${FLORENCE.note} Licence: MIT.`);
  });

  it('shows an exact size plainly, with the file count, as the model manager writes it', async () => {
    const el = await mount({ size: { bytes: 123_000_000, exact: true, files: 5 } });
    expect(text(role(el, 'size'))).toBe('123 MB (5 files)');
    expect(text(role(el, 'size')?.parentElement)).toBe('123 MB (5 files)');
  });

  it('states the same figure for a model as the model manager lists once it is downloaded', async () => {
    // The shapes fixture's q8 load: 769,361 bytes in 7 files, config.json (1,183 bytes) among them.
    const el = await mount({ size: { bytes: 769_361, exact: true, files: 7 } });
    const manager = await mountElement('model-manager', { models: [{ modelId: 'shapes', label: 'Shapes', bytes: 769_361, files: 7, inUse: false }], storage: null, busy: null });
    const listed = text((manager.shadowRoot as ShadowRoot).querySelector('[data-role="size"]'));
    expect(listed).toBe('769 KB (7 files)');
    expect(text(role(el, 'size'))).toBe(listed);
  });

  it('states the whole model when part of it is already on this device', async () => {
    const el = await mount({ size: { bytes: 768_178, exact: true, files: 6, stored: { bytes: 1_183, files: 1 } } });
    expect(text(role(el, 'size'))).toBe('768 KB (6 files)');
    expect(text(role(el, 'size')?.parentElement)).toBe('768 KB (6 files); with the file already on this device, 769 KB (7 files) in all');
  });

  it('marks an estimated size as an estimate', async () => {
    const el = await mount({ size: { bytes: 230_000_000, exact: false, files: 0 } });
    expect(text(role(el, 'size'))).toBe('about 230 MB (estimate)');
    expect(text(role(el, 'size')?.parentElement)).not.toContain('file');
  });

  it('shows free space and quota, and says when the browser does not tell', async () => {
    const el = await mount();
    expect(text(role(el, 'free-space'))).toBe('4.2 GB free of 10 GB allowed');
    await set(el, { storage: { freeBytes: 900_000_000 } });
    expect(text(role(el, 'free-space'))).toBe('900 MB free');
    await set(el, { storage: null });
    expect(text(role(el, 'free-space'))).toBe('Unknown (this browser does not say)');
  });

  it('has no warning when the model fits', async () => {
    const el = await mount({ size: { bytes: 123_000_000, exact: true, files: 5 }, storage: { freeBytes: 123_000_000 } });
    expect(role(el, 'quota-warning')).toBeNull();
  });

  it('warns, as an alert, how much more space is needed when the model does not fit', async () => {
    const el = await mount({ size: { bytes: 560_000_000, exact: true, files: 4 }, storage: { freeBytes: 150_000_000, quotaBytes: 2_000_000_000 } });
    const warning = role(el, 'quota-warning');
    expect(warning?.getAttribute('role')).toBe('alert');
    expect(text(warning)).toBe(
      'Not enough space: this download needs about 410 MB more than the 150 MB free. Delete models you no longer use or free up disk space first.',
    );
  });

  it('does not warn when free space is unknown', async () => {
    const el = await mount({ size: { bytes: 5_000_000_000, exact: false, files: 0 }, storage: { quotaBytes: 1 } });
    expect(role(el, 'quota-warning')).toBeNull();
  });

  it('shows an error as an alert, keeping the Download button to retry', async () => {
    const el = await mount({ error: 'Not enough storage: Florence-2 base (Microsoft) needs about 230 MB, but only 80 MB is free.' });
    expect(role(el, 'error')?.getAttribute('role')).toBe('alert');
    expect(text(role(el, 'error'))).toContain('needs about 230 MB');
    expect(role(el, 'download')).not.toBeNull();
  });

  it('fires download-requested and download-declined with the model id, bubbling out of the shadow root', async () => {
    const el = await mount();
    const requested = record('download-requested');
    const declined = record('download-declined');
    role(el, 'download')?.click();
    role(el, 'decline')?.click();
    expect(requested.map((e) => e.detail)).toEqual([{ modelId: FLORENCE.id }]);
    expect(declined.map((e) => e.detail)).toEqual([{ modelId: FLORENCE.id }]);
    expect(requested[0]?.bubbles && requested[0]?.composed).toBe(true);
    expect(declined[0]?.bubbles && declined[0]?.composed).toBe(true);
    expect(text(role(el, 'download'))).toBe('Download');
    expect(text(role(el, 'decline'))).toBe('Not now');
  });
});

describe('download-consent focus', () => {
  it('puts keyboard focus on Download when the prompt appears', async () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    const el = await mount();
    expect(root(el).activeElement).toBe(role(el, 'download'));
    expect(document.activeElement).toBe(el);
  });

  it('moves focus to Cancel once the download starts, and back to Download after cancelling', async () => {
    const el = await mount();
    role(el, 'download')?.focus();
    await set(el, { progress: makeProgress() });
    expect(root(el).activeElement).toBe(role(el, 'cancel-download'));
    await set(el, { progress: null });
    expect(root(el).activeElement).toBe(role(el, 'download'));
  });

  it('does not take focus when it is first shown mid-download', async () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    const el = await mount({ progress: makeProgress() });
    expect(root(el).activeElement).toBeNull();
    expect(document.activeElement).toBe(outside);
  });

  it('does not refocus Download on unrelated updates', async () => {
    const el = await mount();
    role(el, 'decline')?.focus();
    await set(el, { storage: { freeBytes: 1 } });
    expect(root(el).activeElement).toBe(role(el, 'decline'));
  });
});

describe('download-consent progress', () => {
  it('shows bytes, percent and files under a labelled native progress bar', async () => {
    const el = await mount({ progress: makeProgress() });
    expect(role(el, 'consent')).toBeNull();
    const region = role(el, 'download-progress');
    const bar = root(el).querySelector<HTMLProgressElement>('progress');
    expect(bar?.max).toBe(100);
    expect(bar?.value).toBeCloseTo(26.97);
    const labelledBy = root(el).getElementById(bar?.getAttribute('aria-labelledby') ?? '');
    expect(text(labelledBy)).toBe('Downloading Florence-2 base (Microsoft)');
    expect(region?.getAttribute('aria-labelledby')).toBe(labelledBy?.id);
    expect(text(role(el, 'progress-text'))).toBe('12 MB of 46 MB (26%) · file 2 of 5');
    expect(text(role(el, 'cancel-download'))).toBe('Cancel download');
  });

  it('follows updates and never counts past the last file', async () => {
    const el = await mount({ progress: makeProgress() });
    await set(el, { progress: makeProgress({ loadedBytes: 45_600_000, percent: 100, filesDone: 5 }) });
    expect(text(role(el, 'progress-text'))).toBe('46 MB of 46 MB (100%) · file 5 of 5');
  });

  it('shows an indeterminate bar and only the bytes when the total is unknown', async () => {
    const el = await mount({ progress: makeProgress({ loadedBytes: 450_000, totalBytes: null, percent: null, filesDone: 0, filesTotal: 0 }) });
    const bar = root(el).querySelector<HTMLProgressElement>('progress');
    expect(bar?.hasAttribute('value')).toBe(false);
    expect(text(role(el, 'progress-text'))).toBe('450 KB downloaded');
  });

  it('announces progress in quarter steps, not on every chunk', async () => {
    const el = await mount({ progress: makeProgress({ percent: 3 }) });
    const live = role(el, 'download-announcement');
    expect(live?.getAttribute('role')).toBe('status');
    expect(text(live)).toBe('Downloading Florence-2 base (Microsoft).');
    await set(el, { progress: makeProgress({ percent: 24.9 }) });
    expect(text(live)).toBe('Downloading Florence-2 base (Microsoft).');
    await set(el, { progress: makeProgress({ percent: 51 }) });
    expect(text(live)).toBe('Florence-2 base (Microsoft): 50% downloaded.');
    await set(el, { progress: makeProgress({ percent: 74 }) });
    expect(text(live)).toBe('Florence-2 base (Microsoft): 50% downloaded.');
  });

  it('says the model is starting once the files are in', async () => {
    const el = await mount({ progress: makeProgress({ phase: 'initializing', percent: 100, filesDone: 5 }) });
    expect(text(root(el).querySelector('h2'))).toBe('Preparing Florence-2 base (Microsoft)');
    expect(text(role(el, 'progress-text'))).toBe('Download complete; starting the model…');
  });

  it('fires download-cancelled with the model id', async () => {
    const el = await mount({ progress: makeProgress() });
    const cancelled = record('download-cancelled');
    role(el, 'cancel-download')?.click();
    expect(cancelled.map((e) => e.detail)).toEqual([{ modelId: FLORENCE.id }]);
    expect(cancelled[0]?.bubbles && cancelled[0]?.composed).toBe(true);
  });

  it('keeps focus in the element when the download finishes', async () => {
    const el = await mount({ progress: makeProgress() });
    role(el, 'cancel-download')?.focus();
    await set(el, { progress: makeProgress({ phase: 'ready', percent: 100, filesDone: 5 }) });
    expect(text(role(el, 'download-done'))).toBe('Florence-2 base (Microsoft) is downloaded and ready.');
    expect(root(el).activeElement).toBe(role(el, 'download-done'));
  });
});

describe("download-consent for a model the browser downloads itself (Prompt API)", () => {
  const chrome: DownloadSize = { bytes: 4_000_000_000, exact: false, files: 1, managedBy: 'Chrome' };

  it('states the size as the browser gives it, and no shortfall against this site’s storage', async () => {
    const el = await mount({ size: chrome, storage: { freeBytes: 1_000_000_000, quotaBytes: 2_000_000_000 } });
    expect(role(el, 'size')?.textContent).toBe('about 4 GB, downloaded and managed by Chrome, shared with other sites');
    expect(role(el, 'free-space')?.textContent).toBe("Not used: Chrome stores its model outside this site's storage");
    expect(role(el, 'quota-warning')).toBeNull();
  });

  it("shows the browser's download as a share, without bytes or files", async () => {
    const el = await mount({ size: chrome, progress: makeProgress({ loadedBytes: 0, totalBytes: null, percent: 42.5, file: null, filesDone: 0, filesTotal: 0 }) });
    expect(role(el, 'progress-text')?.textContent).toBe('42% downloaded by the browser');
  });
});
