import {
  InterruptableStoppingCriteria,
  pipeline,
  TextStreamer,
  type ImageToTextPipeline,
  type ProgressCallback,
  type RawImage,
} from '@huggingface/transformers';
import { toGenerateKwargs } from '../src/models/caption-options';
import type { CaptionOptions, Dtype } from '../src/models/model-types';

/**
 * The adapter for `vision-encoder-decoder` captioners (ViT-GPT2, DistilViT, the shapes fixture).
 * It is runtime-neutral on purpose: the worker feeds it images decoded in the browser, and the
 * Node accuracy test feeds it images decoded by sharp, so both exercise this same code.
 */
export interface EncoderDecoderLoadOptions {
  /** 'webgpu' or 'wasm' in browsers; leave undefined in Node (onnxruntime-node CPU). */
  device?: 'webgpu' | 'wasm';
  dtype: Dtype;
  onProgress?: ProgressCallback;
}

export interface CaptionRun {
  /** Called with each decoded piece of text as soon as it forms whole words. */
  onText?: (chunk: string) => void;
  /** Interrupt it to stop after the current token; the model stays loaded. */
  stop?: InterruptableStoppingCriteria;
}

export class EncoderDecoderCaptioner {
  private constructor(private readonly pipe: ImageToTextPipeline) {}

  static async load(modelPath: string, options: EncoderDecoderLoadOptions): Promise<EncoderDecoderCaptioner> {
    const pipe = await pipeline('image-to-text', modelPath, {
      ...(options.device ? { device: options.device } : {}),
      dtype: options.dtype,
      ...(options.onProgress ? { progress_callback: options.onProgress } : {}),
    });
    return new EncoderDecoderCaptioner(pipe);
  }

  async caption(image: RawImage, options: CaptionOptions, run: CaptionRun = {}): Promise<string> {
    const streamer = run.onText
      ? new TextStreamer(this.pipe.tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: run.onText })
      : undefined;
    const output = await this.pipe(image, {
      ...toGenerateKwargs(options),
      ...(streamer ? { streamer } : {}),
      ...(run.stop ? { stopping_criteria: run.stop } : {}),
    });
    const first = Array.isArray(output) ? output[0] : output;
    const text = first && 'generated_text' in first ? first.generated_text : '';
    return (typeof text === 'string' ? text : '').trim();
  }

  async dispose(): Promise<void> {
    await this.pipe.dispose();
  }
}

export { InterruptableStoppingCriteria };
