import { describe, expect, it } from 'vitest';
import type { MetaValue } from '../storage';
import { CopyFormatSetting, type CopyFormatStore } from './copy-format';

function memoryStore(initial?: MetaValue): CopyFormatStore & { saved: Map<string, MetaValue> } {
  const saved = new Map<string, MetaValue>(initial === undefined ? [] : [['copyFormat', initial]]);
  return { saved, get: async (key) => saved.get(key), set: async (key, value) => void saved.set(key, value) };
}

describe('CopyFormatSetting', () => {
  it('starts with plain text and takes the saved choice once loaded', async () => {
    const setting = new CopyFormatSetting(memoryStore('markdown'));
    expect(setting.value).toBe('text');
    let changes = 0;
    setting.addEventListener('change', () => changes++);
    await setting.load();
    expect(setting.value).toBe('markdown');
    expect(changes).toBe(1);
  });

  it('saves a choice and tells every control', async () => {
    const store = memoryStore();
    const setting = new CopyFormatSetting(store);
    let changes = 0;
    setting.addEventListener('change', () => changes++);
    await setting.choose('html');
    expect(setting.value).toBe('html');
    expect(store.saved.get('copyFormat')).toBe('html');
    expect(changes).toBe(1);
  });

  it('ignores an unknown saved value and a failed read', async () => {
    const unknown = new CopyFormatSetting(memoryStore('pdf'));
    await unknown.load();
    expect(unknown.value).toBe('text');
    const failing = new CopyFormatSetting({ get: () => Promise.reject(new Error('closed')), set: async () => undefined });
    await failing.load();
    expect(failing.value).toBe('text');
  });

  it('keeps a choice made before the saved one was read', async () => {
    const setting = new CopyFormatSetting(memoryStore('markdown'));
    const loading = setting.load();
    await setting.choose('html');
    await loading;
    expect(setting.value).toBe('html');
  });

  it('keeps the choice when saving fails', async () => {
    const setting = new CopyFormatSetting({ get: async () => undefined, set: () => Promise.reject(new Error('full')) });
    await setting.choose('markdown');
    expect(setting.value).toBe('markdown');
  });
});
