import {
  AutoProcessor,
  Florence2ForConditionalGeneration,
  Florence2Processor,
  TextStreamer,
  type RawImage,
  type Tensor,
} from '@huggingface/transformers';
import { toGenerateKwargs } from '../src/models/caption-options';
import type { CaptionOptions } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';
import { GenerationTimer, type TimeablePipeline } from './generation-timer';
import { generationRecording } from './text-likelihood';

/** Florence-2's plain captioning task; the registry's prompt overrides it per model. */
export const DEFAULT_FLORENCE_TASK = '<CAPTION>';

/**
 * The adapter for Florence-2 (`florence2`): a task token such as `<CAPTION>` or `<OCR>` becomes the
 * model's natural-language prompt through `construct_prompts`, and the raw generation (which
 * keeps `<s>`/`</s>` and location tokens) is turned into the task's answer by
 * `post_process_generation`, exactly as Microsoft's processor does.
 */
export class Florence2Captioner implements Captioner {
  private readonly timer: GenerationTimer;

  private constructor(
    private readonly processor: Florence2Processor,
    private readonly model: Florence2ForConditionalGeneration,
  ) {
    // The encoder stage is the DaViT vision tower plus the BART encoder over [image; prompt].
    this.timer = new GenerationTimer({ processor, model } as unknown as TimeablePipeline, {
      encoders: ['vision_encoder', 'model'],
      decoder: 'decoder_model_merged',
    });
  }

  static async load(modelPath: string, options: CaptionerLoadOptions): Promise<Florence2Captioner> {
    const progress = options.onProgress ? { progress_callback: options.onProgress } : {};
    const [processor, model] = await Promise.all([
      AutoProcessor.from_pretrained(modelPath, progress),
      Florence2ForConditionalGeneration.from_pretrained(modelPath, {
        ...(options.device ? { device: options.device } : {}),
        // Both keys: transformers.js 4.3.1 looks the encoder's dtype up by session key ('model')
        // when listing files but by file name ('encoder_model') when loading.
        dtype: typeof options.dtype === 'string' ? options.dtype : { model: options.dtype['encoder_model'] ?? 'fp32', ...options.dtype },
        ...progress,
        ...(options.sessionOptions ? { session_options: options.sessionOptions } : {}),
      }),
    ]);
    if (!(processor instanceof Florence2Processor)) {
      await model.dispose();
      throw new Error(`${modelPath} has no Florence-2 processor (processor_class in preprocessor_config.json).`);
    }
    return new Florence2Captioner(processor, model as Florence2ForConditionalGeneration);
  }

  async caption(image: RawImage, options: CaptionOptions, run: CaptionRun = {}): Promise<string> {
    const task = run.prompt ?? DEFAULT_FLORENCE_TASK;
    const { result: sequences, stages } = await this.timer.measure(() => this.generate(image, task, options, run));
    run.onStages?.(stages);
    // An encoder-decoder's output holds only decoder tokens: the start token and what it generated.
    // Special tokens stay in so post-processing can read location tokens; it strips <s> and </s>.
    const [raw = ''] = this.processor.batch_decode(sequences, { skip_special_tokens: false });
    const answer = this.processor.post_process_generation(raw, task, image.size)[task];
    if (typeof answer !== 'string') {
      throw new Error(`The Florence-2 task ${task} answers with regions, not text; use <CAPTION>, <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION> or <OCR>.`);
    }
    // Microsoft's Python post-processing also drops <pad>; transformers.js leaves it in.
    return answer.replaceAll('<pad>', '').trim();
  }

  /** Preprocessing and generation: the part the timer splits into stages. */
  private async generate(image: RawImage, task: string, options: CaptionOptions, run: CaptionRun): Promise<Tensor> {
    const inputs = await this.processor(image, this.processor.construct_prompts(task));
    const streamer = run.onText
      ? new TextStreamer(this.processor.tokenizer!, { skip_prompt: true, skip_special_tokens: true, callback_function: run.onText })
      : undefined;
    const confidence = generationRecording(run, this.processor.tokenizer!);
    const sequences = (await this.model.generate({
      ...inputs,
      ...confidence.kwargs,
      // Explicit so the app's settings win over generation_config.json (Florence ships
      // no_repeat_ngram_size 3, which toGenerateKwargs would leave in force when set to 0).
      no_repeat_ngram_size: options.noRepeatNgramSize,
      repetition_penalty: options.repetitionPenalty,
      ...toGenerateKwargs(options),
      ...(streamer ? { streamer } : {}),
      ...(run.stop ? { stopping_criteria: run.stop } : {}),
    })) as Tensor;
    confidence.finish();
    return sequences;
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
