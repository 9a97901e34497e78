import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { familyRow, type ModelFamily } from '../src/models/families';
import { getModel } from '../src/models/registry';
import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, readCaptions, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

/**
 * Every model family's adapter in the real app, through its tiny random-weight fixture
 * (tools/tiny-vlm/<family>/): the worker loads it through the family's adapter
 * (workers/load-captioner.ts), the card ends up with the fixture's own words, and exactly the
 * family's file set is fetched from this app's server. The fixtures' words are noise from a
 * closed vocabulary. The encoder-decoder family has no row: the shapes captioner runs it in most
 * other specs (caption, accuracy, webgpu…), where its captions are checked word for word.
 */

interface FamilyFixture {
  modelId: string;
  /** What the test titles call it. */
  name: string;
  /** Every file the app fetches under the fixture's folder, sorted. */
  expectedFiles: readonly string[];
  /** The words the fixture can say. */
  vocabulary(): Set<string>;
  /** Whether ALTSCRIBE_FIXTURE_WEBGPU=1 adds a WebGPU run (see `devices` below). */
  webgpu: boolean;
  /** The shapes images it captions: the first on WASM, the second on WebGPU. */
  images: { maxSide: number; seed?: number };
}

const tokenizerOf = (modelId: string) =>
  JSON.parse(readFileSync(`public/models/${modelId}/tokenizer.json`, 'utf8')) as { added_tokens: { content: string }[]; model: { vocab: Record<string, number> } };

/** Sorted, as the files fetched are compared. */
const files = (...paths: string[]) => [...paths].sort();

/** SmolVLM and FastVLM exports have the same files: a processor config and three ONNX sessions. */
const VLM_FILES = files(
  'config.json',
  'generation_config.json',
  'onnx/decoder_model_merged.onnx',
  'onnx/embed_tokens.onnx',
  'onnx/vision_encoder.onnx',
  'preprocessor_config.json',
  'processor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
);

const FIXTURES = {
  florence2: {
    modelId: 'altscribe/tiny-florence2',
    name: 'Florence-2',
    expectedFiles: files(
      'config.json',
      'generation_config.json',
      'onnx/decoder_model_merged.onnx',
      'onnx/embed_tokens.onnx',
      'onnx/encoder_model.onnx',
      'onnx/vision_encoder.onnx',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ),
    /** Byte-level vocabulary entries that begin with a space ('Ġ'). */
    vocabulary: () =>
      new Set(
        Object.keys(tokenizerOf('altscribe/tiny-florence2').model.vocab)
          .filter((token) => token.startsWith('Ġ') && token.length > 1)
          .map((token) => token.slice(1)),
      ),
    webgpu: true,
    images: { maxSide: 400 },
  },
  smolvlm: {
    modelId: 'altscribe/tiny-smolvlm',
    name: 'SmolVLM',
    expectedFiles: VLM_FILES,
    /** A word-level vocabulary: every entry but the special tokens. */
    vocabulary: () => {
      const tokenizer = tokenizerOf('altscribe/tiny-smolvlm');
      const specials = new Set(tokenizer.added_tokens.map((t) => t.content));
      return new Set(Object.keys(tokenizer.model.vocab).filter((t) => !specials.has(t)));
    },
    webgpu: true,
    images: { maxSide: 400 },
  },
  'image-text-to-text': {
    modelId: 'altscribe/tiny-fastvlm',
    name: 'FastVLM',
    expectedFiles: VLM_FILES,
    /** The 26 whole words its logits mask lets through (tools/tiny-vlm/fastvlm/README.md). */
    vocabulary: () => new Set((JSON.parse(readFileSync('tools/tiny-vlm/fastvlm/words.json', 'utf8')) as { words: string[] }).words),
    // No WebGPU run even with ALTSCRIBE_FIXTURE_WEBGPU: on SwiftShader it passed but took 112 s
    // (load average 15–25), over the 60 s budget for WebGPU e2e on this machine.
    webgpu: false,
    images: { maxSide: 300, seed: 4183 },
  },
  'lfm2-vl': {
    modelId: 'altscribe/tiny-lfm2-vl',
    name: 'LFM2-VL',
    // Lfm2VlProcessor reads its image settings from preprocessor_config.json and its chat template
    // from tokenizer_config.json: the fixture's processor_config.json and chat_template.jinja stay unfetched.
    expectedFiles: VLM_FILES.filter((file) => file !== 'processor_config.json'),
    /** The 26 whole words its logits mask lets through (tools/tiny-vlm/lfm2-vl/README.md). */
    vocabulary: () => new Set((JSON.parse(readFileSync('tools/tiny-vlm/lfm2-vl/words.json', 'utf8')) as { words: string[] }).words),
    webgpu: true,
    // Large enough that the fixture's processor cuts tiles and a thumbnail (over 2 × 16 tokens of 16 px).
    images: { maxSide: 300 },
  },
} satisfies Record<Exclude<ModelFamily, 'encoder-decoder'>, FamilyFixture>;

/** Undoes the alt-text finishing rules (sentence case, final period) so words can be looked up. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[.!?]+$/, '').split(/\s+/).filter(Boolean);
}

/** Paths requested under the fixture's folder, relative to it (probes and loads alike). */
function recordModelFiles(page: Page, modelId: string): Set<string> {
  const fetched = new Set<string>();
  const prefix = `/models/${modelId}/`;
  page.context().on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.includes(prefix)) fetched.add(pathname.slice(pathname.indexOf(prefix) + prefix.length));
  });
  return fetched;
}

for (const [family, fixture] of Object.entries(FIXTURES) as [keyof typeof FIXTURES, FamilyFixture][]) {
  test.describe(`${family} family`, () => {
    let images: ShapesImage[];
    test.beforeAll(async () => {
      images = await shapesImages(2, { ...fixture.images, dir: `test-results/model-${family}-images` });
    });

    // WebGPU (SwiftShader) runs of the random-weight fixtures passed here (1.4–3.7 min each) but cost
    // too much CI time; set ALTSCRIBE_FIXTURE_WEBGPU=1 to include them. The WebGPU path itself is
    // covered on every run by the shapes model (e2e/webgpu.spec.ts, e2e/accuracy.spec.ts).
    const devices = process.env['ALTSCRIBE_FIXTURE_WEBGPU'] && fixture.webgpu ? (['wasm', 'webgpu'] as const) : (['wasm'] as const);
    for (const device of devices) {
      const tag = device === 'webgpu' ? '@webgpu ' : '';
      test(`${tag}the tiny ${fixture.name} fixture captions a shapes image on ${device} with its own words, from exactly its files`, async ({ page }) => {
        // SwiftShader compiles every kernel in software: 38 s on an idle 2-core box, 1.5–2.3 min at load ~17.
        test.setTimeout(device === 'webgpu' ? 240_000 : 150_000);
        const model = getModel(fixture.modelId);
        expect(model.family, 'the registry runs the fixture through this family').toBe(family);
        const fetched = recordModelFiles(page, fixture.modelId);
        await openApp(page, device, '', { model: fixture.modelId }); // answers the download prompt
        const image = images[device === 'wasm' ? 0 : 1]!;
        await addFiles(page, [image]);
        await waitForAllSettled(page, 1, device === 'webgpu' ? 220_000 : 130_000);
        await expect(card(page, image.name).locator('article')).toHaveAttribute('data-status', 'done');

        const text = (await readCaptions(page)).get(image.name) ?? '';
        test.info().annotations.push({ type: 'caption', description: `${family} on ${device}: ${text}` });
        await expect(altText(page, image.name)).toHaveValue(text);
        const words = wordsOf(text);
        const vocabulary = fixture.vocabulary();
        expect(words.length, `"${text}"`).toBeGreaterThan(0);
        expect(words.length, `"${text}"`).toBeLessThanOrEqual(model.generation.maxNewTokens);
        for (const word of words) expect(vocabulary.has(word), `"${word}" of "${text}" is a fixture word`).toBe(true);
        expect(text, 'special tokens and Florence-2 markers are post-processed away').not.toMatch(/<\/?s>|<pad>/);

        const sorted = [...fetched].sort();
        expect(sorted).toEqual(fixture.expectedFiles);
        // What transformers.js fetched is what adding a model of this family asks for (families.ts).
        expect(sorted.filter((path) => path.startsWith('onnx/'))).toEqual(files(...familyRow(family).modules.map((m) => `onnx/${m}.onnx`)));
        if (device === 'wasm') await expect(page.getByTestId('backend').or(page.locator('model-panel [data-role=backend]'))).toHaveText('WASM');
      });
    }
  });
}
