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
import { ALT_TEXT_INSTRUCTION } from '../src/models/families';
import type { CaptionOptions } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';
import { GenerationTimer, VLM_SESSION_ROLES, type TimeablePipeline } from './generation-timer';
import { loadChatVlm } from './load-chat-vlm';
import { generationRecording } from './text-likelihood';

/**
 * The user turn LFM2-VL's chat template reads: an image part (rendered as `<image>`) and then the
 * instruction, which already carries the person's context and language when the worker added them.
 */
export function lfm2VlMessages(instruction: string): Message[] {
  return [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: instruction }] }];
}

/** The text the processor gets: the model's own chat template, ending where the assistant writes. */
export function lfm2VlPrompt(processor: Processor, instruction: string): string {
  const text = processor.apply_chat_template(lfm2VlMessages(instruction), { add_generation_prompt: true });
  if (typeof text !== 'string') throw new Error('The chat template did not render to text.');
  return text;
}

/**
 * The adapter for Liquid AI's LFM2-VL and LFM2.5-VL (`lfm2_vl`), read from transformers.js 4.3.1:
 * Lfm2VlProcessor is called `(images, text)`; it resizes the image to 64–256 tokens' worth of
 * 16 px patches (aspect kept, tiles only for large images) and expands `<image>` between
 * `<|image_start|>` and `<|image_end|>`; Lfm2VlForConditionalGeneration scatters the vision
 * encoder's rows there. The decoder's cache mixes conv states (`past_conv.i`) and key/values.
 */
export class Lfm2VlCaptioner implements Captioner {
  private readonly timer: GenerationTimer;

  private constructor(
    private readonly processor: Processor,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
  ) {
    this.timer = new GenerationTimer({ processor, model } as unknown as TimeablePipeline, VLM_SESSION_ROLES);
  }

  static async load(modelPath: string, options: CaptionerLoadOptions): Promise<Lfm2VlCaptioner> {
    const { processor, tokenizer, model } = await loadChatVlm(modelPath, options);
    return new Lfm2VlCaptioner(processor, tokenizer, model);
  }

  async caption(image: RawImage, options: CaptionOptions, run: CaptionRun = {}): Promise<string> {
    const streamer = run.onText
      ? new TextStreamer(this.tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: run.onText })
      : undefined;
    const confidence = generationRecording(run, this.tokenizer);
    const { result, stages } = await this.timer.measure(async () => {
      const text = lfm2VlPrompt(this.processor, run.prompt?.trim() || ALT_TEXT_INSTRUCTION);
      // The template wrote <|startoftext|> itself; the tokenizer must not add a second one.
      const inputs = (await this.processor(image, text, { add_special_tokens: false })) as Record<string, unknown> & { input_ids: Tensor };
      const output = await this.model.generate({
        ...inputs,
        ...toGenerateKwargs(options),
        ...confidence.kwargs,
        ...(streamer ? { streamer } : {}),
        ...(run.stop ? { stopping_criteria: run.stop } : {}),
      });
      return { inputs, output };
    });
    run.onStages?.(stages);
    confidence.finish();
    const sequences = result.output instanceof Tensor ? result.output : (result.output as { sequences?: Tensor }).sequences;
    if (!sequences) throw new Error('Generation returned no token sequences.');
    // generate() returns prompt + answer; only the answer is the caption.
    const promptLength = result.inputs.input_ids.dims.at(-1) ?? 0;
    const totalLength = sequences.dims.at(-1) ?? promptLength;
    const [decoded = ''] = this.tokenizer.batch_decode(sequences.slice(null, [promptLength, totalLength]), { skip_special_tokens: true });
    return decoded.trim();
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
