import { describe, expect, it } from 'vitest';
import { strategyFor, withIsolationHeaders } from './shell-routes';

const scope = new URL('https://example.org/altscribe/');
const precached = new Set(['', 'index.html', 'assets/main-abc.js', 'ort/ort-wasm-simd-threaded.asyncify.wasm']);
const at = (path: string, mode = 'cors', method = 'GET') => strategyFor(new URL(path, scope), mode, method, scope, precached);

describe('strategyFor', () => {
  it('serves pages network-first so a new deployment shows at once', () => {
    expect(at('/altscribe/', 'navigate')).toBe('network-first-page');
    expect(at('/altscribe/?model=x', 'navigate')).toBe('network-first-page');
  });
  it('serves precached build files from the cache', () => {
    expect(at('/altscribe/assets/main-abc.js')).toBe('cache-first');
    expect(at('/altscribe/ort/ort-wasm-simd-threaded.asyncify.wasm')).toBe('cache-first');
  });
  it('never touches model files, other origins, paths outside the scope, or non-GET requests', () => {
    expect(at('/altscribe/models/altscribe/shapes-captioner/onnx/encoder_model.onnx')).toBe('passthrough');
    expect(at('/altscribe/models/x/config.json', 'navigate')).toBe('passthrough');
    expect(at('https://huggingface.co/Mozilla/distilvit/resolve/main/config.json')).toBe('passthrough');
    expect(at('/other-app/index.html', 'navigate')).toBe('passthrough');
    expect(at('/altscribe/assets/main-abc.js', 'cors', 'POST')).toBe('passthrough');
    expect(at('/altscribe/assets/not-built.js')).toBe('passthrough');
  });
});

describe('withIsolationHeaders', () => {
  it('adds COOP, COEP and CORP and keeps status, body and other headers', async () => {
    const r = withIsolationHeaders(new Response('shell', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(r.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(r.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(r.headers.get('Content-Type')).toBe('text/html');
    expect(await r.text()).toBe('shell');
  });
  it('adds the Content-Security-Policy it is given, and none when given none', () => {
    const policy = "default-src 'self'";
    expect(withIsolationHeaders(new Response('x'), policy).headers.get('Content-Security-Policy')).toBe(policy);
    expect(withIsolationHeaders(new Response('x')).headers.has('Content-Security-Policy')).toBe(false);
  });
});
