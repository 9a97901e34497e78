import type { CaptionErrorCode } from '../src/models/model-types';

/**
 * An error with a code the page can act on and a message written for the person.
 * Comlink re-creates thrown Errors on the main side with name and message only, so the code
 * travels as a "[code] " prefix of the message; `parseCaptionError` reads it back.
 */
export class CaptionError extends Error {
  constructor(
    readonly code: CaptionErrorCode,
    message: string,
  ) {
    super(`[${code}] ${message}`);
    this.name = 'CaptionError';
  }
}
