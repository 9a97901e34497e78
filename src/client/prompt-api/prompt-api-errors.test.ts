// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseCaptionError } from '../../models/caption-error-code';
import { failureKindOf, FAILURE_CLASS } from '../../models/caption-failure';
import { isAbortError, isSessionGone, promptApiError } from './prompt-api-errors';

const photo = { kind: 'caption', fileName: 'IMG_1.jpg' } as const;
const load = { kind: 'load' } as const;

/** The code, message and failure kind the card shows for a Prompt API error. */
function shown(error: unknown, stage: typeof photo | typeof load) {
  const { code, message } = parseCaptionError(promptApiError(error, stage));
  return { code, message, kind: failureKindOf(code, message, 1000) };
}

describe('promptApiError', () => {
  it("says a photo and its instruction exceed the context window, with the browser's numbers", () => {
    const quota = Object.assign(new DOMException('too large', 'QuotaExceededError'), { requested: 5120, quota: 4096 });
    expect(shown(quota, photo)).toEqual({
      code: 'inference-failed',
      message: "IMG_1.jpg and its instruction are too long for the browser's built-in model's context window (it needs 5,120 tokens of 4,096). Shorten the photo's context, or choose another model.",
      kind: 'model-failed',
    });
  });

  it('leaves the numbers out when the error has none', () => {
    expect(shown(new DOMException('too large', 'QuotaExceededError'), photo).message).toContain("context window. Shorten");
  });

  it.each([
    ['NotSupportedError', 'model-load-failed', 'model-load-failed', /does not take images/],
    ['NotAllowedError', 'model-load-failed', 'model-load-failed', /refused it/],
    ['NetworkError', 'model-load-failed', 'download-interrupted', /needs a network connection/],
    ['InvalidStateError', 'inference-failed', 'model-failed', /session had ended before IMG_1\.jpg/],
    ['OperationError', 'inference-failed', 'model-failed', /failed on IMG_1\.jpg: it broke\./],
  ] as const)('%s becomes %s (%s)', (name, code, kind, words) => {
    const result = shown(new DOMException('it broke', name), photo);
    expect({ code: result.code, kind: result.kind }).toEqual({ code, kind });
    expect(result.message).toMatch(words);
    expect(FAILURE_CLASS[result.kind]).toBe('transient');
  });

  it('words a failure while making the session as a load failure', () => {
    expect(shown(new DOMException('no space', 'UnknownError'), load)).toEqual({
      code: 'model-load-failed',
      message: "The browser's built-in model could not be loaded: no space.",
      kind: 'model-load-failed',
    });
  });
});

describe('error names', () => {
  it('tells an abort and a gone session from the rest', () => {
    expect(isAbortError(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('stop'))).toBe(false);
    expect(isSessionGone(new DOMException('gone', 'InvalidStateError'))).toBe(true);
    expect(isSessionGone('InvalidStateError')).toBe(false);
  });
});
