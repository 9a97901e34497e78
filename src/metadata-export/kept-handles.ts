/**
 * The File System Access handles kept with finished cards (storage/original-handles.ts), opened
 * for reading (save copies) or writing (into the originals). Permission is asked per folder,
 * as the browser grants it, so a hundred photos from one folder cost one prompt.
 */
import type { FileHandleLike } from '../intake/handle-types';
import { getOriginalHandles, listFolderHandles } from '../storage';

export type HandleMode = 'read' | 'readwrite';

/** The parts of FileSystemWritableFileStream used: it replaces the file only on close(). */
export interface WritableLike {
  write(data: Uint8Array | Blob): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface OriginalHandle extends FileHandleLike {
  createWritable?(): Promise<WritableLike>;
}

export interface KeptHandles {
  /** Which of these cards have a kept handle, without asking for anything. */
  kept(ids: readonly string[]): Promise<Set<string>>;
  /** Their handles where the folder grants `mode` (asking, which needs the person's click). */
  open(ids: readonly string[], mode: HandleMode): Promise<Map<string, OriginalHandle>>;
}

interface PermissionHandle {
  queryPermission?(descriptor: { mode: HandleMode }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: HandleMode }): Promise<PermissionState>;
}

/** Handles without the permission methods (browsers that grant outright) count as granted. */
async function granted(handle: PermissionHandle, mode: HandleMode): Promise<boolean> {
  try {
    if (!handle.queryPermission) return true;
    if ((await handle.queryPermission({ mode })) === 'granted') return true;
    return (await handle.requestPermission?.({ mode })) === 'granted';
  } catch {
    return false;
  }
}

export const browserKeptHandles: KeptHandles = {
  async kept(ids) {
    if (!ids.length) return new Set();
    return new Set((await getOriginalHandles(ids).catch(() => [])).map((o) => o.id));
  },
  async open(ids, mode) {
    const opened = new Map<string, OriginalHandle>();
    if (!ids.length) return opened;
    const [originals, folders] = await Promise.all([getOriginalHandles(ids), listFolderHandles()]).catch(() => [[], []] as const);
    for (const folder of folders) {
      const mine = originals.filter((o) => o.folderId === folder.id);
      if (!mine.length || !(await granted(folder.handle as unknown as PermissionHandle, mode))) continue;
      for (const { id, handle } of mine) opened.set(id, handle as unknown as OriginalHandle);
    }
    return opened;
  },
};
