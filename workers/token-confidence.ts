import type { LogitsProcessorList } from '@huggingface/transformers';
import type { TextConfidence, WordConfidence } from '../src/models/review-signals';

/** What the recorder saw at one generation step. */
export interface TokenStep {
  /** The token greedy decoding emits: the first index of the largest processed logit. */
  tokenId: number;
  /** Its probability under the softmax of the processed logits. */
  prob: number;
  /** Entropy of that distribution, in nats. */
  entropy: number;
  /** Every other token was masked to -Infinity (forced BOS/EOS, min-length rules): prob 1 by construction. */
  forced: boolean;
}

/** The logits as transformers.js hands them to a logits processor: float32, `[batch, vocab]`. */
export interface LogitsLike {
  data: ArrayLike<number>;
  dims: readonly number[];
}

/** The part of a transformers.js tokenizer the summary needs. */
export interface DecodingTokenizer {
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
  all_special_ids: readonly number[];
}

/**
 * Records token probabilities during one greedy generation. transformers.js 4.3.1 returns no
 * scores, but a user logits processor runs after the built-in ones on the logits the greedy
 * sampler takes its argmax of, so the argmax here is the token that gets emitted.
 */
export class TokenConfidenceRecorder {
  readonly steps: TokenStep[] = [];

  /** Pass as `logits_processor: [recorder.process]`; the logits go on unchanged. */
  readonly process = <T extends LogitsLike>(_ids: unknown, logits: T): T => {
    const vocab = logits.dims.at(-1) ?? logits.data.length;
    // Only the first row: the app generates one caption at a time.
    this.steps.push(measureStep(logits.data, vocab));
    return logits;
  };
}

/**
 * Argmax, its softmax probability and the entropy in one pass over the vocabulary, with an
 * online (running-maximum) softmax so no logit overflows: with m the running maximum,
 * s = Σ exp(x - m) and t = Σ exp(x - m)·(x - m), p(argmax) = 1/s and H = ln s − t/s.
 */
export function measureStep(data: ArrayLike<number>, vocab: number): TokenStep {
  let max = -Infinity;
  let argmax = 0;
  let sum = 0;
  let weighted = 0;
  let finite = 0;
  for (let i = 0; i < vocab; i++) {
    const x = data[i] ?? -Infinity;
    if (!Number.isFinite(x)) continue;
    finite++;
    if (x > max) {
      if (sum > 0) {
        const shift = max - x;
        const scale = Math.exp(shift);
        weighted = scale * (weighted + shift * sum);
        sum *= scale;
      }
      sum += 1;
      max = x;
      argmax = i;
    } else {
      const offset = x - max;
      const e = Math.exp(offset);
      sum += e;
      weighted += e * offset;
    }
  }
  if (finite === 0) return { tokenId: 0, prob: 0, entropy: 0, forced: false };
  return { tokenId: argmax, prob: 1 / sum, entropy: Math.max(0, Math.log(sum) - weighted / sum), forced: finite === 1 };
}

/**
 * Turns the recorded steps into the caption's confidence. Forced steps and special tokens are
 * left out (their probability says nothing about the photo), except a special token at the last
 * step: that is the end token, whose probability says whether the model meant to stop there.
 * Words are those of the text decoded with special tokens skipped, split on whitespace; a word's
 * probability is the smallest of the tokens that wrote any of its characters.
 */
export function summariseConfidence(steps: readonly TokenStep[], tokenizer: DecodingTokenizer): TextConfidence {
  const special = new Set(tokenizer.all_special_ids);
  const counted = steps.map((step, index) => !step.forced && (!special.has(step.tokenId) || index === steps.length - 1));
  const stats = steps.filter((_, index) => counted[index]);
  const words = wordConfidences(steps, counted, special, tokenizer);
  if (stats.length === 0) return { words, minProb: 1, meanLogProb: 0, meanEntropy: 0, maxEntropy: 0, tokens: 0 };
  return {
    words,
    minProb: Math.min(...stats.map((step) => step.prob)),
    meanLogProb: mean(stats.map((step) => Math.log(step.prob))),
    meanEntropy: mean(stats.map((step) => step.entropy)),
    maxEntropy: Math.max(...stats.map((step) => step.entropy)),
    tokens: stats.length,
  };
}

/**
 * Decodes the text token by token and gives each character to the token whose decoding wrote
 * it. Decoding prefixes (rather than mapping token strings) works for any tokenizer: WordLevel
 * joins with spaces, byte-level BPE may need two tokens for one character, SentencePiece drops
 * the first word's space; when a later token rewrites the end of the text (a completed UTF-8
 * sequence, tokenizer clean-up), the new characters belong to it and to the tokens that wrote
 * the characters it replaced.
 */
function wordConfidences(steps: readonly TokenStep[], counted: readonly boolean[], special: ReadonlySet<number>, tokenizer: DecodingTokenizer): WordConfidence[] {
  const ids: number[] = [];
  let text = '';
  /** For each character of the text, the tokens that wrote it. */
  let owners: number[][] = [];
  steps.forEach((step, index) => {
    ids.push(step.tokenId);
    if (special.has(step.tokenId)) return;
    const next = tokenizer.decode(ids, { skip_special_tokens: true });
    const kept = commonPrefixLength(text, next);
    const rewrittenBy = owners.slice(kept).flat();
    owners = [...owners.slice(0, kept), ...Array.from({ length: next.length - kept }, () => [...rewrittenBy, index])];
    text = next;
  });
  const words: WordConfidence[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const start = match.index;
    const tokens = new Set(owners.slice(start, start + match[0].length).flat());
    const probs = [...tokens].filter((index) => counted[index]).map((index) => steps[index]?.prob ?? 1);
    words.push({ word: match[0], prob: probs.length ? Math.min(...probs) : 1 });
  }
  return words;
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * What an adapter adds to its generate call to report confidence: nothing when nobody asked
 * (the warm-up), else the recorder's logits processor and a `finish` to call once generation ends.
 */
export function confidenceRecording(
  onConfidence: ((confidence: TextConfidence) => void) | undefined,
  tokenizer: DecodingTokenizer,
): { kwargs: { logits_processor?: LogitsProcessorList }; finish: () => void } {
  if (!onConfidence) return { kwargs: {}, finish: () => undefined };
  const recorder = new TokenConfidenceRecorder();
  // transformers.js 4.3.1 spreads this into its own list (`extend`), so plain functions in an
  // array work; its type declarations ask for a LogitsProcessorList of class instances.
  const processors = [recorder.process] as unknown as LogitsProcessorList;
  return { kwargs: { logits_processor: processors }, finish: () => onConfidence(summariseConfidence(recorder.steps, tokenizer)) };
}
