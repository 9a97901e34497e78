/**
 * What the database holds: one type per store and the schema that ties them together.
 * Types only, apart from schema.ts's connection code, so migrations.ts can describe old shapes
 * without importing the module that runs it.
 */
import type { DBSchema } from 'idb';
import type { AltTextFlag } from '../alttext';
import type { FailureKind } from '../models/caption-failure';
import type { PhotoQuality, ReviewBand, SecondOpinion, TextConfidence } from '../models/review-signals';

export type CaptionStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'skipped';
/** 'imported': existing alt-text brought in from a CSV/JSON; a batch never overwrites it. */
export type CaptionReview = 'unreviewed' | 'edited' | 'approved' | 'imported';

/** An earlier text of a result, kept when it is replaced (regenerate, import, edit). */
export interface TextVersion {
  text: string;
  review: CaptionReview;
  modelId?: string;
  /** Epoch milliseconds when this text was replaced. */
  replacedAt: number;
}

/** One image and the alt-text written for it. */
export interface CaptionRecord {
  /** A UUID (crypto.randomUUID()). */
  id: string;
  fileName: string;
  /** Path inside a dropped or picked folder ("2019/beach/IMG_1.jpg"); absent for single files. */
  relativePath?: string;
  /** SHA-256 of the original bytes, hex: the same photo added twice is one item. */
  hash?: string;
  mimeType: string;
  byteSize: number;
  width?: number;
  height?: number;
  /** Small preview; the original image is never stored. */
  thumbnail?: Blob;
  status: CaptionStatus;
  error?: string;
  /**
   * Why a 'failed' caption failed, which says whether Retry can help (models/caption-failure.ts).
   * Records from before it existed are classified from `error`; ignored unless status is 'failed'.
   */
  failure?: FailureKind;
  /** What the card shows: the finished model text, or the person's own words once edited. */
  text: string;
  review: CaptionReview;
  /** The model's raw output behind `text`, before the finishing rules; kept for auditing. */
  modelText?: string;
  /** Finishing-rule flags for the current `text` (recomputed when a person edits it). */
  flags?: AltTextFlag[];
  /** True when the shown model text came from the one retry after a 'repetition' flag. */
  regenerated?: boolean;
  modelId?: string;
  device?: string;
  dtype?: string;
  durationMs?: number;
  /** Earlier texts, newest last; capped so a record stays small. */
  history?: TextVersion[];
  /** How sure the model was of `modelText`, word by word (recorded in the worker). */
  confidence?: TextConfidence;
  /** Properties of the photo that make any model unreliable (measured in the worker). */
  quality?: PhotoQuality;
  /** What a second model from another family said (src/app/second-opinion.ts). */
  secondOpinion?: SecondOpinion;
  /**
   * 0–1, higher = more likely wrong (src/models/review-priority.ts); recomputed whenever one of
   * its inputs changes. Absent for results no model wrote (imported, failed, waiting).
   */
  reviewPriority?: number;
  reviewBand?: ReviewBand;
  /** Short sentences a person understands: why this result has its priority. */
  reviewReasons?: string[];
  /**
   * What the person said about the photos added with this one ("a hike in Acadia, 2019"), cleaned
   * and length-limited (src/alttext/photo-context.ts); models that read an instruction get it as data.
   */
  context?: string;
  /**
   * The language `text` is in (a primary subtag, "fr") when it is not English: the model was told
   * to write it or its English output was translated; `modelText` stays the model's own output.
   */
  language?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** One file of a downloaded model (or an ONNX Runtime .wasm), as cached for transformers.js. */
export interface ModelFileRecord {
  /** transformers.js's cache key: a Hub URL or a local path. */
  key: string;
  /** Derived from `key` by modelIdFromCacheKey; indexed so the model manager can group. */
  modelId: string;
  /**
   * A Blob, never an ArrayBuffer: Chromium fails to store ArrayBuffer values above ~127 MiB,
   * and Blobs are written to disk without being held in the page's memory.
   */
  blob: Blob;
  contentType: string;
  size: number;
  storedAt: number;
}

/**
 * A File System Access handle to a card's original (Chromium), so a later session can read the
 * photo again without it being copied here. One per card that came from a picked or dropped folder.
 */
export interface OriginalHandleRecord {
  /** The card's id (CaptionRecord.id). */
  id: string;
  handle: FileSystemFileHandle;
  /** The FolderHandleRecord the handle was found under: read permission is asked per folder. */
  folderId: string;
}

/** A picked or dropped folder, stored once per pick. */
export interface FolderHandleRecord {
  id: string;
  handle: FileSystemDirectoryHandle;
}

/** JSON-compatible values, so the meta store can hold new settings without a schema change. */
export type MetaValue = string | number | boolean | null | MetaValue[] | { [key: string]: MetaValue };

export interface AltscribeDB extends DBSchema {
  results: {
    key: string;
    value: CaptionRecord;
    indexes: { 'by-created': number; 'by-hash': string };
  };
  modelFiles: {
    key: string;
    value: ModelFileRecord;
    indexes: { 'by-model': string };
  };
  /** Small settings, e.g. the selected model id. Keys are out-of-line. */
  meta: {
    key: string;
    value: MetaValue;
  };
  originals: {
    key: string;
    value: OriginalHandleRecord;
    indexes: { 'by-folder': string };
  };
  folders: {
    key: string;
    value: FolderHandleRecord;
  };
}
