import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModelFileCache, listCachedModels, loadCustomModelEntries } from '../storage';
import { CustomModels } from './custom-models';

const FIXTURES = join(import.meta.dirname, '../../public/models/altscribe');

/** What `<input webkitdirectory>` hands over: Files whose webkitRelativePath starts with the picked folder. */
function picked(root: string, name: string, extra: Record<string, string> = {}): File[] {
  const dir = join(FIXTURES, name);
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
  const files = paths.map((p) => file(`${root}/${p}`, readFileSync(join(dir, p))));
  return [...files, ...Object.entries(extra).map(([p, body]) => file(`${root}/${p}`, Buffer.from(body)))];
}

function file(relativePath: string, body: Uint8Array): File {
  const f = new File([new Uint8Array(body)], relativePath.split('/').pop() ?? relativePath);
  Object.defineProperty(f, 'webkitRelativePath', { value: relativePath });
  return f;
}

describe('CustomModels.addFolder', () => {
  it('copies the model’s files into the cache under /models/local/<slug>/ and remembers the entry', async () => {
    const models = new CustomModels('/');
    const entry = await models.addFolder(picked('tiny-florence2', 'tiny-florence2', { 'README.md': '# hi', '.git/HEAD': 'ref', 'pytorch_model.bin': 'x' }));
    expect(models.error).toBeNull();
    expect(entry?.id).toBe('local/tiny-florence2');
    expect(models.find('local/tiny-florence2')).toEqual(entry);
    const cached = (await listCachedModels()).find((m) => m.modelId === 'local/tiny-florence2');
    // Everything transformers.js reads, and nothing it does not (README, .git, PyTorch weights).
    expect(cached?.files).toBe(10);
    const config = await createModelFileCache().match('/models/local/tiny-florence2/config.json');
    expect(JSON.parse((await config?.text()) ?? '{}')).toMatchObject({ model_type: 'florence2' });
    expect((await loadCustomModelEntries()).map((e) => e.id)).toContain('local/tiny-florence2');
  });

  it('finds the model inside a picked parent folder, and copies only the weight types it would use', async () => {
    const models = new CustomModels('/app/');
    const entry = await models.addFolder(picked('downloads/shapes-captioner', 'shapes-captioner'));
    expect(entry?.dtypes).toEqual({ wasm: 'q8', webgpu: 'fp32' });
    const cache = createModelFileCache();
    expect(await cache.match(`/app/models/${entry?.id}/onnx/encoder_model_quantized.onnx`)).toBeDefined();
    expect(await cache.match(`/app/models/${entry?.id}/onnx/encoder_model_fp16.onnx`)).toBeDefined();
    expect(await cache.match(`/app/models/${entry?.id}/onnx/encoder_model.onnx`)).toBeDefined();
  });

  it('gives a second folder of the same name its own id', async () => {
    const models = new CustomModels('/');
    const first = await models.addFolder(picked('tiny-smolvlm', 'tiny-smolvlm'));
    const second = await models.addFolder(picked('tiny-smolvlm', 'tiny-smolvlm'));
    expect(second?.id).not.toBe(first?.id);
  });

  it('explains a folder without config.json or with an unsupported model type', async () => {
    const models = new CustomModels('/');
    expect(await models.addFolder([file('photos/cat.jpg', new Uint8Array(3))])).toBeNull();
    expect(models.error).toMatch(/“photos” has no config.json/);
    expect(await models.addFolder([file('bert/config.json', Buffer.from('{"model_type":"bert"}')), file('bert/onnx/model.onnx', new Uint8Array(1))])).toBeNull();
    expect(models.error).toMatch(/"bert" are not supported/);
    expect(models.busy).toBe(false);
  });
});

describe('CustomModels.forgetIfFolder', () => {
  it('drops a folder model’s entry (its files are gone) and says so; other ids are left alone', async () => {
    const models = new CustomModels('/');
    const entry = await models.addFolder(picked('tiny-fastvlm', 'tiny-fastvlm'));
    const id = entry?.id ?? '';
    expect(await models.forgetIfFolder('Mozilla/distilvit')).toBe(false);
    expect(await models.forgetIfFolder(id)).toBe(true);
    expect(models.find(id)).toBeUndefined();
    expect((await loadCustomModelEntries()).map((e) => e.id)).not.toContain(id);
    expect(await models.forgetIfFolder(id)).toBe(false);
  });
});

describe('CustomModels.addUrl', () => {
  /** A static server holding the tiny SmolVLM fixture under `prefix`, answering Range probes like a real one. */
  function server(prefix: string): { fetch: typeof fetch; asked: string[] } {
    const asked: string[] = [];
    const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = String(input);
      asked.push(url);
      if (!url.startsWith(prefix)) return new Response(null, { status: 404 });
      try {
        const body = readFileSync(join(FIXTURES, 'tiny-smolvlm', url.slice(prefix.length)));
        if (!new Headers(init?.headers).has('range')) return new Response(new Uint8Array(body), { status: 200 });
        return new Response(new Uint8Array(body.subarray(0, 1)), { status: 206, headers: { 'content-range': `bytes 0-0/${body.length}` } });
      } catch {
        return new Response(null, { status: 404 });
      }
    };
    return { fetch: impl as typeof fetch, asked };
  }

  it('reads config.json and the ONNX sizes from the folder URL', async () => {
    const { fetch } = server('https://intranet.example/models/tiny-smolvlm/');
    const models = new CustomModels('/', fetch);
    const entry = await models.addUrl('https://intranet.example/models/tiny-smolvlm');
    expect(models.error).toBeNull();
    expect(entry?.source).toEqual({ kind: 'url', baseUrl: 'https://intranet.example/models/tiny-smolvlm/' });
    expect(entry?.family).toBe('smolvlm');
    const onnxBytes = ['embed_tokens', 'vision_encoder', 'decoder_model_merged'].reduce((a, m) => a + readFileSync(join(FIXTURES, 'tiny-smolvlm/onnx', `${m}.onnx`)).length, 0);
    expect(entry?.approxBytes).toEqual({ fp32: onnxBytes });
  });

  it('tries resolve/main/ for a Hub-style mirror address', async () => {
    const { fetch, asked } = server('https://hf-mirror.example/org/tiny/resolve/main/');
    const models = new CustomModels('/', fetch);
    const entry = await models.addUrl('https://hf-mirror.example/org/tiny');
    expect(asked[0]).toBe('https://hf-mirror.example/org/tiny/config.json');
    expect(entry?.source).toEqual({ kind: 'url', baseUrl: 'https://hf-mirror.example/org/tiny/resolve/main/' });
  });

  it('explains an address that is not a model folder', async () => {
    const models = new CustomModels('/', server('https://elsewhere.example/').fetch);
    expect(await models.addUrl('ftp://x.example/m/')).toBeNull();
    expect(models.error).toMatch(/must start with https:\/\/ or http:\/\//);
    expect(await models.addUrl('https://intranet.example/a/b/c/')).toBeNull();
    expect(models.error).toMatch(/There is no config.json at https:\/\/intranet.example\/a\/b\/c\//);
    const offline = new CustomModels('/', (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch);
    expect(await offline.addUrl('https://intranet.example/m/')).toBeNull();
    expect(offline.error).toMatch(/Could not reach .*Failed to fetch/);
  });
});
