import type { ModelFamily } from '../src/models/families';
import type { Captioner, CaptionerLoadOptions } from './captioner';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';
import { Florence2Captioner } from './florence2-captioner';
import { ImageTextToTextCaptioner } from './image-text-to-text-captioner';
import { Lfm2VlCaptioner } from './lfm2-vl-captioner';
import { SmolVlmCaptioner } from './smolvlm-captioner';

export type CaptionerLoader = (path: string, options: CaptionerLoadOptions) => Promise<Captioner>;

/**
 * One adapter per row of the family table (src/models/families.ts). Keyed by ModelFamily, so
 * TypeScript asks for a line here when a family is added, and the worker never branches on
 * architecture itself.
 */
export const CAPTIONER_LOADERS: Readonly<Record<ModelFamily, CaptionerLoader>> = {
  'encoder-decoder': (path, options) => EncoderDecoderCaptioner.load(path, options),
  florence2: (path, options) => Florence2Captioner.load(path, options),
  smolvlm: (path, options) => SmolVlmCaptioner.load(path, options),
  'image-text-to-text': (path, options) => ImageTextToTextCaptioner.load(path, options),
  'lfm2-vl': (path, options) => Lfm2VlCaptioner.load(path, options),
};

export async function loadCaptioner(family: ModelFamily, path: string, options: CaptionerLoadOptions): Promise<Captioner> {
  // A family string from outside the table (an entry made by another build) has no own key here.
  const load = Object.hasOwn(CAPTIONER_LOADERS, family) ? CAPTIONER_LOADERS[family] : undefined;
  if (!load) throw new Error(`Models of the ${family} family are not supported in this build.`);
  return load(path, options);
}
