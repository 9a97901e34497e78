/**
 * The File System Access handles as intake uses them. Structural, so tests can build a folder
 * tree and the browser's handles fit them. Kept apart from walk-handles.ts because
 * walk-entries.ts needs them too, and walk-handles.ts needs walk-entries.ts's IntakeItem:
 * with the types here, the two walkers depend on each other one way only.
 */
export type ReadPermission = 'granted' | 'denied' | 'prompt';

/** What reopening needs of any handle; absent in browsers that grant reads without asking. */
interface PermissionLike {
  queryPermission?(descriptor: { mode: 'read' }): Promise<ReadPermission>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<ReadPermission>;
}
export interface FileHandleLike extends PermissionLike {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
}
export interface DirectoryHandleLike extends PermissionLike {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FileHandleLike | DirectoryHandleLike>;
}
export type HandleLike = FileHandleLike | DirectoryHandleLike;

/** A picked or dropped folder, once per pick: every file found under it points here. */
export interface HandleFolder {
  id: string;
  handle: DirectoryHandleLike;
}
