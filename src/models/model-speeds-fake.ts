import type { ModelSpeeds } from './batch-time-left';

/** For tests of the batch estimate and the controls that offer a faster model. */
export const FLORENCE = 'onnx-community/Florence-2-base-ft';
export const DISTILVIT = 'Mozilla/distilvit';
const NAMES: Record<string, string> = { [FLORENCE]: 'Florence-2 base', [DISTILVIT]: 'DistilViT' };

/** Florence-2 on WASM measured on the reference machine at five times DistilViT's time per photo. */
export function fakeSpeeds(chosen = FLORENCE): ModelSpeeds & { used: string[]; chosenModel: string } {
  const used: string[] = [];
  return {
    used,
    chosenModel: chosen,
    name: (id) => NAMES[id] ?? id,
    chosen() {
      return this.chosenModel;
    },
    candidates: (id, device) => (id === FLORENCE && device === 'wasm' ? [{ modelId: DISTILVIT, ratio: 0.2 }] : []),
    useModel(id) {
      used.push(id);
      this.chosenModel = id;
    },
  };
}
