import { AutoModelForImageTextToText, AutoProcessor, type PreTrainedModel, type PreTrainedTokenizer, type Processor } from '@huggingface/transformers';
import type { CaptionerLoadOptions } from './captioner';

export interface ChatVlm {
  processor: Processor;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
}

/**
 * The processor and model of a chat VLM whose session keys and ONNX file names coincide
 * (embed_tokens, vision_encoder, decoder_model_merged), so a per-module dtype map needs no
 * `model` alias: SmolVLM and LFM2-VL. Both load at once; the tokenizer must be there.
 */
export async function loadChatVlm(modelPath: string, options: CaptionerLoadOptions): Promise<ChatVlm> {
  const progress = options.onProgress ? { progress_callback: options.onProgress } : {};
  const [processor, model] = await Promise.all([
    AutoProcessor.from_pretrained(modelPath, progress),
    AutoModelForImageTextToText.from_pretrained(modelPath, {
      ...progress,
      ...(options.device ? { device: options.device } : {}),
      dtype: typeof options.dtype === 'string' ? options.dtype : { ...options.dtype },
      ...(options.sessionOptions ? { session_options: options.sessionOptions } : {}),
    }),
  ]);
  if (!processor.tokenizer) throw new Error(`${modelPath} has no tokenizer (tokenizer_config.json is missing).`);
  return { processor, tokenizer: processor.tokenizer, model };
}
