/**
 * Everything "Erase all data" removes, in one place: the IndexedDB database(s) (results,
 * thumbnails, settings, model weights, added models), Altscribe's Cache Storage (the offline
 * app shell) and the service worker whose shell that was, so it does not keep serving a cache
 * that is gone. Nothing else on the origin is touched.
 */
import { eraseAllStoredData } from '../storage';

/** Cache names the service worker uses (src/sw/service-worker.ts). */
export const CACHE_PREFIX = 'altscribe-';

export interface EraseEnvironment {
  eraseDatabases: () => Promise<string[]>;
  caches: Pick<CacheStorage, 'keys' | 'delete'> | undefined;
  serviceWorker: Pick<ServiceWorkerContainer, 'getRegistrations'> | undefined;
  /** The app's scope (absolute URL ending in '/'): only registrations inside it are ours. */
  scope: string;
}

export interface EraseReport {
  databases: string[];
  caches: string[];
  serviceWorkers: number;
}

export function browserEraseEnvironment(baseUrl: string): EraseEnvironment {
  return {
    eraseDatabases: eraseAllStoredData,
    caches: 'caches' in globalThis ? caches : undefined,
    serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    scope: new URL(baseUrl, location.origin).href,
  };
}

export async function eraseAllData(env: EraseEnvironment): Promise<EraseReport> {
  const databases = await env.eraseDatabases();
  const names = env.caches ? (await env.caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX)) : [];
  for (const name of names) await env.caches?.delete(name);
  const registrations = env.serviceWorker ? await env.serviceWorker.getRegistrations() : [];
  const ours = registrations.filter((r) => r.scope.startsWith(env.scope));
  // The next page load registers a fresh worker, which caches the app shell again (app code only).
  await Promise.all(ours.map((r) => r.unregister()));
  return { databases, caches: names, serviceWorkers: ours.length };
}
