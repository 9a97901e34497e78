import {
  TextStreamer,
  Tensor,
  type Message,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Processor,
  type RawImage,
} from '@huggingface/transformers';
import { toGenerateKwargs } from '../src/models/caption-options';
import type { CaptionOptions } from '../src/models/model-types';
import { ALT_TEXT_INSTRUCTION } from '../src/models/registry';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';
import { GenerationTimer, VLM_SESSION_ROLES, type TimeablePipeline } from './generation-timer';
import { loadChatVlm } from './load-chat-vlm';
import { generationRecording } from './text-likelihood';

/**
 * One frame per photo: alt-text is one sentence about the whole picture, and splitting turns a
 * photo into up to 4×4 frames plus the global one, each a frame's worth of image tokens in the
 * prompt (docs/pixel-budget.md). The family's pixel budget matches the single frame.
 */
const ONE_FRAME = { do_image_splitting: false };

/**
 * With splitting off the processor squashes every photo to one `max_image_size` frame, yet it
 * first resizes to its `size.longest_edge` (2048 px in SmolVLM's config), i.e. it upscales the
 * photo the worker already decoded to the frame and normalises 16× the pixels, then squashes
 * them back. Resizing straight to the frame gives the same picture in one step.
 */
function oneFrameResize(processor: Processor): void {
  const images = (processor as unknown as { image_processor?: { size?: { longest_edge?: number }; max_image_size?: { longest_edge?: number } } }).image_processor;
  const frame = images?.max_image_size?.longest_edge;
  if (images && frame) images.size = { ...images.size, longest_edge: frame };
}

/**
 * The adapter for Idefics3 (SmolVLM) and SmolVLM2 (`smolvlm`): one user turn holding the image and
 * the instruction, rendered by the model's own chat template; the processor expands `<image>` into
 * the split-image token grid and the model writes the assistant turn.
 */
export class SmolVlmCaptioner implements Captioner {
  private readonly timer: GenerationTimer;

  private constructor(
    private readonly processor: Processor,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
  ) {
    this.timer = new GenerationTimer({ processor, model } as unknown as TimeablePipeline, VLM_SESSION_ROLES);
  }

  static async load(modelPath: string, options: CaptionerLoadOptions): Promise<SmolVlmCaptioner> {
    const { processor, tokenizer, model } = await loadChatVlm(modelPath, options);
    oneFrameResize(processor);
    return new SmolVlmCaptioner(processor, tokenizer, model);
  }

  async caption(image: RawImage, options: CaptionOptions, run: CaptionRun = {}): Promise<string> {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'image' }, { type: 'text', text: run.prompt ?? ALT_TEXT_INSTRUCTION }] },
    ];
    const prompt = this.processor.apply_chat_template(messages, { add_generation_prompt: true });
    if (typeof prompt !== 'string') throw new Error('The chat template did not render to text.');
    const { result, stages } = await this.timer.measure(async () => {
      const inputs = (await this.processor(prompt, [image], ONE_FRAME)) as Record<string, unknown> & { input_ids: Tensor };
      const streamer = run.onText
        ? new TextStreamer(this.tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: run.onText })
        : undefined;
      const confidence = generationRecording(run, this.tokenizer);
      const output = await this.model.generate({
        ...inputs,
        ...toGenerateKwargs(options),
        ...confidence.kwargs,
        ...(streamer ? { streamer } : {}),
        ...(run.stop ? { stopping_criteria: run.stop } : {}),
      });
      confidence.finish();
      return { inputs, output };
    });
    run.onStages?.(stages);
    const { inputs, output } = result;
    const sequences = output instanceof Tensor ? output : (output as { sequences?: Tensor }).sequences;
    if (!sequences) throw new Error('Generation returned no token sequences.');
    // generate() returns prompt + answer; only the answer is the caption.
    const [, promptLength = 0] = inputs.input_ids.dims;
    const [, totalLength = 0] = sequences.dims;
    const [text = ''] = this.tokenizer.batch_decode(sequences.slice(null, [promptLength, totalLength]), { skip_special_tokens: true });
    return text.trim();
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
