/**
 * Folders as File System Access handles (Chromium: showDirectoryPicker, and
 * DataTransferItem.getAsFileSystemHandle for drops). Unlike a File, a handle can be stored in
 * IndexedDB, so a later session can read the original again (src/app/reopen-originals.ts).
 * The handle types are structural (handle-types.ts), so tests can build a folder tree.
 */
import type { DirectoryHandleLike, FileHandleLike, HandleFolder, HandleLike } from './handle-types';
import type { IntakeItem } from './walk-entries';

export type { DirectoryHandleLike, FileHandleLike, HandleFolder, HandleLike, ReadPermission } from './handle-types';

/** What a drop needs of a DataTransferItem in Chromium. */
export interface HandleDropItemLike {
  readonly kind: string;
  getAsFileSystemHandle?(): Promise<HandleLike | null>;
}

/** `window.showDirectoryPicker`, where the browser has it. */
export type DirectoryPicker = (options: { mode: 'read'; id?: string }) => Promise<DirectoryHandleLike>;

const byName = (a: HandleLike, b: HandleLike): number => a.name.localeCompare(b.name, undefined, { numeric: true });

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
  for (const child of children.sort(byName)) {
    const childPath = `${path}/${child.name}`;
    if (child.kind === 'directory') items.push(...(await walkUnder(child, childPath, folder)));
    else items.push(await readFileHandle(child, childPath, folder));
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
