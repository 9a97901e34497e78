// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomModelError, customModelEntry, familyOfConfig, isCustomModelId, parseOnnxFile, uniqueId, type CustomModelFile } from './custom-model';
import { ModelCatalog } from './model-catalog';
import { ALT_TEXT_INSTRUCTION, getModel, MODELS } from './registry';

const FIXTURES = join(import.meta.dirname, '../../public/models/altscribe');

/** A fixture folder as the picker would hand it over: relative paths and real sizes. */
function folder(name: string): { config: unknown; files: CustomModelFile[] } {
  const root = join(FIXTURES, name);
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? walk(join(dir, entry)) : [join(dir, entry)]));
  const files = walk(root).map((path) => ({ path: relative(root, path).split('\\').join('/'), bytes: statSync(path).size }));
  return { config: JSON.parse(readFileSync(join(root, 'config.json'), 'utf8')), files };
}

const totalBytes = (files: CustomModelFile[]) => files.reduce((a, f) => a + f.bytes, 0);

describe('customModelEntry from the fixture folders', () => {
  it.each([
    ['shapes-captioner', 'encoder-decoder'],
    ['tiny-florence2', 'florence2'],
    ['tiny-smolvlm', 'smolvlm'],
    ['tiny-fastvlm', 'image-text-to-text'],
    ['tiny-lfm2-vl', 'lfm2-vl'],
  ] as const)('%s becomes a %s entry that matches the built-in fixture', (name, family) => {
    const { config, files } = folder(name);
    const entry = customModelEntry({ config, files, origin: { kind: 'folder', name } });
    const builtIn = getModel(`altscribe/${name}`);
    expect(entry.id).toBe(`local/${name}`);
    expect(entry.family).toBe(family);
    expect(entry.family).toBe(builtIn.family);
    expect(entry.prompt).toBe(builtIn.prompt);
    expect(entry.source).toEqual({ kind: 'folder' });
    expect(entry.label).toContain(name);
  });

  it('reads the dtypes from the ONNX names: the shapes captioner has q8, fp16 and fp32', () => {
    const { config, files } = folder('shapes-captioner');
    const entry = customModelEntry({ config, files, origin: { kind: 'folder', name: 'shapes-captioner' } });
    expect(entry.dtypes).toEqual({ wasm: 'q8', webgpu: 'fp32' });
    expect(entry.webgpuF16Dtype).toBe('fp16');
    expect(Object.keys(entry.approxBytes).sort()).toEqual(['fp16', 'fp32', 'q8']);
    // fp32 counts the two fp32 ONNX files and every non-ONNX file, nothing else.
    const fp32 = files.filter((f) => !f.path.startsWith('onnx/') || /onnx\/(encoder_model|decoder_model_merged)\.onnx$/.test(f.path));
    expect(entry.approxBytes.fp32).toBe(totalBytes(fp32));
    expect(entry.approxBytes.q8).toBeLessThan(entry.approxBytes.fp32 ?? 0);
  });

  it('runs an fp32-only model on both devices', () => {
    const { config, files } = folder('tiny-florence2');
    const entry = customModelEntry({ config, files, origin: { kind: 'folder', name: 'tiny-florence2' } });
    expect(entry.dtypes).toEqual({ wasm: 'fp32', webgpu: 'fp32' });
    expect(entry.webgpuF16Dtype).toBeUndefined();
    expect(entry.approxBytes.fp32).toBe(totalBytes(files));
    expect(entry.generation.maxNewTokens).toBeGreaterThan(0);
  });

  it('picks per device only a dtype every required module has', () => {
    const config = { model_type: 'florence2' };
    const files = [
      ...['embed_tokens', 'vision_encoder', 'encoder_model', 'decoder_model_merged'].flatMap((m) => [{ path: `onnx/${m}_q4.onnx`, bytes: 10 }]),
      // q8 exists for three of four modules only: unusable.
      ...['embed_tokens', 'vision_encoder', 'encoder_model'].map((m) => ({ path: `onnx/${m}_quantized.onnx`, bytes: 5 })),
      { path: 'onnx/decoder_model_merged_q4f16.onnx', bytes: 3 },
    ];
    const entry = customModelEntry({ config, files, origin: { kind: 'folder', name: 'f' } });
    expect(entry.dtypes).toEqual({ wasm: 'q4', webgpu: 'q4' });
    expect(entry.approxBytes).toEqual({ q4: 40 });
  });

  it('leaves a device out when no dtype it can run is complete', () => {
    const files = ['encoder_model', 'decoder_model_merged'].map((m) => ({ path: `onnx/${m}_fp16.onnx`, bytes: 1 }));
    const entry = customModelEntry({ config: { model_type: 'vision-encoder-decoder' }, files, origin: { kind: 'folder', name: 'f' } });
    expect(entry.dtypes).toEqual({ webgpu: 'fp16' });
  });
});

describe('customModelEntry errors', () => {
  const onnx = ['encoder_model', 'decoder_model_merged'].map((m) => ({ path: `onnx/${m}.onnx`, bytes: 1 }));

  it('names an unsupported model_type', () => {
    expect(() => customModelEntry({ config: { model_type: 'bert' }, files: onnx, origin: { kind: 'folder', name: 'x' } })).toThrow(/"bert" are not supported/);
    expect(() => familyOfConfig({})).toThrow(CustomModelError);
  });

  it('says when there are no ONNX files, or a module is missing', () => {
    expect(() => customModelEntry({ config: { model_type: 'vision-encoder-decoder' }, files: [{ path: 'config.json', bytes: 1 }], origin: { kind: 'folder', name: 'x' } })).toThrow(/No ONNX files/);
    expect(() => customModelEntry({ config: { model_type: 'florence2' }, files: onnx, origin: { kind: 'folder', name: 'x' } })).toThrow(/embed_tokens\.onnx, vision_encoder\.onnx are missing/);
  });
});

describe('ids and names', () => {
  it('parses dtype suffixes, external data included, and skips dtypes the app does not offer', () => {
    expect(parseOnnxFile('onnx/decoder_model_merged_q4f16.onnx')).toEqual({ module: 'decoder_model_merged', dtype: 'q4f16' });
    expect(parseOnnxFile('onnx/embed_tokens_quantized.onnx')).toEqual({ module: 'embed_tokens', dtype: 'q8' });
    expect(parseOnnxFile('onnx/vision_encoder.onnx_data')).toEqual({ module: 'vision_encoder', dtype: 'fp32' });
    expect(parseOnnxFile('onnx/vision_encoder_int8.onnx')).toBeUndefined();
    expect(parseOnnxFile('vision_encoder.onnx')).toBeUndefined();
  });

  it('makes ids transformers.js accepts, unique among taken ones', () => {
    expect(uniqueId('local/', 'My  Model (v2)', [])).toBe('local/my-model-v2');
    expect(uniqueId('local/', 'a', ['local/a', 'local/a-2'])).toBe('local/a-3');
    expect(uniqueId('local/', '***', [])).toBe('local/model');
    expect(isCustomModelId('local/a')).toBe(true);
    expect(isCustomModelId('altscribe/tiny-florence2')).toBe(false);
  });

  it('names a URL model after its folder and host, keeping the base URL', () => {
    const { config, files } = folder('tiny-smolvlm');
    const entry = customModelEntry({ config, files: files.filter((f) => f.path.startsWith('onnx/')), origin: { kind: 'url', baseUrl: 'https://mirror.example/models/tiny-smolvlm/' } });
    expect(entry.id).toBe('url/mirror-example-tiny-smolvlm');
    expect(entry.label).toBe('tiny-smolvlm (from mirror.example)');
    expect(entry.source).toEqual({ kind: 'url', baseUrl: 'https://mirror.example/models/tiny-smolvlm/' });
    expect(entry.prompt).toBe(ALT_TEXT_INSTRUCTION);
  });
});

describe('ModelCatalog', () => {
  const { config, files } = folder('tiny-florence2');
  const custom = customModelEntry({ config, files, origin: { kind: 'folder', name: 'tiny-florence2' } });

  it('finds built-in and custom entries, and forgets removed ones', () => {
    const catalog = new ModelCatalog().with(custom);
    expect(catalog.find(custom.id)).toBe(custom);
    expect(catalog.get(MODELS[0]!.id)).toBe(MODELS[0]);
    expect(catalog.all).toHaveLength(MODELS.length + 1);
    expect(catalog.without(custom.id).find(custom.id)).toBeUndefined();
    expect(() => catalog.without(custom.id).get(custom.id)).toThrow(/Unknown model/);
  });

  it('never lets a custom entry shadow a built-in one', () => {
    const impostor = { ...custom, id: MODELS[0]!.id, label: 'impostor' };
    const catalog = new ModelCatalog([impostor]);
    expect(catalog.get(MODELS[0]!.id).label).toBe(MODELS[0]!.label);
    expect(catalog.custom).toHaveLength(0);
  });
});
