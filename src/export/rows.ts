/**
 * The row shapes shared by the CSV and JSON formats: what one exported result looks like, and
 * what one imported alt-text looks like. Kept apart from storage so the file formats stay
 * stable when the IndexedDB schema grows.
 */
import type { ReviewBand } from '../models/review-signals';
import type { CaptionReview, CaptionStatus } from '../storage';
import { isAiGenerated, readAiGenerated, readBand, readPriority, readReasons, roundPriority, type ExportReview } from './provenance';

export type { ExportReview } from './provenance';

/**
 * What `toExportRow` needs from a stored result. Structural rather than `CaptionRecord`, so that
 * records gaining `relativePath`, `hash` and `flags` later are exported without touching this
 * folder, and records written before that migration (without them) still are.
 */
export interface ExportableRecord {
  fileName: string;
  relativePath?: string;
  /** SHA-256 of the file bytes, lowercase hex. */
  hash?: string;
  text: string;
  status: CaptionStatus;
  review: ExportReview;
  modelId?: string;
  dtype?: string;
  device?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  flags?: readonly string[];
  /** 0–1, higher = more likely wrong. */
  reviewPriority?: number;
  reviewBand?: ReviewBand;
  reviewReasons?: readonly string[];
  /** What the person said about the batch the photo came with. */
  context?: string;
  /** The alt-text's language when it is not English. */
  language?: string;
}

/**
 * One result as written to a file. Timestamps are ISO 8601 strings so the files are readable
 * by people and spreadsheets without knowing our epoch-milliseconds convention.
 */
export interface ExportRow {
  fileName: string;
  relativePath?: string;
  hash?: string;
  altText: string;
  status: CaptionStatus;
  review: ExportReview;
  modelId?: string;
  dtype?: string;
  device?: string;
  createdAt: string;
  updatedAt: string;
  flags?: string[];
  /** Whether the text is still the model's own words (see isAiGenerated). */
  aiGenerated: boolean;
  /** The model that wrote the text; the same value as modelId, under the name people look for. */
  model?: string;
  /** Rounded to three decimals. */
  reviewPriority?: number;
  reviewBand?: ReviewBand;
  reviewReasons?: string[];
  /** The person's context for the photo ("a hike in Acadia, 2019"), as stored. */
  context?: string;
  /** The alt-text's language (a primary subtag such as "fr"); English when absent. */
  language?: string;
}

export function toExportRow(record: ExportableRecord): ExportRow {
  const row: Omit<ExportRow, 'aiGenerated'> = {
    fileName: record.fileName,
    altText: record.text,
    status: record.status,
    review: record.review,
    createdAt: toIso(record.createdAt),
    updatedAt: toIso(record.updatedAt),
  };
  // Only set what exists: JSON.stringify would drop undefined anyway, but toEqual-style
  // comparisons and `'hash' in row` checks by callers should see the same shape as the file.
  if (record.relativePath !== undefined) row.relativePath = record.relativePath;
  if (record.hash !== undefined) row.hash = record.hash;
  if (record.modelId !== undefined) row.modelId = record.modelId;
  if (record.dtype !== undefined) row.dtype = record.dtype;
  if (record.device !== undefined) row.device = record.device;
  if (record.flags !== undefined) row.flags = [...record.flags];
  // The provenance fields are added last, so the JSON lists them after everything older exports had.
  const provenance: ExportRow = { ...row, aiGenerated: isAiGenerated(record.review, record.text) };
  if (record.modelId !== undefined) provenance.model = record.modelId;
  const priority = roundPriority(record.reviewPriority);
  if (priority !== undefined) provenance.reviewPriority = priority;
  if (record.reviewBand !== undefined) provenance.reviewBand = record.reviewBand;
  if (record.reviewReasons !== undefined) provenance.reviewReasons = [...record.reviewReasons];
  if (record.context) provenance.context = record.context;
  if (record.language) provenance.language = record.language;
  return provenance;
}

/**
 * A corrupt timestamp must not abort a whole export (toISOString throws a RangeError on NaN
 * or out-of-range values), so it becomes an empty cell instead.
 */
function toIso(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/**
 * What an Altscribe export says about the text besides the text itself. Each field is set only
 * when the file holds a value we write ourselves; the app decides how much of it to restore.
 */
export interface ExportedDetails {
  review?: CaptionReview;
  status?: CaptionStatus;
  modelId?: string;
  dtype?: string;
  device?: string;
  /** What the file said; the app reconciles it with the review state (restoredReview). */
  aiGenerated?: boolean;
  reviewPriority?: number;
  reviewBand?: ReviewBand;
  reviewReasons?: string[];
  /** The person's context for the photo as the file gives it; the app cleans it before storing. */
  context?: string;
}

/** One alt-text read from an imported file, keyed by whatever identifies its image. */
export interface ImportedAltText extends ExportedDetails {
  fileName?: string;
  relativePath?: string;
  /** Lowercased, so it compares with our own lowercase hex digests. */
  hash?: string;
  altText: string;
}

const REVIEWS: readonly CaptionReview[] = ['unreviewed', 'edited', 'approved', 'imported'];
const STATUSES: readonly CaptionStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled', 'skipped'];
// The values the worker reports (src/models Device and Dtype); an unknown one is not ours.
const DEVICES: readonly string[] = ['webgpu', 'wasm', 'webnn-npu', 'webnn-gpu', 'webnn-cpu', 'browser'];
const DTYPES: readonly string[] = ['fp32', 'fp16', 'q8', 'q4', 'q4f16'];
/** Hub ids ("org/name") and our custom ones ("local/my-model"): ASCII, starting with a letter or digit. */
const MODEL_ID = /^[A-Za-z0-9][\w./-]{0,199}$/;

/**
 * Reads the review state and run details from raw cells or JSON values. An imported file is
 * not trusted: anything that is not exactly one of our own values ("banana", a CMS's
 * "Published", a number) is left out, and the text then counts as plainly imported.
 */
export function readExportedDetails(raw: Readonly<Record<keyof ExportedDetails, unknown>>): ExportedDetails {
  const details: ExportedDetails = {};
  const review = oneOf(REVIEWS, raw.review);
  const status = oneOf(STATUSES, raw.status);
  const dtype = oneOf(DTYPES, raw.dtype);
  const device = oneOf(DEVICES, raw.device);
  const modelId = typeof raw.modelId === 'string' ? raw.modelId.trim() : '';
  if (review !== undefined) details.review = review;
  if (status !== undefined) details.status = status;
  if (MODEL_ID.test(modelId)) details.modelId = modelId;
  if (dtype !== undefined) details.dtype = dtype;
  if (device !== undefined) details.device = device;
  const aiGenerated = readAiGenerated(raw.aiGenerated);
  const reviewPriority = readPriority(raw.reviewPriority);
  const reviewBand = readBand(raw.reviewBand);
  const reviewReasons = readReasons(raw.reviewReasons);
  if (aiGenerated !== undefined) details.aiGenerated = aiGenerated;
  if (reviewPriority !== undefined) details.reviewPriority = reviewPriority;
  if (reviewBand !== undefined) details.reviewBand = reviewBand;
  if (reviewReasons !== undefined) details.reviewReasons = reviewReasons;
  if (typeof raw.context === 'string' && raw.context.trim() !== '') details.context = raw.context.trim();
  return details;
}

/** Case and surrounding spaces are forgiven: a spreadsheet may have capitalised "Approved". */
function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  if (typeof value !== 'string') return undefined;
  const wanted = value.trim().toLowerCase();
  return allowed.find((a) => a === wanted);
}

/**
 * An imported alt-text plus where it came from, so the UI can point at the source row when a
 * match fails. `line` is set for CSV (where the record starts), `item` for JSON; both 1-based.
 */
export interface ImportedRow extends ImportedAltText {
  line?: number;
  item?: number;
}

export type SkipReason = 'no-key' | 'no-alt-text' | 'not-an-object';

/** A row left out of an import. `message` is a full sentence that already names the line or item. */
export interface SkippedRow {
  line?: number;
  item?: number;
  reason: SkipReason;
  message: string;
}

export interface AltTextImport {
  format: 'csv' | 'json';
  rows: ImportedRow[];
  skipped: SkippedRow[];
}

/**
 * The whole file could not be read (not just one row). `line` is set when one line is to blame,
 * e.g. an unterminated quote, so the message can be shown next to it.
 */
export class ImportError extends Error {
  readonly line: number | undefined;

  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ImportError';
    this.line = line;
  }
}

/** Whitespace-only counts as missing: a cell with a stray space is not an alt-text or a key. */
export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}
