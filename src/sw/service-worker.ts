/// <reference lib="webworker" />
import { strategyFor, withIsolationHeaders } from './shell-routes';

/**
 * The app shell service worker: precaches the built app and onnxruntime-web's files so the app
 * opens without a network, and adds cross-origin isolation headers. Model weights are not
 * precached (see shell-routes.ts). A new version installs in the background and waits; the page
 * decides when to switch (message 'skip-waiting'), never in the middle of a caption.
 */
declare const self: ServiceWorkerGlobalScope;
/** Replaced at build time by tools/vite/service-worker-manifest.ts: paths relative to the scope. */
declare const __ALTSCRIBE_PRECACHE__: { files: string[]; version: string };

const { files, version } = __ALTSCRIBE_PRECACHE__;
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
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  return withIsolationHeaders(cached ?? (await fetch(request)));
}

async function networkFirstPage(request: Request): Promise<Response> {
  try {
    return withIsolationHeaders(await fetch(request));
  } catch {
    const shell = await caches.match(new URL('', scope()).href, { cacheName: CACHE });
    if (shell) return withIsolationHeaders(shell);
    return new Response('Altscribe needs a network connection once to install itself. Connect and reload this page.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}
