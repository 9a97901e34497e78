import {
  InterruptableStoppingCriteria,
  pipeline,
  TextStreamer,
  type ImageToTextPipeline,
  type RawImage,
} from '@huggingface/transformers';
import { toGenerateKwargs } from '../src/models/caption-options';
import type { CaptionOptions } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';
import { GenerationTimer, type TimeablePipeline } from './generation-timer';
import { generationRecording } from './text-likelihood';

/**
 * The adapter for `vision-encoder-decoder` captioners (ViT-GPT2, DistilViT, the shapes fixture),
 * through the image-to-text pipeline.
 */
export class EncoderDecoderCaptioner implements Captioner {
  private readonly timer: GenerationTimer;

  private constructor(private readonly pipe: ImageToTextPipeline) {
    this.timer = new GenerationTimer(pipe as unknown as TimeablePipeline);
  }

  static async load(modelPath: string, options: CaptionerLoadOptions): Promise<EncoderDecoderCaptioner> {
    const pipe = await pipeline('image-to-text', modelPath, {
      ...(options.device ? { device: options.device } : {}),
      // Both keys: transformers.js 4.3.1 looks a module's dtype up by session key ('model') when
      // listing files but by file name ('encoder_model') when loading.
      dtype: typeof options.dtype === 'string' ? options.dtype : { model: options.dtype['encoder_model'] ?? 'fp32', ...options.dtype },
      ...(options.onProgress ? { progress_callback: options.onProgress } : {}),
      ...(options.sessionOptions ? { session_options: options.sessionOptions } : {}),
    });
    return new EncoderDecoderCaptioner(pipe);
  }

  async caption(image: RawImage, options: CaptionOptions, run: CaptionRun = {}): Promise<string> {
    const streamer = run.onText
      ? new TextStreamer(this.pipe.tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: run.onText })
      : undefined;
    const confidence = generationRecording(run, this.pipe.tokenizer);
    const { result: output, stages } = await this.timer.measure(() =>
      this.pipe(image, {
        ...toGenerateKwargs(options),
        ...confidence.kwargs,
        ...(streamer ? { streamer } : {}),
        ...(run.stop ? { stopping_criteria: run.stop } : {}),
      }),
    );
    run.onStages?.(stages);
    confidence.finish();
    const first = Array.isArray(output) ? output[0] : output;
    const text = first && 'generated_text' in first ? first.generated_text : '';
    return (typeof text === 'string' ? text : '').trim();
  }

  async dispose(): Promise<void> {
    await this.pipe.dispose();
  }
}

export { InterruptableStoppingCriteria };
