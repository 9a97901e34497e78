import {
  AutoModelForImageTextToText,
  AutoProcessor,
  TextStreamer,
  type PreTrainedModel,
  type Processor,
  type RawImage,
  type Tensor,
} from '@huggingface/transformers';
import { toGenerateKwargs } from '../src/models/caption-options';
import type { CaptionOptions, Dtype, ModuleDtypes } from '../src/models/model-types';
import type { Captioner, CaptionerLoadOptions, CaptionRun } from './captioner';
import { GenerationTimer, VLM_SESSION_ROLES, type TimeablePipeline } from './generation-timer';
import { generationRecording } from './text-likelihood';

/**
 * How one model type of the image-text-to-text family wants its prompt, read from each
 * processor's `_call` and chat template in transformers.js 4.3.1:
 * - `content`: FastVLM's chat template is plain Qwen2 (string content only), so the image is the
 *   processor's `image_token` written into the text; the others take `[{type:'image'},{type:'text'}]` parts.
 * - `order`: LlavaProcessor / Lfm2VlProcessor take `(images, text)`; Qwen2-VL and Gemma3 take `(text, images)`.
 */
interface PromptStyle {
  content: 'image-token-in-text' | 'parts';
  order: 'images-text' | 'text-images';
}

const PROMPT_STYLES: Readonly<Record<string, PromptStyle>> = {
  llava_qwen2: { content: 'image-token-in-text', order: 'images-text' },
  llava: { content: 'parts', order: 'images-text' },
  llava_onevision: { content: 'parts', order: 'images-text' },
  lfm2_vl: { content: 'parts', order: 'images-text' },
  qwen2_vl: { content: 'parts', order: 'text-images' },
  qwen2_5_vl: { content: 'parts', order: 'text-images' },
  gemma3: { content: 'parts', order: 'text-images' },
};

const DEFAULT_INSTRUCTION = 'Describe this image.';

type ChatContent = string | { type: 'image' | 'text'; text?: string }[];

/** The user message for one image and one instruction, in the shape the model's chat template reads. */
export function buildChatMessages(style: PromptStyle, instruction: string, imageToken: string): { role: 'user'; content: ChatContent }[] {
  const content: ChatContent =
    style.content === 'image-token-in-text' ? `${imageToken}\n${instruction}` : [{ type: 'image' }, { type: 'text', text: instruction }];
  return [{ role: 'user', content }];
}

export function promptStyleFor(modelType: string): PromptStyle {
  const style = PROMPT_STYLES[modelType];
  if (!style) throw new Error(`The image-text-to-text adapter does not know how to prompt "${modelType}" models.`);
  return style;
}

/**
 * Decoder-only VLMs (FastVLM and friends) through AutoProcessor + AutoModelForImageTextToText:
 * chat template with the image and the instruction, the processor expands the image token,
 * the model scatters the vision features at those positions and generates.
 */
export class ImageTextToTextCaptioner implements Captioner {
  private readonly timer: GenerationTimer;

  private constructor(
    private readonly processor: Processor,
    private readonly model: PreTrainedModel,
    private readonly style: PromptStyle,
  ) {
    this.timer = new GenerationTimer({ processor, model } as unknown as TimeablePipeline, VLM_SESSION_ROLES);
  }

  static async load(modelPath: string, options: CaptionerLoadOptions): Promise<ImageTextToTextCaptioner> {
    const common = {
      ...(options.device ? { device: options.device } : {}),
      ...(options.onProgress ? { progress_callback: options.onProgress } : {}),
    };
    const [processor, model] = await Promise.all([
      AutoProcessor.from_pretrained(modelPath, common),
      AutoModelForImageTextToText.from_pretrained(modelPath, { ...common, dtype: withSessionKeys(options.dtype), ...(options.sessionOptions ? { session_options: options.sessionOptions } : {}) }),
    ]);
    const style = promptStyleFor(String(model.config.model_type));
    return new ImageTextToTextCaptioner(processor, model, style);
  }

  async caption(image: RawImage, options: CaptionOptions, run: CaptionRun = {}): Promise<string> {
    const imageToken = String((this.processor.config as { image_token?: string }).image_token ?? '<image>');
    const messages = buildChatMessages(this.style, run.prompt?.trim() || DEFAULT_INSTRUCTION, imageToken);
    const text = this.processor.apply_chat_template(messages, { add_generation_prompt: true }) as string;
    // The template already wrote every special token; the tokenizer must not add its own.
    const kwargs = { add_special_tokens: false };
    const tokenizer = this.processor.tokenizer;
    if (!tokenizer) throw new Error('This model has no tokenizer.');
    const { result, stages } = await this.timer.measure(async () => {
      const inputs = (
        this.style.order === 'images-text' ? await this.processor(image, text, kwargs) : await this.processor(text, image, kwargs)
      ) as Record<string, Tensor> & { input_ids: Tensor };
      const streamer = run.onText
        ? new TextStreamer(tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: run.onText })
        : undefined;
      const confidence = generationRecording(run, tokenizer);
      const output = (await this.model.generate({
        ...inputs,
        ...toGenerateKwargs(options),
        ...confidence.kwargs,
        ...(streamer ? { streamer } : {}),
        ...(run.stop ? { stopping_criteria: run.stop } : {}),
      })) as Tensor;
      confidence.finish();
      return { inputs, output };
    });
    run.onStages?.(stages);
    const { inputs, output } = result;
    const promptLength = inputs.input_ids.dims.at(-1) ?? 0;
    const generated = output.slice(null, [promptLength, output.dims.at(-1) ?? promptLength]);
    const [decoded] = tokenizer.batch_decode(generated, { skip_special_tokens: true });
    return (decoded ?? '').trim();
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

/**
 * Session keys equal file names for this family, except Florence-2-style encoder-decoders where
 * `encoder_model` is listed under the key `model` (the 4.3.1 lookup bug the other adapters note).
 */
function withSessionKeys(dtype: Dtype | ModuleDtypes): Dtype | ModuleDtypes {
  if (typeof dtype === 'string') return dtype;
  const encoder = dtype['encoder_model'];
  return encoder ? { model: encoder, ...dtype } : dtype;
}
