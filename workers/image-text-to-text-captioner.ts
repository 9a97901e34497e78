import type { RawImage } from '@huggingface/transformers';
import type { CaptionOptions } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';

/** PLACEHOLDER (being implemented in this session): the image-text-to-text adapter. */
export class ImageTextToTextCaptioner implements Captioner {
  static load(_path: string, _options: CaptionerLoadOptions): Promise<ImageTextToTextCaptioner> {
    return Promise.reject(new Error('The image-text-to-text adapter is not implemented yet.'));
  }

  caption(_image: RawImage, _options: CaptionOptions, _run?: CaptionRun): Promise<string> {
    return Promise.reject(new Error('not implemented'));
  }

  async dispose(): Promise<void> {}
}
