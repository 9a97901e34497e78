import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app: one source for the `vite preview` header, the
 * <meta> tag in the built page (static hosts often cannot send headers) and the header the
 * service worker adds to what it serves.
 *
 * - No inline script and no eval; 'wasm-unsafe-eval' only lets onnxruntime compile WebAssembly.
 * - style-src 'self': the page's own CSS is a file; lit's adopted (constructed) stylesheets are
 *   not subject to style-src. Style *attributes* are allowed (style-src-attr): lit's styleMap
 *   writes its first values as a style attribute (the windowed card list's spacing). An
 *   attribute cannot run script, and any url() in it is still bound by img-src/font-src.
 * - connect-src: this origin plus the Hugging Face hosts hub models download from
 *   (huggingface.co redirects to cdn-lfs*.huggingface.co, cdn-lfs*.hf.co, *.xethub.hf.co).
 *   A folder-URL model on another host needs that host added at build time:
 *   ALTSCRIBE_MODEL_HOSTS="https://models.example.org" npm run build.
 */
export const MODEL_HOSTS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://hf.co', 'https://*.hf.co'] as const;

/** Extra model hosts from ALTSCRIBE_MODEL_HOSTS (space or comma separated https origins). */
export function extraModelHosts(value: string | undefined): string[] {
  const hosts = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const host of hosts) {
    if (!/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host)) throw new Error(`ALTSCRIBE_MODEL_HOSTS: "${host}" is not an https origin such as https://models.example.org`);
  }
  return hosts;
}

/** `delivery: 'meta'` leaves out directives a <meta> tag may not carry (browsers warn about them). */
export function contentSecurityPolicy(extraHosts: readonly string[] = [], delivery: 'header' | 'meta' = 'header'): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'"],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'"],
    // blob: is this page's own object URLs (a fetch of a dropped photo's URL), never the network.
    ['connect-src', "'self'", 'blob:', ...MODEL_HOSTS, ...extraHosts],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
  ];
  if (delivery === 'header') directives.push(['frame-ancestors', "'none'"]);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Puts the policy into the built index.html as the first child of <head> (dev keeps Vite's inline HMR styles). */
export function contentSecurityPolicyMeta(policy: string): Plugin {
  return {
    name: 'altscribe:content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}
