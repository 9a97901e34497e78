import type { ModelFamily } from '../src/models/registry';
import type { Captioner, CaptionerLoadOptions } from './captioner';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';

/**
 * One adapter per model family. Kept as a table so adding a family is one line here and one
 * adapter file, and the worker never branches on architecture itself.
 */
const LOADERS: Record<ModelFamily, ((path: string, options: CaptionerLoadOptions) => Promise<Captioner>) | null> = {
  'encoder-decoder': (path, options) => EncoderDecoderCaptioner.load(path, options),
  florence2: null,
  smolvlm: null,
  'image-text-to-text': null,
};

export async function loadCaptioner(family: ModelFamily, path: string, options: CaptionerLoadOptions): Promise<Captioner> {
  const load = LOADERS[family];
  if (!load) throw new Error(`Models of the ${family} family are not supported in this build.`);
  return load(path, options);
}
