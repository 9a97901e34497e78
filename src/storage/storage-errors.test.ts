import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createModelFileCache } from './model-cache';
import { listResults, putResult, updateResult } from './results-store';
import { closeAltscribeDB } from './schema';
import { StorageError, formatBytes, quotaMessage, toStorageError } from './storage-errors';

const quotaError = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [2_300, '2.3 KB'],
    [123_000_000, '123 MB'],
    [123_456_789, '123 MB'],
    [999_999, '1 MB'],
    [1_500_000_000, '1.5 GB'],
    [2_000_000_000_000, '2 TB'],
    [-5, '0 B'],
    [Number.NaN, '0 B'],
  ])('%d → %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });
});

describe('toStorageError', () => {
  it('maps a QuotaExceededError DOMException to a quota message with the size', () => {
    const error = toStorageError(quotaError(), 'the model file model.onnx', 123_000_000);
    expect(error).toBeInstanceOf(StorageError);
    expect(error.kind).toBe('quota');
    expect(error.message).toBe(
      "Not enough storage space to save the model file model.onnx (needs about 123 MB). Free space in the model manager or your browser's site settings.",
    );
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  it('omits the size when it is unknown', () => {
    expect(toStorageError(quotaError(), 'the caption').message).toBe(
      "Not enough storage space to save the caption. Free space in the model manager or your browser's site settings.",
    );
  });

  it('recognises quota errors by name on plain objects and when wrapped', () => {
    expect(toStorageError({ name: 'QuotaExceededError' }, 'x').kind).toBe('quota');
    expect(toStorageError(new Error('AbortError', { cause: quotaError() }), 'x').kind).toBe('quota');
    expect(toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'x').kind).toBe('quota');
    expect(toStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' }, 'x').kind).toBe('quota');
  });

  it('maps InvalidStateError (private mode, closed connection) to unavailable', () => {
    const error = toStorageError(new DOMException('A mutation operation was attempted', 'InvalidStateError'), 'the caption');
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^Browser storage is unavailable, so the caption can't be saved\. Private browsing/);
  });

  it('maps VersionError to an instruction to reload', () => {
    const error = toStorageError(new DOMException('older version', 'VersionError'), 'the caption');
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/newer version of Altscribe is open in another tab.*Reload this page/);
  });

  it('keeps the original message for anything else, and passes StorageErrors through', () => {
    const unknown = toStorageError(new Error('disk on fire'), 'the caption');
    expect(unknown.kind).toBe('unknown');
    expect(unknown.message).toBe("Couldn't save the caption: disk on fire");
    expect(toStorageError(unknown, 'something else')).toBe(unknown);
    expect(toStorageError('weird', 'the caption').message).toBe("Couldn't save the caption");
  });
});

describe('quota failures surfaced by the verbs', () => {
  const dbName = `errors-test-${crypto.randomUUID()}`;

  afterEach(async () => {
    vi.restoreAllMocks();
    await closeAltscribeDB(dbName);
  });

  it('putResult reports the file name and thumbnail size', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const thumbnail = new Blob([new Uint8Array(45_000)]);
    const record = {
      id: crypto.randomUUID(),
      fileName: 'holiday.jpg',
      mimeType: 'image/jpeg',
      byteSize: 3_000_000,
      thumbnail,
      status: 'done' as const,
      text: 'A lake.',
      review: 'unreviewed' as const,
      createdAt: 1,
      updatedAt: 1,
    };
    const saving = putResult(record, { dbName });
    await expect(saving).rejects.toBeInstanceOf(StorageError);
    await expect(saving).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringContaining('save the caption for holiday.jpg (needs about 45 KB)'),
    });
  });

  it('the model cache reports the file name and size, and stores nothing', async () => {
    const cache = createModelFileCache({ dbName });
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const key = 'https://huggingface.co/Mozilla/distilvit/resolve/main/onnx/decoder_model_merged.onnx';
    const body = new Uint8Array(1_500_000);
    const saving = cache.put(key, new Response(body, { headers: { 'content-length': String(body.byteLength) } }));
    await expect(saving).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringContaining('save the model file decoder_model_merged.onnx (needs about 1.5 MB)'),
    });
    spy.mockRestore();
    expect(await cache.match(key)).toBeUndefined();
  });
});

describe('a disk that fills up part-way through saving', () => {
  const dbName = `quota-midway-${crypto.randomUUID()}`;
  afterEach(async () => {
    vi.restoreAllMocks();
    await closeAltscribeDB(dbName);
  });
  const record = (i: number) => ({
    id: `id-${i}`,
    fileName: `photo-${i}.jpg`,
    mimeType: 'image/jpeg',
    byteSize: 100 + i,
    status: 'done' as const,
    text: `Caption ${i}.`,
    review: 'unreviewed' as const,
    createdAt: i,
    updatedAt: i,
  });

  it('refuses new and changed records with the quota message and leaves the saved ones as they were', async () => {
    const original = IDBObjectStore.prototype.put;
    let writes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (++writes > 3) throw quotaError();
      return original.apply(this, args);
    });
    for (const i of [1, 2, 3]) await putResult(record(i), { dbName });
    const saved = await listResults({ dbName });

    await expect(putResult(record(4), { dbName })).rejects.toMatchObject({ kind: 'quota', message: expect.stringMatching(/^Not enough storage space to save the caption for photo-4\.jpg\. Free space/) });
    await expect(updateResult('id-2', { text: 'An edit that does not fit.', review: 'edited' }, { dbName })).rejects.toMatchObject({ kind: 'quota' });

    expect(await listResults({ dbName })).toEqual(saved);
    expect(saved.map((r) => r.text)).toEqual(['Caption 1.', 'Caption 2.', 'Caption 3.']);
  });
});

describe('quotaMessage', () => {
  const estimate = (available: number) => ({ usage: 1_000_000_000 - available, quota: 1_000_000_000, available });

  it('names the model, the size needed and the space free', () => {
    expect(quotaMessage(560_000_000, estimate(120_000_000), 'FastVLM 0.5B (Apple)')).toBe(
      'Not enough storage: FastVLM 0.5B (Apple) needs about 560 MB, but only 120 MB is free. Delete models you no longer use or free up disk space.',
    );
  });

  it('says so when nothing is free', () => {
    expect(quotaMessage(230_000_000, estimate(0), 'Florence-2 base (Microsoft)')).toBe(
      'Not enough storage: Florence-2 base (Microsoft) needs about 230 MB, but no space is free. Delete models you no longer use or free up disk space.',
    );
  });

  it('leaves out the free space when the browser does not report it', () => {
    expect(quotaMessage(1_500_000_000, undefined, 'SmolVLM 500M Instruct')).toBe(
      'Not enough storage: SmolVLM 500M Instruct needs about 1.5 GB. Delete models you no longer use or free up disk space.',
    );
  });

  it('does not claim "only" when the estimate says there was room', () => {
    const message = quotaMessage(200_000_000, estimate(3_000_000_000));
    expect(message).toBe(
      'Not enough storage: this model needs about 200 MB, and the browser refused to store it although it reports 3 GB free. Delete models you no longer use or free up disk space.',
    );
  });

  it('copes with an unknown size', () => {
    expect(quotaMessage(0, estimate(5), 'DistilViT')).toBe('Not enough storage for DistilViT. Delete models you no longer use or free up disk space.');
    expect(quotaMessage(Number.NaN, undefined)).toBe('Not enough storage for this model. Delete models you no longer use or free up disk space.');
  });
});
