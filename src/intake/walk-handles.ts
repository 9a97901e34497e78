/**
 * Folders as File System Access handles (Chromium: showDirectoryPicker, and
 * DataTransferItem.getAsFileSystemHandle for drops). Unlike a File, a handle can be stored in
 * IndexedDB, so a later session can read the original again (reopen-originals.ts).
 * The handle types are structural (handle-types.ts), so tests can build a folder tree.
 */
import type { DirectoryHandleLike, FileHandleLike, HandleFolder, HandleLike } from './handle-types';
import type { IntakeItem } from './walk-entries';
import { compareNames } from './name-order';

export type { DirectoryHandleLike, FileHandleLike, HandleFolder, HandleLike, ReadPermission } from './handle-types';

/** What a drop needs of a DataTransferItem in Chromium. */
export interface HandleDropItemLike {
  readonly kind: string;
  getAsFileSystemHandle?(): Promise<HandleLike | null>;
}

/** `window.showDirectoryPicker`, where the browser has it. */
export type DirectoryPicker = (options: { mode: 'read'; id?: string }) => Promise<DirectoryHandleLike>;

/** Files (or subfolders) of one folder opened at the same time. */
const OPEN_AT_ONCE = 32;

const byName = (a: HandleLike, b: HandleLike): number => compareNames(a.name, b.name);

/**
 * Every file under `root`, depth first and in name order like a dropped folder's entries; each
 * relativePath starts with the folder's own name, as File.webkitRelativePath does.
 */
export async function walkDirectoryHandle(root: DirectoryHandleLike, folder: HandleFolder = { id: crypto.randomUUID(), handle: root }): Promise<IntakeItem[]> {
  return walkUnder(root, root.name, folder);
}

async function walkUnder(directory: DirectoryHandleLike, path: string, folder: HandleFolder): Promise<IntakeItem[]> {
  const children: HandleLike[] = [];
  try {
    for await (const child of directory.values()) children.push(child);
  } catch (error) {
    return [unreadable(path, `the folder could not be read (${reasonOf(error)})`)];
  }
  const items: IntakeItem[] = [];
  const sorted = children.sort(byName);
  // Each getFile() is a round trip to the browser: one at a time, a 10,000-photo folder waited
  // on them in a row. A few dozen at once keep the order and bound what is in flight.
  for (let start = 0; start < sorted.length; start += OPEN_AT_ONCE) {
    const opened = await Promise.all(
      sorted.slice(start, start + OPEN_AT_ONCE).map((child) => {
        const childPath = `${path}/${child.name}`;
        return child.kind === 'directory' ? walkUnder(child, childPath, folder) : readFileHandle(child, childPath, folder).then((item) => [item]);
      }),
    );
    for (const found of opened) items.push(...found);
  }
  return items;
}

async function readFileHandle(handle: FileHandleLike, path: string, folder: HandleFolder): Promise<IntakeItem> {
  try {
    return { file: await handle.getFile(), relativePath: path, handle, folder };
  } catch (error) {
    return unreadable(path, `it could not be read (${reasonOf(error)})`);
  }
}

/**
 * The handles of a drop, asked for at once: like webkitGetAsEntry, getAsFileSystemHandle only
 * works inside the drop handler. Null where the browser lacks it. The returned walk resolves to
 * null when any item gave no handle, so the caller falls back to the entry walk for the drop.
 */
export function droppedHandles(items: readonly HandleDropItemLike[]): (() => Promise<IntakeItem[] | null>) | null {
  const files = items.filter((item) => item.kind === 'file');
  if (!files.length || !files.every((item) => typeof item.getAsFileSystemHandle === 'function')) return null;
  const pending = files.map((item) => (item.getAsFileSystemHandle?.() ?? Promise.resolve(null)).catch(() => null));
  return async () => {
    const handles = await Promise.all(pending);
    if (handles.some((handle) => handle === null)) return null;
    const found: IntakeItem[] = [];
    for (const handle of handles as HandleLike[]) {
      if (handle.kind === 'directory') found.push(...(await walkDirectoryHandle(handle)));
      else found.push(...(await looseFile(handle)));
    }
    return found;
  };
}

/** A loose file next to a dropped folder: added like a dropped file, without a kept handle (no folder to grant). */
async function looseFile(handle: FileHandleLike): Promise<IntakeItem[]> {
  try {
    return [{ file: await handle.getFile() }];
  } catch {
    return [];
  }
}

function unreadable(path: string, reason: string): IntakeItem {
  const name = path.split('/').pop() || path;
  return { file: new File([], name), relativePath: path, unreadable: reason };
}

function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error) return String((error as { name: string }).name);
  return String(error);
}
