// The benchmark's own HTTP server: a built folder plus model folders mounted under /models/,
// cross-origin isolated (SharedArrayBuffer, hence WASM threads) and counting the bytes it sends,
// so a load's "bytes read from the network" comes from the server and not from the page's word.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.onnx': 'application/octet-stream',
};

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Maps a URL path to a file under `dir`, or null when it would leave `dir`. */
function inside(dir, rest) {
  const full = normalize(join(dir, decodeURIComponent(rest)));
  return full === dir || full.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? full : null;
}

/**
 * @param {{ root: string, port: number, mounts?: Record<string, string>, files?: Record<string, string> }} options
 *   mounts: URL prefix (ending in /) → folder; files: exact URL path → file.
 */
export async function startServer({ root, port, mounts = {}, files = {} }) {
  const counter = { bytes: 0, modelBytes: 0, modelFiles: {}, requests: 0, notFound: [] };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    counter.requests++;
    let file = files[path] ?? null;
    if (!file) {
      const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
      file = prefix ? inside(mounts[prefix], path.slice(prefix.length)) : inside(root, path.endsWith('/') ? `${path}index.html` : path);
    }
    // A missing model file must be a real 404 (never an HTML fallback that would be parsed as JSON).
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      counter.notFound.push(path);
      res.writeHead(404, { ...ISOLATION, 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const size = statSync(file).size;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // transformers.js asks each file's size with a one-byte Range request before downloading it:
    // answering those with the whole file would double the bytes (and the time) of a cold load.
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (range && start >= size) {
      res.writeHead(416, { ...ISOLATION, 'Content-Range': `bytes */${size}` });
      return void res.end();
    }
    res.writeHead(range ? 206 : 200, {
      ...ISOLATION,
      'Content-Type': type,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    // Count what is really sent: a reader that cancels early is not charged the whole file.
    const stream = createReadStream(file, { start, end });
    stream.on('data', (chunk) => {
      counter.bytes += chunk.length;
      if (path.startsWith('/models/')) {
        counter.modelBytes += chunk.length;
        counter.modelFiles[path] = (counter.modelFiles[path] ?? 0) + chunk.length;
      }
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    counter,
    /** Model bytes sent since the last call, in all and per file. */
    takeModelBytes() {
      const taken = { bytes: counter.modelBytes, files: counter.modelFiles };
      counter.modelBytes = 0;
      counter.modelFiles = {};
      return taken;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
