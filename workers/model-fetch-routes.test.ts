// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { ModelFetchRoutes } from './model-fetch-routes';

function recorder() {
  const calls: string[] = [];
  const base = vi.fn(async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return new Response('ok', { status: 200 });
  }) as unknown as typeof fetch;
  return { calls, base };
}

describe('ModelFetchRoutes', () => {
  it('answers 404 for a picked folder without touching the network', async () => {
    const { calls, base } = recorder();
    const routes = new ModelFetchRoutes(base, () => true);
    routes.addCacheOnly('/models/local/tiny/');
    const response = await routes.fetch('/models/local/tiny/processor_config.json');
    expect(response.status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('maps a URL model to its folder URL, and passes everything else through unchanged', async () => {
    const { calls, base } = recorder();
    const routes = new ModelFetchRoutes(base, () => true);
    routes.addMirror('/models/url/m/', 'https://mirror.example/org/name/resolve/main');
    expect((await routes.fetch('/models/url/m/onnx/embed_tokens.onnx')).status).toBe(200);
    await routes.fetch('/models/altscribe/tiny-smolvlm/config.json');
    await routes.fetch('https://huggingface.co/a/b/resolve/main/config.json');
    expect(calls).toEqual(['https://mirror.example/org/name/resolve/main/onnx/embed_tokens.onnx', '/models/altscribe/tiny-smolvlm/config.json', 'https://huggingface.co/a/b/resolve/main/config.json']);
  });

  it('answers 404 for a URL model while offline, so cached files still load', async () => {
    const { calls, base } = recorder();
    let online = false;
    const routes = new ModelFetchRoutes(base, () => online);
    routes.addMirror('/models/url/m/', 'https://mirror.example/m/');
    expect((await routes.fetch('/models/url/m/config.json')).status).toBe(404);
    online = true;
    expect((await routes.fetch('/models/url/m/config.json')).status).toBe(200);
    expect(calls).toEqual(['https://mirror.example/m/config.json']);
  });
});
