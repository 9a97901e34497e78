import type { CaptionErrorCode } from '../../models/model-types';

/**
 * The Prompt API's DOMExceptions in the words the rest of the app reads: `[code] message`, the
 * form the caption worker reports (src/models/caption-error-code.ts), so failure kinds, Retry and
 * the card's message work the same for the browser's model as for the others
 * (src/models/caption-failure.ts reads the kind from the code and the message).
 */

/** Where the error came from: making the session (download included) or describing one photo. */
export type PromptStage = { kind: 'load' } | { kind: 'caption'; fileName: string };

const MODEL = "The browser's built-in model";

/** The error to throw for `error`; an abort is not mapped here (the caller knows whether it asked for it). */
export function promptApiError(error: unknown, stage: PromptStage): Error {
  const name = errorName(error);
  const detail = errorMessage(error);
  return new Error(`[${codeFor(name, stage)}] ${messageFor(name, detail, stage, error)}`);
}

/** True for the AbortError a stopped call rejects with (DOMException, or the signal's own reason). */
export function isAbortError(error: unknown): boolean {
  return errorName(error) === 'AbortError';
}

/** The session is gone (destroyed, or the browser reclaimed it): a new one is needed. */
export function isSessionGone(error: unknown): boolean {
  return errorName(error) === 'InvalidStateError';
}

function codeFor(name: string, stage: PromptStage): CaptionErrorCode {
  if (stage.kind === 'load' || name === 'NotSupportedError' || name === 'NotAllowedError' || name === 'NetworkError') return 'model-load-failed';
  return 'inference-failed';
}

function messageFor(name: string, detail: string, stage: PromptStage, error: unknown): string {
  const subject = stage.kind === 'caption' ? stage.fileName : 'the photo';
  switch (name) {
    case 'QuotaExceededError':
      return `${subject} and its instruction are too long for ${MODEL.toLowerCase()}'s context window${quotaDetail(error)}. Shorten the photo's context, or choose another model.`;
    case 'NotSupportedError':
      return `${MODEL} could not be loaded: this browser's model does not take images in the requested language on this device. Choose another model.`;
    case 'NotAllowedError':
      return `${MODEL} could not be loaded: the browser refused it (it may be turned off by a setting or by your organisation, or the download needs a click on the page). Choose Retry, or another model.`;
    case 'InvalidStateError':
      return `${MODEL} session had ended before ${subject} was described; a new one will be made. Choose Retry.`;
    case 'NetworkError':
      return `${MODEL} could not be loaded: its download failed and needs a network connection. Choose Retry when you are online.`;
    case 'AbortError':
      return `${MODEL} stopped before ${subject} was described (the browser ended it). Choose Retry.`;
    default:
      return stage.kind === 'load' ? `${MODEL} could not be loaded: ${sentence(detail)}` : `${MODEL} failed on ${subject}: ${sentence(detail)}`;
  }
}

/** "(it needs 5,000 tokens of 4,096)" from a QuotaExceededError's `requested` and `quota`, when it has them. */
function quotaDetail(error: unknown): string {
  const { requested, quota } = (error ?? {}) as { requested?: unknown; quota?: unknown };
  if (typeof requested !== 'number' || typeof quota !== 'number') return '';
  return ` (it needs ${requested.toLocaleString('en')} tokens of ${quota.toLocaleString('en')})`;
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message || 'unknown error';
  return String(error);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
