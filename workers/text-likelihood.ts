import type { LogitsProcessorList } from '@huggingface/transformers';
import type { TextLikelihood } from '../src/models/review-signals';
import type { CaptionRun } from './captioner';
import { confidenceRecording, type DecodingTokenizer, type LogitsLike } from './token-confidence';

/** The part of a transformers.js tokenizer that turns a text into the ids the model would write. */
export interface EncodingTokenizer extends DecodingTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

/** Something generation checks after each token, such as an `InterruptableStoppingCriteria`. */
export interface Interruptible {
  interrupt(): void;
}

/** Floor for a token the model's own rules had ruled out, so one impossible token cannot make the mean −∞. */
const LEAST_LOG_PROB = Math.log(1e-9);

/**
 * Teacher forcing through `generate()`: at each free step the processor records the log
 * probability the model gives the text's next token, then leaves only that token open, so greedy
 * decoding writes exactly the text and the next step is conditioned on it. Going through each
 * adapter's own generate call (rather than a forward pass of our own) scores the text under the
 * same prompt, image features and cache handling as a caption, for every family alike. Steps a
 * built-in rule already forced (Florence-2's `<s>`) are left alone and not counted. The end token
 * is not scored: families end in different ways, and once the text is written the run is stopped.
 */
export class ForcedTextScorer {
  readonly logProbs: number[] = [];
  private targets: readonly number[] = [];
  private next = 0;

  /** `spellings`: the text's token sequences to choose from at the first free step (see `textSpellings`). */
  constructor(
    private readonly spellings: readonly (readonly number[])[],
    private readonly stop: Interruptible | undefined,
  ) {}

  /** Pass as `logits_processor: [scorer.process]`; it writes into the logits it is given. */
  readonly process = <T extends LogitsLike>(_ids: unknown, logits: T): T => {
    const data = logits.data as unknown as { [index: number]: number; length: number };
    const vocab = logits.dims.at(-1) ?? data.length;
    if (openTokens(data, vocab) <= 1) return logits;
    if (this.next === 0 && this.logProbs.length === 0) this.targets = likeliestSpelling(this.spellings, data);
    if (this.next >= this.targets.length) return logits;
    const target = this.targets[this.next++] ?? 0;
    this.logProbs.push(Math.max(LEAST_LOG_PROB, logSoftmaxAt(data, vocab, target)));
    const kept = Number.isFinite(data[target]) ? (data[target] as number) : 0;
    for (let i = 0; i < vocab; i++) data[i] = -Infinity;
    data[target] = kept;
    if (this.next === this.targets.length) this.stop?.interrupt();
    return logits;
  };

  /** The text's likelihood; undefined when generation ended before the whole text was written. */
  result(): TextLikelihood | undefined {
    if (this.targets.length === 0 || this.logProbs.length < this.targets.length) return undefined;
    const total = this.logProbs.reduce((sum, value) => sum + value, 0);
    return { meanLogProb: total / this.logProbs.length, minLogProb: Math.min(...this.logProbs), tokens: this.logProbs.length };
  }
}

/** The spelling whose first token the model finds likeliest at the first step; the first on a tie. */
function likeliestSpelling(spellings: readonly (readonly number[])[], logits: ArrayLike<number>): readonly number[] {
  let best: readonly number[] = spellings[0] ?? [];
  for (const spelling of spellings.slice(1)) {
    if ((logits[spelling[0] ?? 0] ?? -Infinity) > (logits[best[0] ?? 0] ?? -Infinity)) best = spelling;
  }
  return best;
}

function openTokens(data: ArrayLike<number>, vocab: number): number {
  let open = 0;
  for (let i = 0; i < vocab && open < 2; i++) if (Number.isFinite(data[i] ?? -Infinity)) open++;
  return open;
}

/** ln softmax(x)[index] with the maximum subtracted first, so no logit overflows. */
export function logSoftmaxAt(data: ArrayLike<number>, vocab: number, index: number): number {
  let max = -Infinity;
  for (let i = 0; i < vocab; i++) {
    const x = data[i] ?? -Infinity;
    if (x > max) max = x;
  }
  if (!Number.isFinite(max)) return -Infinity;
  let sum = 0;
  for (let i = 0; i < vocab; i++) {
    const x = data[i] ?? -Infinity;
    if (Number.isFinite(x)) sum += Math.exp(x - max);
  }
  return (data[index] ?? -Infinity) - max - Math.log(sum);
}

/**
 * The text as the model could spell it: as it stands and after a space. Byte-level BPE models
 * (Florence-2) write a space before the first word and score the bare spelling of that word as
 * all but impossible; which one a model writes shows at its first step, so the scorer takes the
 * spelling whose first token the model prefers there.
 */
export function textSpellings(tokenizer: Pick<EncodingTokenizer, 'encode'>, text: string): number[][] {
  const plain = tokenizer.encode(text.trim(), { add_special_tokens: false });
  const spaced = tokenizer.encode(` ${text.trim()}`, { add_special_tokens: false });
  return plain.join() === spaced.join() ? [plain] : [plain, spaced];
}

/**
 * What an adapter adds to its generate call: the forcing scorer when the run scores a given text
 * (`run.scoreText`), else the confidence recorder of an ordinary caption.
 */
export function generationRecording(run: CaptionRun, tokenizer: EncodingTokenizer): { kwargs: { logits_processor?: LogitsProcessorList }; finish: () => void } {
  const request = run.scoreText;
  if (!request) return confidenceRecording(run.onConfidence, tokenizer);
  const scorer = new ForcedTextScorer(textSpellings(tokenizer, request.text), run.stop);
  // Plain functions in an array work: transformers.js 4.3.1 spreads the list into its own.
  const processors = [scorer.process] as unknown as LogitsProcessorList;
  return { kwargs: { logits_processor: processors }, finish: () => request.onLikelihood(scorer.result()) };
}
