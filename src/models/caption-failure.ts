/**
 * Why a photo has no caption, finely enough to say whether trying again can help. Retry on an
 * empty file or an SVG only fails again; a crashed worker or a cut download usually passes.
 */
import type { CaptionErrorCode } from './model-types';

/** What went wrong with one photo's caption. */
export type FailureKind =
  // The file itself: the same bytes fail the same way every time.
  | 'empty-file'
  | 'not-an-image'
  | 'too-large'
  | 'unsupported-format'
  | 'damaged'
  // The circumstances: the same photo may pass on the next try.
  | 'worker-crashed'
  | 'download-interrupted'
  | 'storage-full'
  | 'model-load-failed'
  | 'model-failed'
  | 'interrupted'
  | 'cancelled';

/** 'permanent': nothing about this file will change by retrying; 'transient': a retry may pass. */
export type FailureClass = 'permanent' | 'transient';

export const FAILURE_CLASS: Readonly<Record<FailureKind, FailureClass>> = {
  'empty-file': 'permanent',
  'not-an-image': 'permanent',
  'too-large': 'permanent',
  'unsupported-format': 'permanent',
  damaged: 'permanent',
  'worker-crashed': 'transient',
  'download-interrupted': 'transient',
  'storage-full': 'transient',
  'model-load-failed': 'transient',
  // A model can fail on one photo from memory pressure as much as from the photo: worth one more try.
  'model-failed': 'transient',
  interrupted: 'transient',
  cancelled: 'transient',
};

/** What helps when the message itself names no next step; the others' messages already say it. */
const ADVICE: Partial<Record<FailureKind, string>> = {
  'empty-file': 'Remove it, then add the photo again from where it is kept; if it stays empty there, export it again as JPEG or PNG.',
  'worker-crashed': 'Retry it; if it crashes again, try a smaller model or a smaller copy of the photo.',
};

const BY_CODE: Partial<Record<CaptionErrorCode, FailureKind>> = {
  'unsupported-format': 'unsupported-format',
  'damaged-image': 'damaged',
  'image-too-large': 'too-large',
  'model-not-loaded': 'model-load-failed',
};

/**
 * The app's own messages, for records stored before the kind was (and for errors that reach the
 * page without a code, such as a crashed worker). More specific first: a storage or download
 * problem is reported inside a "could not be loaded" message.
 */
const BY_MESSAGE: readonly (readonly [RegExp, FailureKind])[] = [
  [/ is empty \(0 bytes\)/, 'empty-file'],
  [/^Your browser cannot decode |\bis an SVG drawing\. /, 'unsupported-format'],
  [/could not be decoded: it may be damaged or truncated/, 'damaged'],
  [/ megapixels\); Altscribe refuses images above /, 'too-large'],
  [/ is not an image\b/, 'not-an-image'],
  [/caption worker (crashed|stopped unexpectedly)/, 'worker-crashed'],
  [/Not enough storage space/, 'storage-full'],
  [/downloaded file was incomplete|needs a network connection|Failed to fetch|network error/i, 'download-interrupted'],
  [/^Interrupted when the page was closed/, 'interrupted'],
  [/the model download was (declined|cancelled)/, 'cancelled'],
  [/could not be loaded|No model is loaded|Could not find out what .* needs to download/, 'model-load-failed'],
];

/** The kind of a failure as the worker or the page reported it; `byteSize` tells an empty file. */
export function failureKindOf(code: CaptionErrorCode, message: string, byteSize: number): FailureKind {
  if (code === 'not-an-image') return byteSize === 0 ? 'empty-file' : (kindFromMessage(message) ?? 'not-an-image');
  return BY_CODE[code] ?? kindFromMessage(message) ?? (code === 'model-load-failed' ? 'model-load-failed' : 'model-failed');
}

function kindFromMessage(message: string): FailureKind | undefined {
  return BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
}

/** What a record carries that tells its failure (a structural subset of the stored record). */
export interface FailedRecordLike {
  status: string;
  error?: string;
  failure?: FailureKind;
  byteSize: number;
}

/** The kind of a record's failure; null when it did not fail. Old records are read from their message. */
export function recordFailureKind(record: FailedRecordLike): FailureKind | null {
  if (record.status === 'cancelled') return 'cancelled';
  if (record.status !== 'failed') return null;
  if (record.failure && record.failure in FAILURE_CLASS) return record.failure;
  if (record.byteSize === 0) return 'empty-file';
  return kindFromMessage(record.error ?? '') ?? 'model-failed';
}

export function recordFailureClass(record: FailedRecordLike): FailureClass | null {
  const kind = recordFailureKind(record);
  return kind ? FAILURE_CLASS[kind] : null;
}

/** A failed photo that retrying cannot help. */
export function isPermanentFailure(record: FailedRecordLike): boolean {
  return record.status === 'failed' && recordFailureClass(record) === 'permanent';
}

/** A failed photo that may pass on another try (cancelled ones are not counted as failed). */
export function isRetryableFailure(record: FailedRecordLike): boolean {
  return record.status === 'failed' && recordFailureClass(record) === 'transient';
}

/**
 * The message as a card shows it: the first sentence (what happened) stands out, the rest (what
 * to do) follows in normal weight. The file name is skipped before looking for the sentence's
 * end, since names hold periods ("IMG_1.jpg", "Mr. Smith.png").
 */
export function splitFailureMessage(message: string, fileName: string): { headline: string; rest: string } {
  const named = fileName ? message.indexOf(fileName) : -1;
  const from = named >= 0 ? named + fileName.length : 0;
  const end = /[.!?](?=\s+\S)/.exec(message.slice(from));
  const cut = end ? from + end.index + 1 : message.length;
  return { headline: message.slice(0, cut).trim(), rest: message.slice(cut).trim() };
}

/** Advice for a kind whose message names no next step; empty when the message already does. */
export function failureAdvice(kind: FailureKind | null, rest: string): string {
  return rest || !kind ? '' : (ADVICE[kind] ?? '');
}
