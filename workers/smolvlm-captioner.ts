import type { RawImage } from '@huggingface/transformers';
import type { CaptionOptions } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';

/** PLACEHOLDER (being implemented in this session): the SmolVLM adapter. */
export class SmolVlmCaptioner implements Captioner {
  static load(_path: string, _options: CaptionerLoadOptions): Promise<SmolVlmCaptioner> {
    return Promise.reject(new Error('The SmolVLM adapter is not implemented yet.'));
  }

  caption(_image: RawImage, _options: CaptionOptions, _run?: CaptionRun): Promise<string> {
    return Promise.reject(new Error('not implemented'));
  }

  async dispose(): Promise<void> {}
}
