import type { ModelFamily } from '../src/models/registry';
import type { Captioner, CaptionerLoadOptions } from './captioner';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';
import { Florence2Captioner } from './florence2-captioner';
import { ImageTextToTextCaptioner } from './image-text-to-text-captioner';
import { SmolVlmCaptioner } from './smolvlm-captioner';

/**
 * One adapter per model family. Kept as a table so adding a family is one line here and one
 * adapter file, and the worker never branches on architecture itself.
 */
const LOADERS: Record<ModelFamily, ((path: string, options: CaptionerLoadOptions) => Promise<Captioner>) | null> = {
  'encoder-decoder': (path, options) => EncoderDecoderCaptioner.load(path, options),
  florence2: (path, options) => Florence2Captioner.load(path, options),
  smolvlm: (path, options) => SmolVlmCaptioner.load(path, options),
  'image-text-to-text': (path, options) => ImageTextToTextCaptioner.load(path, options),
};

export async function loadCaptioner(family: ModelFamily, path: string, options: CaptionerLoadOptions): Promise<Captioner> {
  const load = LOADERS[family];
  if (!load) throw new Error(`Models of the ${family} family are not supported in this build.`);
  return load(path, options);
}
