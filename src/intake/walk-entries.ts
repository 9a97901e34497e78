/**
 * Turns what a drop or a folder picker delivers into files with their path inside the folder.
 * Browsers hand a dropped folder over as a FileSystemDirectoryEntry whose reader returns its
 * children in batches (Chromium: 100 at a time), so a reader is called until it returns none.
 */
import type { FileHandleLike, HandleFolder } from './handle-types';
import { compareNames } from './name-order';

/** One file to add, with where it sat inside a dropped or picked folder. */
export interface IntakeItem {
  file: File;
  /** "album/2019/IMG_1.jpg", including the folder that was dropped; absent for loose files. */
  relativePath?: string;
  /** Set when the browser could not read this entry; `file` is then an empty stand-in. */
  unreadable?: string;
  /** The file's handle (File System Access, see walk-handles.ts), kept so a later session can reopen it. */
  handle?: FileHandleLike;
  /** The picked or dropped folder the handle came from: read permission is granted per folder. */
  folder?: HandleFolder;
  /** What the person said about this batch (already cleaned), stored with the card it becomes. */
  context?: string;
}

/** What the walk needs of a FileSystemEntry; structural so tests can build a folder tree. */
export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
}
interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: DOMException) => void): void };
}

/** What the drop code needs of a DataTransferItem. */
export interface DropItemLike {
  readonly kind: string;
  getAsFile(): File | null;
  webkitGetAsEntry?(): EntryLike | null;
}

/** "/album/a.jpg" → "album/a.jpg": the same form as File.webkitRelativePath from a folder picker. */
export function pathOf(entry: EntryLike): string {
  return entry.fullPath.replace(/^\/+/, '') || entry.name;
}

const byName = (a: EntryLike, b: EntryLike): number => compareNames(a.name, b.name);

/** Every file under `root`, depth first, each folder in name order so the cards come in a stable order. */
export async function walkEntry(root: EntryLike): Promise<IntakeItem[]> {
  if (root.isFile) return [await readFileEntry(root as FileEntryLike)];
  if (!root.isDirectory) return [];
  const items: IntakeItem[] = [];
  let children: EntryLike[];
  try {
    children = await readAllEntries(root as DirectoryEntryLike);
  } catch (error) {
    return [unreadable(pathOf(root), `the folder could not be read (${reasonOf(error)})`)];
  }
  for (const child of children.sort(byName)) items.push(...(await walkEntry(child)));
  return items;
}

/** One readEntries call returns a batch; an empty batch means the folder has been read. */
export async function readAllEntries(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function readFileEntry(entry: FileEntryLike): Promise<IntakeItem> {
  try {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    return { file, relativePath: pathOf(entry) };
  } catch (error) {
    return unreadable(pathOf(entry), `it could not be read (${reasonOf(error)})`);
  }
}

function unreadable(path: string, reason: string): IntakeItem {
  const name = path.split('/').pop() || path;
  return { file: new File([], name), relativePath: path, unreadable: reason };
}

function reasonOf(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)) return String((error as { name: string }).name);
  return String(error);
}

/**
 * The entries of a drop, taken at once: the browser empties the DataTransfer when the drop
 * handler returns, so this must run synchronously inside it. Null when no folder was dropped,
 * so plain file drops keep their old, synchronous path.
 */
export function droppedFolders(items: readonly DropItemLike[]): (() => Promise<IntakeItem[]>) | null {
  const roots = items
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  if (!roots.some((root) => root.entry?.isDirectory)) return null;
  return async () => {
    const found: IntakeItem[] = [];
    for (const { entry, file } of roots) {
      if (entry?.isDirectory) found.push(...(await walkEntry(entry)));
      else if (file) found.push({ file }); // a loose file next to the folder
    }
    return found;
  };
}

/** Files from `<input webkitdirectory>` carry their path; sorted like a dropped folder. */
export function itemsFromPickedFolder(files: readonly File[]): IntakeItem[] {
  return files
    .map((file) => (file.webkitRelativePath ? { file, relativePath: file.webkitRelativePath } : { file }))
    .sort((a, b) => compareNames(a.relativePath ?? a.file.name, b.relativePath ?? b.file.name));
}
