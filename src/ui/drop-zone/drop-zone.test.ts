// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryLike } from '../../intake/walk-entries';
import type { DirectoryHandleLike, FileHandleLike } from '../../intake/walk-handles';
import type { DropZone, FilesSelectedEvent } from './drop-zone';
import './drop-zone';
import { until, untilMutation } from '../../test-support/wait';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (): Promise<DropZone> => mountElement('drop-zone');

const root = (el: DropZone): ShadowRoot => el.shadowRoot as ShadowRoot;
const fileInput = (el: DropZone): HTMLInputElement => root(el).querySelector('input[type=file]') as HTMLInputElement;
const button = (el: DropZone, label: string): HTMLButtonElement | undefined => [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
const chooseButton = (el: DropZone): HTMLButtonElement | undefined => button(el, 'Choose photos…');
const folderInput = (el: DropZone): HTMLInputElement => root(el).querySelector('input[data-role=folder-input]') as HTMLInputElement;

const photo = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

function selections(target: EventTarget): FilesSelectedEvent[] {
  const events: FilesSelectedEvent[] = [];
  target.addEventListener('files-selected', (e) => events.push(e as FilesSelectedEvent));
  return events;
}

function setInputFiles(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
}

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('drop-zone compact', () => {
  it('keeps both buttons and every hint in the page when compact; the general hints stay the buttons\' descriptions', async () => {
    const el = await mount();
    el.compact = true;
    await el.updateComplete;
    expect(el.hasAttribute('compact')).toBe(true);
    expect(chooseButton(el)).toBeDefined();
    const folder = button(el, 'Choose a folder…');
    expect(folder?.getAttribute('aria-describedby')).toBe('folder-hint');
    expect(root(el).querySelector('#folder-hint')?.textContent).toMatch(/subfolders/);
    expect(root(el).querySelector('#folder-hint')?.classList.contains('more')).toBe(true);
  });
});

describe('drop-zone picker', () => {
  it('has a real "Choose photos…" button that opens the hidden file input', async () => {
    const el = await mount();
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const btn = chooseButton(el);
    expect(btn).toBeDefined();
    expect(btn?.getAttribute('type')).toBe('button');

    btn?.click();
    expect(click).toHaveBeenCalledTimes(1);
    expect(click.mock.contexts[0]).toBe(fileInput(el));
  });

  it('keeps the file input out of the tab order and the accessibility tree, accepting several images', async () => {
    const el = await mount();
    const input = fileInput(el);
    expect(input.getAttribute('tabindex')).toBe('-1');
    expect(input.getAttribute('aria-hidden')).toBe('true');
    expect(input.multiple).toBe(true);
    expect(input.getAttribute('accept')).toBe('image/*');
  });

  it('reports picked files as files-selected via "picker"', async () => {
    const el = await mount();
    const events = selections(document.body);
    const files = [photo('a.png'), photo('b.png')];
    setInputFiles(fileInput(el), files);
    fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));

    expect(events).toHaveLength(1);
    expect(events[0]?.detail.via).toBe('picker');
    expect(events[0]?.detail.files).toEqual(files);
    expect(events[0]?.detail.files[0]).toBe(files[0]);
    expect(events[0]?.bubbles).toBe(true);
    expect(events[0]?.composed).toBe(true);
  });

  it('clears the input after a pick, so picking the same photo again fires change again', async () => {
    const el = await mount();
    setInputFiles(fileInput(el), [photo('again.png')]);
    expect(fileInput(el).files?.length).toBe(1);
    fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));
    expect(fileInput(el).value).toBe('');
    expect(fileInput(el).files?.length ?? 0).toBe(0);
  });

  it('dispatches nothing when the picker closes without files', async () => {
    const el = await mount();
    const events = selections(document.body);
    fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));
    expect(events).toHaveLength(0);
  });
});

describe('drop-zone deliver', () => {
  it('reports dropped files as files-selected via "drop"', async () => {
    const el = await mount();
    const events = selections(document.body);
    const files = [photo('drop.png')];
    el.deliver(files, 'drop');
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toEqual({ files, via: 'drop' });
    expect(events[0]?.bubbles).toBe(true);
    expect(events[0]?.composed).toBe(true);
  });

  it('reports pasted files via "paste"', async () => {
    const el = await mount();
    const events = selections(el);
    el.deliver([photo('pasted.png')], 'paste');
    expect(events[0]?.detail.via).toBe('paste');
  });

  it('dispatches nothing for an empty delivery', async () => {
    const el = await mount();
    const events = selections(document.body);
    el.deliver([], 'drop');
    el.deliver([], 'paste');
    expect(events).toHaveLength(0);
  });
});

describe('drop-zone active', () => {
  it('reflects the active property to the attribute', async () => {
    const el = await mount();
    expect(el.active).toBe(false);
    expect(el.hasAttribute('active')).toBe(false);

    el.active = true;
    await el.updateComplete;
    expect(el.hasAttribute('active')).toBe(true);

    el.active = false;
    await el.updateComplete;
    expect(el.hasAttribute('active')).toBe(false);
  });
});

/** A picked file with the path a folder picker gives it. */
function inFolder(name: string, path: string): File {
  const file = photo(name);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

/** A dropped folder as the browser's entry API presents it, one batch per readEntries call. */
function folderEntry(name: string, files: File[]): EntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath: `/${name}`,
    createReader: () => {
      let done = false;
      return {
        readEntries: (ok: (entries: EntryLike[]) => void) => {
          const batch = done ? [] : files.map((f) => ({ isFile: true, isDirectory: false, name: f.name, fullPath: `/${name}/${f.name}`, file: (got: (file: File) => void) => got(f) }));
          done = true;
          ok(batch);
        },
      };
    },
  } as EntryLike;
}

describe('drop-zone folders', () => {
  it('has a "Choose a folder…" button next to "Choose photos…" that opens a directory picker', async () => {
    const el = await mount();
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const btn = button(el, 'Choose a folder…');
    expect(btn?.getAttribute('type')).toBe('button');
    expect(btn?.previousElementSibling).toBe(chooseButton(el));
    expect(root(el).querySelector(`#${btn?.getAttribute('aria-describedby')}`)?.textContent).toContain('other files are listed as skipped');
    btn?.click();
    expect(click.mock.contexts[0]).toBe(folderInput(el));
    expect(folderInput(el).hasAttribute('webkitdirectory')).toBe(true);
    expect(folderInput(el).getAttribute('tabindex')).toBe('-1');
    expect(folderInput(el).getAttribute('aria-hidden')).toBe('true');
  });

  it('reports a picked folder via "folder", every file with its relative path, in path order', async () => {
    const el = await mount();
    const events = selections(document.body);
    const deep = inFolder('b.png', 'album/2019/b.png');
    const top = inFolder('a.png', 'album/a.png');
    setInputFiles(folderInput(el), [deep, top]);
    folderInput(el).dispatchEvent(new Event('change', { bubbles: true }));
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.via).toBe('folder');
    expect(events[0]?.detail.items?.map((i) => i.relativePath)).toEqual(['album/2019/b.png', 'album/a.png']);
    expect(events[0]?.detail.files).toEqual([deep, top]);
    expect(folderInput(el).value).toBe('');
  });

  it('a drop without folders is delivered at once, as before', async () => {
    const el = await mount();
    const events = selections(document.body);
    const file = photo('loose.png');
    el.deliverDrop({ files: [file], items: [{ kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => ({ isFile: true, isDirectory: false, name: 'loose.png', fullPath: '/loose.png' }) }] });
    expect(events.map((e) => e.detail)).toEqual([{ files: [file], via: 'drop' }]);
  });

  it('walks a dropped folder, says it is reading meanwhile, and reports the files with their paths', async () => {
    const el = await mount();
    const events = selections(document.body);
    const inside = [photo('x.png'), photo('y.png')];
    el.deliverDrop({ files: [], items: [{ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => folderEntry('trip', inside) }] });
    await el.updateComplete;
    expect(root(el).querySelector('[data-role=reading]')?.textContent).toBe('Reading the dropped folder…');
    await until(document.body, 'files-selected', () => events.length === 1);
    expect(events[0]?.detail.via).toBe('drop');
    expect(events[0]?.detail.items?.map((i) => [i.file, i.relativePath])).toEqual([
      [inside[0], 'trip/x.png'],
      [inside[1], 'trip/y.png'],
    ]);
    await untilMutation(root(el), () => root(el).querySelector('[data-role=reading]') === null);
  });

  it('an empty dropped folder adds nothing', async () => {
    const el = await mount();
    const events = selections(document.body);
    el.deliverDrop({ files: [], items: [{ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => folderEntry('empty', []) }] });
    await el.updateComplete;
    expect(root(el).querySelector('[data-role=reading]')).not.toBeNull();
    await untilMutation(root(el), () => root(el).querySelector('[data-role=reading]') === null);
    expect(events).toHaveLength(0);
  });
});

describe('drop-zone intake summary', () => {
  const summary = (el: DropZone) => root(el).querySelector('[data-role=intake-summary]') as HTMLElement;

  it("shows what became of the added files as plain text (the page's one live region speaks it)", async () => {
    const el = await mount();
    expect(summary(el).hasAttribute('role')).toBe(false);
    expect(summary(el).textContent?.trim()).toBe('');
    el.report('Added 3 photos. notes.txt was skipped: not a photo (text/plain).');
    await el.updateComplete;
    expect(summary(el).textContent?.trim()).toBe('Added 3 photos. notes.txt was skipped: not a photo (text/plain).');
    el.report(undefined);
    await el.updateComplete;
    expect(summary(el).textContent?.trim()).toBe('');
  });
});

/** A folder as File System Access handles (Chromium's showDirectoryPicker and drops). */
function directoryHandle(name: string, files: File[]): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const f of files) yield { kind: 'file', name: f.name, getFile: async () => f } satisfies FileHandleLike;
    },
  };
}

describe('drop-zone folder handles (Chromium)', () => {
  afterEach(() => {
    Reflect.deleteProperty(window, 'showDirectoryPicker');
  });

  it('"Choose a folder…" uses showDirectoryPicker when the browser has it, and keeps each file handle', async () => {
    const el = await mount();
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const inside = [photo('b.png'), photo('a.png')];
    const picker = vi.fn(async () => directoryHandle('trip', inside));
    Object.assign(window, { showDirectoryPicker: picker });
    const events = selections(document.body);
    button(el, 'Choose a folder…')?.click();
    await until(document.body, 'files-selected', () => events.length === 1);
    expect(picker).toHaveBeenCalledWith({ mode: 'read' });
    expect(click).not.toHaveBeenCalled();
    expect(events[0]?.detail.via).toBe('folder');
    expect(events[0]?.detail.items?.map((i) => [i.relativePath, i.handle?.name, i.folder?.handle.name])).toEqual([
      ['trip/a.png', 'a.png', 'trip'],
      ['trip/b.png', 'b.png', 'trip'],
    ]);
    expect(events[0]?.detail.files).toEqual([inside[1], inside[0]]);
    await untilMutation(root(el), () => root(el).querySelector('[data-role=reading]') === null);
  });

  it('a cancelled picker says nothing; another failure is shown', async () => {
    const el = await mount();
    const events = selections(document.body);
    const summary = () => root(el).querySelector('[data-role=intake-summary]')?.textContent?.trim();
    // The element's handler was attached to the refusal first, so it has run once ours has.
    const aborted = Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
    Object.assign(window, { showDirectoryPicker: () => aborted });
    el.openFolderPicker();
    await aborted.catch(() => {});
    await el.updateComplete;
    expect(summary()).toBe('');
    const blocked = Promise.reject(new DOMException('blocked', 'SecurityError'));
    Object.assign(window, { showDirectoryPicker: () => blocked });
    el.openFolderPicker();
    await blocked.catch(() => {});
    await el.updateComplete;
    expect(summary()).toBe('The folder could not be opened (SecurityError). Try again, or drop the folder on this page.');
    expect(events).toHaveLength(0);
  });

  it('a dropped folder is walked through its handle when the browser offers one', async () => {
    const el = await mount();
    const events = selections(document.body);
    const inside = [photo('x.png')];
    const entry = folderEntry('trip', inside);
    el.deliverDrop({ files: [], items: [{ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entry, getAsFileSystemHandle: async () => directoryHandle('trip', inside) }] });
    await until(document.body, 'files-selected', () => events.length === 1);
    expect(events[0]?.detail.via).toBe('drop');
    expect(events[0]?.detail.items?.map((i) => [i.relativePath, i.handle?.name])).toEqual([['trip/x.png', 'x.png']]);
  });

  it('without a handle for every item, the drop falls back to the entry walk (no handles kept)', async () => {
    const el = await mount();
    const events = selections(document.body);
    const inside = [photo('x.png')];
    el.deliverDrop({ files: [], items: [{ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => folderEntry('trip', inside), getAsFileSystemHandle: async () => null }] });
    await until(document.body, 'files-selected', () => events.length === 1);
    expect(events[0]?.detail.items?.map((i) => [i.relativePath, i.handle])).toEqual([['trip/x.png', undefined]]);
  });
});
