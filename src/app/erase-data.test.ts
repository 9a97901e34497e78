import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { setMeta } from '../storage';
import { eraseAllStoredData } from '../storage/erase';
import { eraseAllData, type EraseEnvironment } from './erase-data';

class FakeCaches {
  constructor(readonly names: Set<string>) {}
  async keys(): Promise<string[]> {
    return [...this.names];
  }
  async delete(name: string): Promise<boolean> {
    return this.names.delete(name);
  }
}

function registration(scope: string) {
  const reg = { scope, unregistered: false, unregister: async () => ((reg.unregistered = true), true) };
  return reg;
}

describe('eraseAllData', () => {
  it('deletes our databases, our caches and our service worker, and nothing of anyone else', async () => {
    await setMeta('settings', { modelId: 'x' });
    const caches = new FakeCaches(new Set(['altscribe-shell-abc', 'altscribe-shell-old', 'other-app']));
    const ours = registration('https://example.org/altscribe/');
    const theirs = registration('https://example.org/other/');
    const env: EraseEnvironment = {
      eraseDatabases: eraseAllStoredData,
      caches,
      serviceWorker: { getRegistrations: async () => [ours, theirs] as unknown as ServiceWorkerRegistration[] },
      scope: 'https://example.org/altscribe/',
    };

    const report = await eraseAllData(env);

    expect(report).toEqual({ databases: ['altscribe'], caches: ['altscribe-shell-abc', 'altscribe-shell-old'], serviceWorkers: 1 });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('altscribe');
    expect([...caches.names]).toEqual(['other-app']);
    expect(ours.unregistered).toBe(true);
    expect(theirs.unregistered).toBe(false);
  });

  it('works where there is no Cache Storage and no service worker', async () => {
    const report = await eraseAllData({ eraseDatabases: async () => ['altscribe'], caches: undefined, serviceWorker: undefined, scope: 'https://example.org/' });
    expect(report).toEqual({ databases: ['altscribe'], caches: [], serviceWorkers: 0 });
  });
});
