import { describe, expect, it } from 'vitest';
import { droppedFolders, itemsFromPickedFolder, walkEntry, type DropItemLike, type EntryLike } from './walk-entries';

/** A folder tree as FileSystemEntry objects; readers hand children out `batch` at a time, as Chromium does (100). */
type Tree = { [name: string]: string | Tree | Error };

function entry(tree: Tree | string | Error, name: string, parent: string, batch: number, calls: { reads: number }): EntryLike {
  const fullPath = `${parent}/${name}`;
  if (typeof tree === 'string' || tree instanceof Error) {
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok: (f: File) => void, fail: (e: Error) => void) => (tree instanceof Error ? fail(tree) : ok(new File([tree], name, { type: name.endsWith('.txt') ? 'text/plain' : 'image/png' }))),
    } as EntryLike;
  }
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader() {
      const children = Object.entries(tree).map(([n, t]) => entry(t, n, fullPath, batch, calls));
      let at = 0;
      return {
        readEntries(ok: (entries: EntryLike[]) => void) {
          calls.reads++;
          ok(children.slice(at, at + batch));
          at += batch;
        },
      };
    },
  } as EntryLike;
}

const paths = (items: { relativePath?: string }[]) => items.map((i) => i.relativePath);

describe('walkEntry', () => {
  it('reads every file of nested folders, calling readEntries until a batch comes back empty', async () => {
    const calls = { reads: 0 };
    const files: Tree = {};
    for (let i = 0; i < 7; i++) files[`img-${i}.png`] = `photo ${i}`;
    const album = entry({ 'notes.txt': 'hello', '2019': { beach: { 'b.png': 'b' } }, ...files }, 'album', '', 3, calls);
    const items = await walkEntry(album);
    expect(items).toHaveLength(9);
    expect(paths(items)).toEqual(['album/2019/beach/b.png', ...[0, 1, 2, 3, 4, 5, 6].map((i) => `album/img-${i}.png`), 'album/notes.txt']);
    expect(await items[0]!.file.text()).toBe('b');
    // album: 9 children in batches of 3 → 3 full reads + 1 empty; 2019 and beach: 1 + 1 each.
    expect(calls.reads).toBe(4 + 2 + 2);
  });

  it('sorts names the way people count (img-2 before img-10)', async () => {
    const items = await walkEntry(entry({ 'img-10.png': 'x', 'img-2.png': 'y' }, 'a', '', 100, { reads: 0 }));
    expect(paths(items)).toEqual(['a/img-2.png', 'a/img-10.png']);
  });

  it('lists a file the browser cannot read instead of dropping it silently', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotReadableError' });
    const items = await walkEntry(entry({ 'ok.png': 'fine', 'locked.png': denied }, 'a', '', 100, { reads: 0 }));
    expect(items.map((i) => [i.relativePath, i.file.name, i.unreadable])).toEqual([
      ['a/locked.png', 'locked.png', 'it could not be read (NotReadableError)'],
      ['a/ok.png', 'ok.png', undefined],
    ]);
  });

  it('lists a folder whose reader fails', async () => {
    const broken = { isFile: false, isDirectory: true, name: 'b', fullPath: '/b', createReader: () => ({ readEntries: (_ok: unknown, fail: (e: Error) => void) => fail(Object.assign(new Error('x'), { name: 'SecurityError' })) }) } as EntryLike;
    const items = await walkEntry(broken);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ relativePath: 'b', unreadable: 'the folder could not be read (SecurityError)' });
  });
});

describe('droppedFolders', () => {
  const item = (e: EntryLike | null, file: File | null): DropItemLike => ({ kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => e });

  it('is null when only files were dropped, so plain drops keep their synchronous path', () => {
    const file = new File(['x'], 'x.png');
    const fileEntry = { isFile: true, isDirectory: false, name: 'x.png', fullPath: '/x.png' };
    expect(droppedFolders([item(fileEntry, file)])).toBeNull();
    expect(droppedFolders([{ kind: 'file', getAsFile: () => file }])).toBeNull(); // no webkitGetAsEntry at all
    expect(droppedFolders([{ kind: 'string', getAsFile: () => null }])).toBeNull();
  });

  it('takes the entries at once and walks folders later; loose files next to them keep no path', async () => {
    const loose = new File(['l'], 'loose.png');
    const folder = entry({ 'in.png': 'i' }, 'trip', '', 100, { reads: 0 });
    const looseEntry = { isFile: true, isDirectory: false, name: 'loose.png', fullPath: '/loose.png' };
    const items: DropItemLike[] = [item(folder, null), item(looseEntry, loose)];
    const read = droppedFolders(items);
    items.length = 0; // the browser empties the DataTransfer after the drop handler
    expect(read).not.toBeNull();
    const found = await read!();
    expect(found.map((i) => [i.file.name, i.relativePath])).toEqual([
      ['in.png', 'trip/in.png'],
      ['loose.png', undefined],
    ]);
  });
});

describe('itemsFromPickedFolder', () => {
  it('keeps webkitRelativePath and orders by path', () => {
    const file = (name: string, path: string) => {
      const f = new File(['x'], name);
      Object.defineProperty(f, 'webkitRelativePath', { value: path });
      return f;
    };
    const items = itemsFromPickedFolder([file('b.png', 'album/z/b.png'), file('a.png', 'album/a.png'), new File(['y'], 'plain.png')]);
    expect(items.map((i) => [i.file.name, i.relativePath])).toEqual([
      ['a.png', 'album/a.png'],
      ['b.png', 'album/z/b.png'],
      ['plain.png', undefined],
    ]);
  });
});
