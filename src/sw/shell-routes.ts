/**
 * Which strategy the service worker uses for a request. Pure, so it is unit-tested in Node.
 *
 * - Pages: network first, so a new deployment is picked up at once; the cached shell only
 *   when the network is down.
 * - Precached build files (content-hashed, or the pinned onnxruntime files): cache first.
 * - Model files: never touched. Weights live in IndexedDB (the worker's custom cache); a second
 *   copy in Cache Storage would double the disk use of a 200 MB model.
 */
export type Strategy = 'network-first-page' | 'cache-first' | 'passthrough';

export function strategyFor(url: URL, mode: string, method: string, scope: URL, precached: ReadonlySet<string>): Strategy {
  if (method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return 'passthrough';
  const path = url.pathname.slice(scope.pathname.length);
  if (path.startsWith('models/')) return 'passthrough';
  if (mode === 'navigate') return 'network-first-page';
  return precached.has(path) ? 'cache-first' : 'passthrough';
}

/**
 * Static hosts cannot send COOP/COEP headers; the service worker adds them to what it serves,
 * so the page is cross-origin isolated and WASM can use threads wherever the app is deployed.
 * The CSP header also covers the caption worker's script, which a page's <meta> policy does not.
 */
export function withIsolationHeaders(response: Response, contentSecurityPolicy = ''): Response {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  if (contentSecurityPolicy) headers.set('Content-Security-Policy', contentSecurityPolicy);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
