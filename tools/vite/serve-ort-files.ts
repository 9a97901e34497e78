import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves onnxruntime-web's WASM runtime under /ort/ in dev and emits it into the build.
 *
 * The files must come from the onnxruntime-web copy that @huggingface/transformers itself
 * imports (it pins a dev build; a top-level onnxruntime-web of another version has different
 * emscripten glue), and never from a CDN, so the app works offline and leaks nothing.
 */
export const ORT_PUBLIC_DIR = '/ort/';

/**
 * Public path under /ort/ → file in onnxruntime-web's dist. The asyncify pair is what the WebGPU
 * bundle of onnxruntime-web loads by default and what WebGPU needs. /ort/cpu/ holds the plain
 * build, which runs the CPU backend alone and starts about twice as fast: the bundle always
 * imports "ort-wasm-simd-threaded.asyncify.mjs" from the folder it is given (wasmPaths as a
 * prefix), so the plain glue is served under that name there; it asks for its own .wasm by name.
 */
export const ORT_FILES: Readonly<Record<string, string>> = {
  'ort-wasm-simd-threaded.asyncify.mjs': 'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm': 'ort-wasm-simd-threaded.asyncify.wasm',
  'cpu/ort-wasm-simd-threaded.asyncify.mjs': 'ort-wasm-simd-threaded.mjs',
  'cpu/ort-wasm-simd-threaded.wasm': 'ort-wasm-simd-threaded.wasm',
};

export function ortDistDir(): string {
  const fromTransformers = createRequire(createRequire(import.meta.url).resolve('@huggingface/transformers'));
  // Resolve the very entry transformers.js imports; its folder holds the matching .wasm/.mjs.
  return dirname(fromTransformers.resolve('onnxruntime-web/webgpu'));
}

const contentType = (file: string): string => (file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');

export function serveOrtFiles(): Plugin {
  const dir = ortDistDir();
  return {
    name: 'altscribe:serve-ort-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const file = path.startsWith(ORT_PUBLIC_DIR) ? ORT_FILES[path.slice(ORT_PUBLIC_DIR.length)] : undefined;
        if (!file) return next();
        const full = join(dir, file);
        res.setHeader('Content-Type', contentType(file));
        res.setHeader('Content-Length', String(statSync(full).size));
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        createReadStream(full).pipe(res);
      });
    },
    generateBundle(_options, bundle) {
      // onnxruntime-web's bundle also references its .wasm via new URL(…, import.meta.url), so
      // Vite emits a hashed 27 MB copy that is never fetched (wasmPaths points at /ort/). Drop it.
      for (const [key, output] of Object.entries(bundle)) {
        if (output.type === 'asset' && /^assets\/ort-wasm-simd-threaded.*\.wasm$/.test(key)) delete bundle[key];
      }
      for (const [name, file] of Object.entries(ORT_FILES)) {
        this.emitFile({ type: 'asset', fileName: 'ort/' + name, source: readFileSync(join(dir, file)) });
      }
    },
  };
}
