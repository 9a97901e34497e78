/**
 * What `env.fetch` does for models the person added themselves. transformers.js is given them as
 * local models (`/models/local/<slug>`, `/models/url/<slug>`), so their cache keys group per
 * model like the app's own; this maps those local paths to where the files really are:
 *
 * - a picked folder lives only in IndexedDB: a file that is not cached does not exist, so the
 *   answer is a 404 (an optional file then resolves to null) and nothing touches the network;
 * - a folder URL (mirror, intranet server): `<baseUrl><file>`. Offline it answers 404 too, so
 *   cached models keep working instead of failing on the first network error.
 */
export class ModelFetchRoutes {
  private readonly cacheOnly = new Set<string>();
  private readonly mirrors = new Map<string, string>();

  constructor(
    private readonly base: typeof fetch = (input, init) => fetch(input, init),
    private readonly online: () => boolean = () => navigator.onLine,
  ) {}

  /** Files under `prefix` (a local path ending in '/') come from the cache or not at all. */
  addCacheOnly(prefix: string): void {
    this.cacheOnly.add(prefix);
  }

  /** Files under `prefix` are fetched from `baseUrl` (a folder URL ending in '/'). */
  addMirror(prefix: string, baseUrl: string): void {
    this.mirrors.set(prefix, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  }

  /** The URL a local path is really fetched from; null when it is never fetched. */
  resolve(path: string): string | null | undefined {
    for (const prefix of this.cacheOnly) if (path.startsWith(prefix)) return null;
    for (const [prefix, baseUrl] of this.mirrors) if (path.startsWith(prefix)) return baseUrl + path.slice(prefix.length);
    return undefined;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = pathOf(input);
    const target = path === undefined ? undefined : this.resolve(path);
    if (target === undefined) return this.base(input, init);
    if (target === null || !this.online()) return new Response(null, { status: 404, statusText: 'Not Found' });
    return this.base(target, init);
  };
}

/** transformers.js passes local paths as root-relative strings; URLs to anything else pass through. */
function pathOf(input: RequestInfo | URL): string | undefined {
  const text = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (text.startsWith('/')) return text;
  try {
    const url = new URL(text);
    return url.origin === globalThis.location?.origin ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}
