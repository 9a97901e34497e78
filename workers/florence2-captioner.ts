import type { RawImage } from '@huggingface/transformers';
import type { CaptionOptions } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';

/** PLACEHOLDER (being implemented in this session): the Florence-2 adapter. */
export class Florence2Captioner implements Captioner {
  static load(_path: string, _options: CaptionerLoadOptions): Promise<Florence2Captioner> {
    return Promise.reject(new Error('The Florence-2 adapter is not implemented yet.'));
  }

  caption(_image: RawImage, _options: CaptionOptions, _run?: CaptionRun): Promise<string> {
    return Promise.reject(new Error('not implemented'));
  }

  async dispose(): Promise<void> {}
}
