import { describe, expect, it } from 'vitest';
import { tooLargeMessage } from './image-header';
import { notAnImageMessage, undecodableFormatMessage } from './image-signature';
import { FAILURE_CLASS, failureAdvice, failureKindOf, isPermanentFailure, isRetryableFailure, recordFailureClass, recordFailureKind, splitFailureMessage, type FailureKind } from './caption-failure';

const INTERRUPTED = 'Interrupted when the page was closed. Add the photo again to caption it.';

/** Each kind with a message the app writes for it, as an old record (no stored kind) carries it. */
const MESSAGES: Record<Exclude<FailureKind, 'cancelled'>, { error: string; byteSize?: number }> = {
  'empty-file': { error: notAnImageMessage('empty.jpg', 0, 'image/jpeg'), byteSize: 0 },
  'not-an-image': { error: notAnImageMessage('notes.jpg', 1200, 'image/jpeg') },
  'too-large': { error: tooLargeMessage('huge.png', { width: 20000, height: 20000 }) },
  'unsupported-format': { error: undecodableFormatMessage('photo.heic', 'heic')! },
  damaged: { error: 'truncated.jpg looks like a JPEG file but could not be decoded: it may be damaged or truncated. Open it in an image viewer; if it shows, export it again as JPEG or PNG.' },
  'worker-crashed': { error: 'The caption worker stopped unexpectedly (the browser may have run out of memory); it has been restarted.' },
  'download-interrupted': { error: 'Shapes could not be loaded on wasm (q8): protobuf parsing failed. A downloaded file was incomplete, so it was removed; Retry downloads it again.' },
  'storage-full': { error: 'Shapes could not be loaded on wasm (q8): Not enough storage space to save the model files. Free space in the model manager.' },
  'model-load-failed': { error: 'Shapes could not be loaded on webgpu (fp16): no adapter' },
  'model-failed': { error: 'The model failed on cat.jpg: RangeError: offset is out of bounds' },
  interrupted: { error: INTERRUPTED },
};

const failed = (error: string, extra: { byteSize?: number; failure?: FailureKind } = {}) => ({ status: 'failed', error, byteSize: 5000, ...extra });

describe('failure classes', () => {
  it.each(['empty-file', 'not-an-image', 'too-large', 'unsupported-format', 'damaged'] as const)('%s is permanent for the file', (kind) => {
    expect(FAILURE_CLASS[kind]).toBe('permanent');
  });

  it.each(['worker-crashed', 'download-interrupted', 'storage-full', 'model-load-failed', 'model-failed', 'interrupted', 'cancelled'] as const)('%s may pass on retry', (kind) => {
    expect(FAILURE_CLASS[kind]).toBe('transient');
  });
});

describe('records stored before the kind was', () => {
  it.each(Object.entries(MESSAGES))('reads %s from the message', (kind, { error, byteSize }) => {
    expect(recordFailureKind(failed(error, byteSize === undefined ? {} : { byteSize }))).toBe(kind);
  });

  it('reads an SVG refusal as an unsupported format', () => {
    expect(recordFailureKind(failed(undecodableFormatMessage('script.svg', 'svg')!))).toBe('unsupported-format');
  });

  it('reads a declined or cancelled model download as cancelled, which Retry asks about again', () => {
    expect(recordFailureKind(failed('Not captioned: the model download was declined. Choose Retry to be asked again.'))).toBe('cancelled');
    expect(isRetryableFailure(failed('Not captioned: the model download was cancelled, and nothing partial was kept. Choose Retry to download it again.'))).toBe(true);
  });

  it('takes an unknown message as one worth retrying', () => {
    expect(recordFailureClass(failed('Something nobody wrote down'))).toBe('transient');
  });

  it('prefers the stored kind over the message', () => {
    expect(recordFailureKind(failed(INTERRUPTED, { failure: 'damaged' }))).toBe('damaged');
  });

  it('ignores a stale kind on a record that did not fail, and calls a cancelled one transient', () => {
    expect(recordFailureKind({ status: 'done', byteSize: 1, failure: 'damaged' })).toBeNull();
    expect(recordFailureKind({ status: 'queued', byteSize: 0 })).toBeNull();
    expect(recordFailureClass({ status: 'cancelled', byteSize: 1 })).toBe('transient');
    expect(isRetryableFailure({ status: 'cancelled', byteSize: 1 })).toBe(false);
  });

  it('tells permanent from retryable failures', () => {
    expect(isPermanentFailure(failed(MESSAGES['unsupported-format'].error))).toBe(true);
    expect(isRetryableFailure(failed(MESSAGES['unsupported-format'].error))).toBe(false);
    expect(isPermanentFailure(failed(MESSAGES['worker-crashed'].error))).toBe(false);
    expect(isRetryableFailure(failed(MESSAGES['worker-crashed'].error))).toBe(true);
  });
});

describe('failures as the worker reports them', () => {
  it('maps each code to its kind', () => {
    expect(failureKindOf('not-an-image', notAnImageMessage('a.jpg', 0, ''), 0)).toBe('empty-file');
    expect(failureKindOf('not-an-image', notAnImageMessage('a.jpg', 10, ''), 10)).toBe('not-an-image');
    expect(failureKindOf('unsupported-format', 'anything', 10)).toBe('unsupported-format');
    expect(failureKindOf('damaged-image', 'anything', 10)).toBe('damaged');
    expect(failureKindOf('image-too-large', 'anything', 10)).toBe('too-large');
    expect(failureKindOf('model-not-loaded', 'No model is loaded yet.', 10)).toBe('model-load-failed');
    expect(failureKindOf('model-load-failed', 'X could not be loaded on wasm (q8): boom', 10)).toBe('model-load-failed');
    expect(failureKindOf('inference-failed', 'The model failed on a.jpg: boom', 10)).toBe('model-failed');
  });

  it('reads what a code does not say from the message (a crash arrives without a code)', () => {
    expect(failureKindOf('inference-failed', MESSAGES['worker-crashed'].error, 10)).toBe('worker-crashed');
    expect(failureKindOf('model-load-failed', MESSAGES['storage-full'].error, 10)).toBe('storage-full');
    expect(failureKindOf('model-load-failed', MESSAGES['download-interrupted'].error, 10)).toBe('download-interrupted');
  });
});

describe('splitFailureMessage', () => {
  it('keeps the first sentence apart from the advice, past periods in the file name', () => {
    const message = notAnImageMessage('Mr. Smith.notes.jpg', 10, 'image/jpeg');
    const { headline, rest } = splitFailureMessage(message, 'Mr. Smith.notes.jpg');
    expect(headline).toBe('Mr. Smith.notes.jpg is not an image: its name says image/jpeg, but its contents are not a picture format.');
    expect(rest).toBe('Add JPEG, PNG, WebP, GIF or AVIF photos.');
    expect(`${headline} ${rest}`).toBe(message);
  });

  it('splits a message that names the file mid-sentence', () => {
    const { headline, rest } = splitFailureMessage(undecodableFormatMessage('IMG_1.heic', 'heic')!, 'IMG_1.heic');
    expect(headline).toBe('Your browser cannot decode HEIC/HEIF photos, so IMG_1.heic cannot be described.');
    expect(rest).toMatch(/^Export it as JPEG or PNG/);
  });

  it('leaves a one-sentence message whole, and advice fills in for the kinds that need it', () => {
    const message = notAnImageMessage('empty.jpg', 0, '');
    expect(splitFailureMessage(message, 'empty.jpg')).toEqual({ headline: message, rest: '' });
    expect(failureAdvice('empty-file', '')).toMatch(/^Remove it/);
    expect(failureAdvice('empty-file', 'Do this.')).toBe('');
    expect(failureAdvice(null, '')).toBe('');
  });
});
