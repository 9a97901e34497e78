import type { CaptionErrorCode } from './model-types';

const CODES: readonly CaptionErrorCode[] = ['not-an-image', 'unsupported-format', 'damaged-image', 'image-too-large', 'model-not-loaded', 'model-load-failed', 'inference-failed'];

/** Splits a worker error message "[code] text" back into its code and the person-facing text. */
export function parseCaptionError(error: unknown): { code: CaptionErrorCode; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /^\[([a-z-]+)\] ([\s\S]*)$/.exec(raw);
  const code = CODES.find((c) => c === match?.[1]);
  return code && match ? { code, message: match[2] ?? '' } : { code: 'inference-failed', message: raw };
}
