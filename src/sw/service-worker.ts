/// <reference lib="webworker" />
import { strategyFor, withIsolationHeaders } from './shell-routes';

/**
 * The app shell service worker: precaches the built app and onnxruntime-web's files so the app
 * opens without a network, and adds cross-origin isolation headers. Model weights are not
 * precached (see shell-routes.ts). A new version installs in the background and waits; the page
 * decides when to switch (message 'skip-waiting'), never in the middle of a caption.
 */
declare const self: ServiceWorkerGlobalScope;
/** Replaced at build time by tools/vite/service-worker-build.ts: paths relative to the scope. */
declare const __ALTSCRIBE_PRECACHE__: { files: string[]; version: string; csp: string };

const { files, version, csp } = __ALTSCRIBE_PRECACHE__;
const CACHE = `altscribe-shell-${version}`;
const PRECACHED = new Set(['', ...files]);
const scope = (): URL => new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...PRECACHED].map((path) => new URL(path, scope()).href))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      // No clients.claim(): a page (and its caption worker) keeps the network path it started with;
      // the worker takes over from the next load, so nothing switches under a running caption.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('altscribe-shell-') && k !== CACHE).map((k) => caches.delete(k))).then(() => undefined)),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor(new URL(request.url), request.mode, request.method, scope(), PRECACHED);
  if (strategy === 'passthrough') return;
  event.respondWith(strategy === 'cache-first' ? cacheFirst(request) : networkFirstPage(request));
});

async function cacheFirst(request: Request): Promise<Response> {
  // ignoreVary: the server may answer with `Vary: Origin`; a module script's request carries an
  // Origin header the precache request did not, and would otherwise never match offline.
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true });
  return withIsolationHeaders(cached ?? (await fetch(request)), csp);
}

async function networkFirstPage(request: Request): Promise<Response> {
  try {
    return withIsolationHeaders(await fetch(request), csp);
  } catch {
    const shell = await caches.match(new URL('', scope()).href, { cacheName: CACHE, ignoreVary: true });
    if (shell) return withIsolationHeaders(shell, csp);
    return new Response('Altscribe needs a network connection once to install itself. Connect and reload this page.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}
