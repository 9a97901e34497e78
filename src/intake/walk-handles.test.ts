import { describe, expect, it } from 'vitest';
import { droppedHandles, walkDirectoryHandle, type DirectoryHandleLike, type FileHandleLike, type HandleLike } from './walk-handles';

/** A folder tree as File System Access handles; an Error stands for a file or folder the browser cannot read. */
type Tree = { [name: string]: string | Tree | Error | DirectoryHandleLike };

function fileHandle(name: string, content: string | Error): FileHandleLike {
  return {
    kind: 'file',
    name,
    getFile: async () => {
      if (content instanceof Error) throw content;
      return new File([content], name, { type: name.endsWith('.txt') ? 'text/plain' : 'image/png' });
    },
  };
}

function directoryHandle(name: string, tree: Tree | Error): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    async *values() {
      if (tree instanceof Error) throw tree;
      for (const [child, value] of Object.entries(tree)) {
        if (typeof value === 'string' || value instanceof Error) yield fileHandle(child, value);
        else yield 'kind' in value && value.kind === 'directory' ? (value as DirectoryHandleLike) : directoryHandle(child, value as Tree);
      }
    },
  };
}

const notFound = Object.assign(new Error('gone'), { name: 'NotFoundError' });

describe('walkDirectoryHandle', () => {
  it('opens many files at once, never more than a few dozen, and keeps the name order whatever order they open in', async () => {
    let open = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const slowFile = (name: string): FileHandleLike => ({
      kind: 'file',
      name,
      getFile: async () => {
        most = Math.max(most, ++open);
        await new Promise<void>((resolve) => release.push(resolve));
        open--;
        return new File([name], name, { type: 'image/png' });
      },
    });
    const names = Array.from({ length: 100 }, (_, i) => `${i}.png`);
    const root: DirectoryHandleLike = { kind: 'directory', name: 'big', async *values() { for (const name of names) yield slowFile(name); } };
    const walking = walkDirectoryHandle(root);
    // Each round of getFile() calls is let go newest first, until the walk is through.
    let settled = false;
    void walking.then(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const go of release.splice(0).reverse()) go();
    }
    const items = await walking;
    expect(items.map((i) => i.file.name)).toEqual(names);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(32);
  });

  it('finds every file of nested folders in name order, paths starting with the folder name, non-images included', async () => {
    const root = directoryHandle('album', { 'notes.txt': 'hello', zz: { '10.png': 'ten', '9.png': 'nine' }, '2019': { beach: { 'b.png': 'b' }, 'a.png': 'a' } });
    const items = await walkDirectoryHandle(root);
    expect(items.map((i) => i.relativePath)).toEqual(['album/2019/a.png', 'album/2019/beach/b.png', 'album/notes.txt', 'album/zz/9.png', 'album/zz/10.png']);
    expect(await items[2]?.file.text()).toBe('hello');
    expect(items.map((i) => i.file.name)).toEqual(['a.png', 'b.png', 'notes.txt', '9.png', '10.png']);
  });

  it('keeps each file handle and one shared folder record pointing at the picked folder', async () => {
    const root = directoryHandle('trip', { 'x.png': 'x', z: { 'y.png': 'y' } });
    const items = await walkDirectoryHandle(root);
    expect(items.map((i) => i.handle?.name)).toEqual(['x.png', 'y.png']);
    expect(items[0]?.folder).toBe(items[1]?.folder);
    expect(items[0]?.folder?.handle).toBe(root);
    expect(items[0]?.folder?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await items[1]?.handle?.getFile().then((f) => f.text())).toBe('y');
  });

  it('an unreadable file or folder becomes an item that says why, and the walk goes on', async () => {
    const root = directoryHandle('album', { 'a.png': notFound, locked: directoryHandle('locked', Object.assign(new Error('no'), { name: 'NotAllowedError' })), 'b.png': 'b' });
    const items = await walkDirectoryHandle(root);
    expect(items.map((i) => [i.relativePath, i.unreadable])).toEqual([
      ['album/a.png', 'it could not be read (NotFoundError)'],
      ['album/b.png', undefined],
      ['album/locked', 'the folder could not be read (NotAllowedError)'],
    ]);
    expect(items[0]?.handle).toBeUndefined();
  });

  it('an empty folder gives nothing', async () => {
    expect(await walkDirectoryHandle(directoryHandle('empty', {}))).toEqual([]);
  });
});

describe('droppedHandles', () => {
  const item = (handle: HandleLike | null) => ({ kind: 'file', getAsFileSystemHandle: () => Promise.resolve(handle) });

  it('is null where the browser has no getAsFileSystemHandle', () => {
    expect(droppedHandles([{ kind: 'file' }])).toBeNull();
    expect(droppedHandles([])).toBeNull();
  });

  it('asks every item for its handle at once, inside the drop handler', () => {
    let asked = 0;
    const counting = { kind: 'file', getAsFileSystemHandle: () => (asked++, Promise.resolve(null)) };
    droppedHandles([counting, counting, { kind: 'string' }]);
    expect(asked).toBe(2);
  });

  it('walks dropped folders with their handles; a loose file next to them is added without one', async () => {
    const walk = droppedHandles([item(directoryHandle('trip', { 'x.png': 'x' })), item(fileHandle('loose.png', 'l'))]);
    const items = (await walk?.()) ?? [];
    expect(items.map((i) => [i.relativePath, i.handle?.name, i.folder?.handle.name])).toEqual([
      ['trip/x.png', 'x.png', 'trip'],
      [undefined, undefined, undefined],
    ]);
    expect(items[1]?.file.name).toBe('loose.png');
  });

  it('gives null (use the entry walk) when an item has no handle or asking failed', async () => {
    expect(await droppedHandles([item(directoryHandle('a', {})), item(null)])?.()).toBeNull();
    const failing = { kind: 'file', getAsFileSystemHandle: () => Promise.reject(new Error('no')) };
    expect(await droppedHandles([failing])?.()).toBeNull();
  });
});
