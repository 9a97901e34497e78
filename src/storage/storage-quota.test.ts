import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, isStoragePersisted, requestPersistentStorage } from './storage-quota';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubStorage(storage: object | undefined): void {
  vi.stubGlobal('navigator', storage === undefined ? {} : { storage });
}

describe('estimateStorage', () => {
  it('reports usage, quota and what is left', async () => {
    stubStorage({ estimate: () => Promise.resolve({ usage: 300, quota: 1_000 }) });
    expect(await estimateStorage()).toEqual({ usage: 300, quota: 1_000, available: 700 });
  });

  it('never reports negative space', async () => {
    stubStorage({ estimate: () => Promise.resolve({ usage: 1_200, quota: 1_000 }) });
    expect((await estimateStorage())?.available).toBe(0);
  });

  it('is undefined when the browser has no StorageManager or the estimate fails', async () => {
    stubStorage(undefined);
    expect(await estimateStorage()).toBeUndefined();
    stubStorage({ estimate: () => Promise.reject(new Error('denied')) });
    expect(await estimateStorage()).toBeUndefined();
    stubStorage({ estimate: () => Promise.resolve({}) });
    expect(await estimateStorage()).toBeUndefined();
  });
});

describe('requestPersistentStorage', () => {
  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn(() => Promise.resolve(false));
    stubStorage({ persisted: () => Promise.resolve(true), persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it("returns the browser's answer", async () => {
    stubStorage({ persisted: () => Promise.resolve(false), persist: () => Promise.resolve(true) });
    expect(await requestPersistentStorage()).toBe(true);
    stubStorage({ persisted: () => Promise.resolve(false), persist: () => Promise.resolve(false) });
    expect(await requestPersistentStorage()).toBe(false);
  });

  it('is false where persist() does not exist (workers) or throws', async () => {
    stubStorage({ persisted: () => Promise.resolve(false) });
    expect(await requestPersistentStorage()).toBe(false);
    stubStorage({ persisted: () => Promise.reject(new Error('no')) });
    expect(await requestPersistentStorage()).toBe(false);
  });
});

describe('isStoragePersisted', () => {
  it("reports the browser's answer", async () => {
    stubStorage({ persisted: () => Promise.resolve(true) });
    expect(await isStoragePersisted()).toBe(true);
    stubStorage({ persisted: () => Promise.resolve(false) });
    expect(await isStoragePersisted()).toBe(false);
  });

  it('is false when the browser cannot tell', async () => {
    stubStorage(undefined);
    expect(await isStoragePersisted()).toBe(false);
    stubStorage({ persisted: () => Promise.reject(new Error('denied')) });
    expect(await isStoragePersisted()).toBe(false);
  });
});
