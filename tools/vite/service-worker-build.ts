import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

const SW_ENTRY = 'src/sw/service-worker.ts';
const SW_FILE = 'sw.js';
const PLACEHOLDER = '__ALTSCRIBE_PRECACHE__';

/**
 * Builds src/sw/service-worker.ts to /sw.js (a stable name: its URL is its identity) and writes
 * the list of files to precache into it: every emitted file except source maps and itself.
 * The version is a hash of that list plus each file's content, so any change installs a new
 * service worker and retires the old cache. The Content-Security-Policy goes in too: the worker
 * adds it as a header to what it serves, for hosts that cannot send headers.
 */
export function serviceWorkerBuild(options: { contentSecurityPolicy?: string } = {}): Plugin {
  return {
    name: 'altscribe:service-worker-build',
    apply: 'build',
    config(config) {
      const input = config.build?.rolldownOptions?.input;
      const base = typeof input === 'object' && !Array.isArray(input) ? input : { main: 'index.html' };
      return {
        build: {
          rolldownOptions: {
            input: { ...base, sw: SW_ENTRY },
            output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? SW_FILE : 'assets/[name]-[hash].js') },
          },
        },
      };
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const sw = bundle[SW_FILE];
        if (!sw || sw.type !== 'chunk') return this.error(`${SW_FILE} was not emitted`);
        const fromPublic = publicFiles(this.environment.config.publicDir);
        const files = [...Object.keys(bundle).filter((name) => name !== SW_FILE && !name.endsWith('.map')), ...fromPublic.keys()].sort();
        const hash = createHash('sha256');
        for (const name of files) {
          const out = bundle[name];
          if (!out) {
            hash.update(name).update(fromPublic.get(name)!);
            continue;
          }
          hash.update(name).update(out.type === 'chunk' ? out.code : typeof out.source === 'string' ? out.source : Buffer.from(out.source));
        }
        // The policy is part of the version: a changed CSP must reach pages served from the cache.
        const csp = options.contentSecurityPolicy ?? '';
        hash.update(csp);
        const manifest = JSON.stringify({ files, version: hash.digest('hex').slice(0, 16), csp });
        if (!sw.code.includes(PLACEHOLDER)) return this.error(`${PLACEHOLDER} not found in ${SW_FILE}`);
        sw.code = sw.code.replaceAll(PLACEHOLDER, manifest);
      },
    },
  };
}

/** public/ files go to the site root as they are; models/ stays out (weights live in IndexedDB). */
function publicFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!dir) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/');
    if (!path.startsWith('models/')) files.set(path, readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}
