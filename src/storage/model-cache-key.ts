/**
 * Which model a cached file belongs to, read from the cache key alone.
 *
 * transformers.js picks the cache key, not us: files downloaded from the Hub are stored under
 * their remote URL, files served by the app under their local path (see the notes on the
 * customCache contract). The model manager needs to group and delete files per model, so the
 * key is the only reliable source. Lives apart from model-cache.ts because the v2 migration
 * uses it too, and schema code must not import the cache.
 */

// `{model}/resolve/{revision}/` is transformers.js's remotePathTemplate. Matching the path and
// not the host keeps mirrors (env.remoteHost) grouped correctly. Model ids are `org/name` or,
// for legacy Hub models such as `gpt2`, a single segment.
const HUB_PATH = /^\/((?:[^/]+\/)?[^/]+)\/resolve\/[^/]+\/.+$/;

// transformers.js's default env.localModelPath is '/models/'; the app may be deployed under
// a base path (`/altscribe/models/…`), so the first `models` segment anywhere counts. Only
// `org/name` ids are recognised: with one segment, `/models/tiny/config.json` cannot be told
// apart from org `tiny` + model `config.json`, so such keys fall back to their directory.
const LOCAL_MODELS_PATH = /^(?:\/[^/]+)*?\/models\/([^/]+\/[^/]+)\/.+$/;

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * `https://huggingface.co/<org>/<name>/resolve/<rev>/<file>` → `<org>/<name>`;
 * `[<base>]/models/<org>/<name>/<file…>` (with or without an origin) → `<org>/<name>`;
 * anything else → the key's directory (e.g. the CDN folder ONNX Runtime's .wasm came from),
 * or the key itself when it has no directory.
 */
export function modelIdFromCacheKey(key: string): string {
  const pathname = pathOf(key);
  if (pathname !== undefined) {
    const hub = HUB_PATH.exec(pathname);
    if (hub?.[1] !== undefined && HAS_SCHEME.test(key)) return decodeSegments(hub[1]);
    const local = LOCAL_MODELS_PATH.exec(pathname);
    if (local?.[1] !== undefined) return decodeSegments(local[1]);
  }
  return directoryOf(key);
}

/** The URL path of an absolute URL or of a root-relative path; undefined for anything else. */
function pathOf(key: string): string | undefined {
  if (HAS_SCHEME.test(key)) {
    try {
      return new URL(key).pathname;
    } catch {
      return undefined;
    }
  }
  if (key.startsWith('/')) return key.split(/[?#]/, 1)[0];
  return undefined;
}

function directoryOf(key: string): string {
  const withoutQuery = key.split(/[?#]/, 1)[0] ?? key;
  const slash = withoutQuery.lastIndexOf('/');
  return slash > 0 ? withoutQuery.slice(0, slash) : key;
}

// URLs escape characters that folder names may contain (a space becomes %20); the model
// manager should show the id as the user would type it.
function decodeSegments(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
