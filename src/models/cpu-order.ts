import { measuredSpeed, secondsPerPhoto } from './measured-speed';

/**
 * The registry notes' verdict on each CPU-capable model's captions, as a factor on its seconds per
 * photo: the CPU order ranks by `seconds × factor`, so a model whose captions need rewriting more
 * often must be that many times faster to lead. 1: captions a person mostly keeps (Florence-2's
 * "good short captions", SmolVLM following the alt-text instruction); 2: distilvit's "short
 * literal captions, can repeat phrases or miss text"; 3: ViT-GPT2's "often generic or repetitive,
 * review every caption".
 */
export const CPU_QUALITY_FACTOR: Readonly<Record<string, number>> = {
  'onnx-community/Florence-2-base-ft': 1,
  'onnx-community/Florence-2-large-ft': 1,
  'HuggingFaceTB/SmolVLM-256M-Instruct': 1,
  'HuggingFaceTB/SmolVLM-500M-Instruct': 1,
  'Mozilla/distilvit': 2,
  'Xenova/vit-gpt2-image-captioning': 3,
};

/** Seconds per photo on the CPU weighted by caption quality; null for a model with no CPU timing. */
export function cpuScore(modelId: string): number | null {
  const seconds = secondsPerPhoto(modelId, 'wasm');
  const factor = CPU_QUALITY_FACTOR[modelId];
  return seconds === null || factor === undefined ? null : seconds * factor;
}

/**
 * `modelIds` best first for the CPU: lowest weighted seconds first; on a tie a measured number
 * before a shape estimate (an estimate is a lower bound: the real model is slower), then the
 * better captions (the lower quality factor); models with
 * no timing after all timed ones, in the order given.
 */
export function cpuOrder(modelIds: readonly string[]): string[] {
  const estimate = (id: string): number => (measuredSpeed(id)?.basis === 'measured' ? 0 : 1);
  return modelIds
    .map((id, index) => ({ id, index, score: cpuScore(id) }))
    .sort((a, b) => {
      if (a.score === null || b.score === null) return a.score === null && b.score === null ? a.index - b.index : a.score === null ? 1 : -1;
      // Equal up to floating point (1.2 × 3 against 3.6 × 1) is a tie.
      const apart = Math.abs(a.score - b.score) > 1e-9 * Math.max(a.score, b.score) ? a.score - b.score : 0;
      return apart || estimate(a.id) - estimate(b.id) || (CPU_QUALITY_FACTOR[a.id] ?? 0) - (CPU_QUALITY_FACTOR[b.id] ?? 0) || a.index - b.index;
    })
    .map(({ id }) => id);
}
