import type { ResultsView } from '../../app/result-filters';
import type { IntakeItem } from '../../intake/walk-entries';
import type { DevicePreference } from '../../models/model-types';

/**
 * Every event an Altscribe element sends, by name, with what its detail carries. Elements talk
 * to the app only through these: the app owns the data, an element only asks. Each one bubbles
 * and crosses shadow roots, so the app can listen on any ancestor.
 */

/** How photos arrived: the picker, a folder, a drop or a paste. */
export type FilesVia = 'picker' | 'folder' | 'drop' | 'paste';
/** What a card asks the app to do. 'use-second-opinion': the second model's text becomes the result. */
export type CardAction = 'copy' | 'approve' | 'delete' | 'cancel' | 'retry' | 'regenerate' | 'use-version' | 'use-second-opinion';
/** With 'regenerate': whether the person agreed to replace their text. With 'use-version': which history entry. */
export interface CardActionExtra {
  confirmed?: boolean;
  version?: number;
}
/** `text` is what the field shows, typing included: Copy copies what the person sees. */
export type CardActionDetail = { id: string; action: CardAction; text: string } & CardActionExtra;
/** 'use-faster-model': the batch estimate's faster model for the photos still waiting. */
export type BatchAction = 'pause' | 'resume' | 'cancel-waiting' | 'retry-failed' | 'use-faster-model';
export type ExportScope = 'all' | 'shown';
export interface DownloadEventDetail {
  modelId: string;
}
export interface ModelDeleteDetail {
  modelId: string;
}

export interface AltscribeEventMap {
  /** `items` comes with folders (picked or dropped): each file with its path inside the folder. */
  'files-selected': { files: File[]; via: FilesVia; items?: IntakeItem[] };
  'card-action': CardActionDetail;
  /** A person's typing, to be saved as the record's text. */
  'edit-text': { id: string; text: string };
  'batch-action': { action: BatchAction };
  /** An undefined secondModelId or secondScope turns it off. */
  'settings-change': { modelId?: string; device?: DevicePreference; secondModelId?: string; secondScope?: 'all'; zoomCheck?: false; language?: string | undefined };
  /** The whole view, not only what changed. */
  'results-view-change': ResultsView;
  'export-requested': { format: 'csv' | 'json'; scope: ExportScope };
  'import-file-selected': { file: File };
  'model-folder-selected': { files: File[] };
  'model-url-submitted': { url: string };
  'download-requested': DownloadEventDetail;
  'download-declined': DownloadEventDetail;
  'download-cancelled': DownloadEventDetail;
  'model-delete-requested': ModelDeleteDetail;
  'persist-requested': null;
  'reopen-requested': null;
  'erase-requested': null;
  'restart-requested': null;
  'update-requested': null;
}

export type AltscribeEventName = keyof AltscribeEventMap;
/** The event object a listener for `name` receives. */
export type AltscribeEvent<K extends AltscribeEventName> = CustomEvent<AltscribeEventMap[K]>;
type AltscribeEvents = { [K in AltscribeEventName]: AltscribeEvent<K> };

/** Events that carry nothing are sent without a detail argument. */
type DetailArgs<K extends AltscribeEventName> = AltscribeEventMap[K] extends null ? [] : [detail: AltscribeEventMap[K]];

/** Sends one of the events above from `host`, bubbling and composed. */
export function emit<K extends AltscribeEventName>(host: EventTarget, name: K, ...[detail]: DetailArgs<K>): void {
  host.dispatchEvent(new CustomEvent(name, { detail: detail ?? null, bubbles: true, composed: true }));
}

declare global {
  // Typed listeners: addEventListener('card-action', (e) => e.detail.action) needs no cast.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends AltscribeEvents {}
}
