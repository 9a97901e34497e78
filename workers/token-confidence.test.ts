import { describe, expect, it } from 'vitest';
import { measureStep, summariseConfidence, TokenConfidenceRecorder, type DecodingTokenizer, type TokenStep } from './token-confidence';

const logitsOf = (values: number[]): { data: Float32Array; dims: number[] } => ({ data: new Float32Array(values), dims: [1, values.length] });

describe('TokenConfidenceRecorder', () => {
  it('records the argmax, its softmax probability and the entropy, and passes the logits on unchanged', () => {
    const recorder = new TokenConfidenceRecorder();
    // Probabilities 1/4, 1/2, 1/4 (offset by 1000: the softmax must not overflow).
    const logits = logitsOf([1000 + Math.log(1), 1000 + Math.log(2), 1000 + Math.log(1)]);
    expect(recorder.process([[1n]], logits)).toBe(logits);
    const [step] = recorder.steps;
    // Exact for the float32 values the processor receives (1000 + ln 2 is not exact in float32).
    const [a = 0, b = 0, c = 0] = logits.data;
    const probs = [a, b, c].map((x) => 1 / [a, b, c].reduce((sum, y) => sum + Math.exp(y - x), 0));
    expect(step?.tokenId).toBe(1);
    expect(step?.prob).toBeCloseTo(probs[1] ?? 0, 12);
    expect(step?.prob).toBeCloseTo(0.5, 4);
    expect(step?.entropy).toBeCloseTo(-probs.reduce((h, p) => h + p * Math.log(p), 0), 12);
    expect(step?.forced).toBe(false);
  });

  it('gives a uniform step probability 1/n and entropy ln n, and takes the first of tied maxima as greedy decoding does', () => {
    const step = measureStep([-3, 2, 2, 2, 2].map((x, i) => (i === 0 ? -Infinity : x)), 5);
    expect(step.tokenId).toBe(1);
    expect(step.prob).toBeCloseTo(0.25, 12);
    expect(step.entropy).toBeCloseTo(Math.log(4), 12);
  });

  it('gets the same numbers whether the maximum comes first or last (the running maximum rescales)', () => {
    const values = [0.3, -1.2, 4.1, 2.2, 0, 3.9];
    const forward = measureStep(values, values.length);
    const backward = measureStep([...values].reverse(), values.length);
    const exps = values.map((x) => Math.exp(x));
    const total = exps.reduce((a, b) => a + b, 0);
    const entropy = -exps.reduce((h, e) => h + (e / total) * Math.log(e / total), 0);
    expect(forward.prob).toBeCloseTo(Math.exp(4.1) / total, 12);
    expect(backward.prob).toBeCloseTo(forward.prob, 12);
    expect(forward.entropy).toBeCloseTo(entropy, 12);
    expect(backward.entropy).toBeCloseTo(entropy, 12);
  });

  it('marks a step whose other tokens were all masked as forced, with probability 1 and entropy 0', () => {
    const step = measureStep([-Infinity, 5, -Infinity], 3);
    expect(step).toEqual({ tokenId: 1, prob: 1, entropy: 0, forced: true });
  });

  it('reads only the first row of a batch', () => {
    const recorder = new TokenConfidenceRecorder();
    recorder.process([], { data: new Float32Array([0, 9, 0, 9, 0, 0]), dims: [2, 3] });
    expect(recorder.steps[0]?.tokenId).toBe(1);
  });
});

const step = (tokenId: number, prob: number, forced = false): TokenStep => ({ tokenId, prob, entropy: 1 - prob, forced });

/** A tokenizer over a fixed vocabulary whose decode is `join` of the non-special pieces. */
function fakeTokenizer(vocab: string[], special: number[], join: (pieces: string[]) => string): DecodingTokenizer {
  return {
    all_special_ids: special,
    decode: (ids, { skip_special_tokens }) => join(ids.filter((id) => !(skip_special_tokens && special.includes(id))).map((id) => vocab[id] ?? '')),
  };
}

describe('summariseConfidence', () => {
  it('WordLevel (tokens joined by spaces): one word per token, the end token counted in the stats but not a word', () => {
    const tokenizer = fakeTokenizer(['<pad>', '<s>', '</s>', 'a', 'red', 'circle'], [0, 1, 2], (pieces) => pieces.join(' '));
    const confidence = summariseConfidence([step(3, 0.9), step(4, 0.6), step(5, 0.8), step(2, 0.7)], tokenizer);
    expect(confidence.words).toEqual([
      { word: 'a', prob: 0.9 },
      { word: 'red', prob: 0.6 },
      { word: 'circle', prob: 0.8 },
    ]);
    expect(confidence.tokens).toBe(4);
    expect(confidence.minProb).toBe(0.6);
    expect(confidence.meanLogProb).toBeCloseTo((Math.log(0.9) + Math.log(0.6) + Math.log(0.8) + Math.log(0.7)) / 4, 12);
    expect(confidence.meanEntropy).toBeCloseTo((0.1 + 0.4 + 0.2 + 0.3) / 4, 12);
    expect(confidence.maxEntropy).toBeCloseTo(0.4, 12);
  });

  it('byte-level BPE (Ġ marks a space): sub-word tokens share a word, a forced <s> and special tokens mid-way are left out', () => {
    const vocab = ['<s>', '<pad>', '</s>', 'A', 'Ġbl', 'ue', 'Ġsquare', '.'];
    const tokenizer = fakeTokenizer(vocab, [0, 1, 2], (pieces) => pieces.join('').replaceAll('Ġ', ' '));
    const steps = [step(0, 1, true), step(3, 0.95), step(4, 0.5), step(1, 0.2), step(5, 0.9), step(6, 0.7), step(7, 0.99), step(2, 0.85)];
    const confidence = summariseConfidence(steps, tokenizer);
    expect(confidence.words).toEqual([
      { word: 'A', prob: 0.95 },
      { word: 'blue', prob: 0.5 },
      { word: 'square.', prob: 0.7 },
    ]);
    // Forced <s> and the <pad> in the middle are not counted; the final </s> is.
    expect(confidence.tokens).toBe(6);
    expect(confidence.minProb).toBe(0.5);
  });

  it('a character that needs two byte tokens belongs to both (the text is rewritten when the second arrives)', () => {
    const vocab = ['</s>', 'Ġcaf', '\u00c3', '\u00a9'];
    const join = (pieces: string[]): string =>
      pieces.join('').replaceAll('Ġ', ' ').replaceAll('\u00c3\u00a9', 'é').replaceAll('\u00c3', '\ufffd').replaceAll('\u00a9', '\ufffd');
    const confidence = summariseConfidence([step(1, 0.9), step(2, 0.4), step(3, 0.8), step(0, 0.9)], fakeTokenizer(vocab, [0], join));
    expect(confidence.words).toEqual([{ word: 'café', prob: 0.4 }]);
  });

  it('SentencePiece-like (▁ marks a word start, the first space dropped)', () => {
    const vocab = ['<end_of_utterance>', '▁Two', '▁tri', 'angles', '▁on', '▁white'];
    const join = (pieces: string[]): string => pieces.join('').replaceAll('▁', ' ').replace(/^ /, '');
    const confidence = summariseConfidence([1, 2, 3, 4, 5, 0].map((id, i) => step(id, [0.9, 0.3, 0.6, 0.8, 0.7, 0.95][i] ?? 1)), fakeTokenizer(vocab, [0], join));
    expect(confidence.words.map((w) => w.word)).toEqual(['Two', 'triangles', 'on', 'white']);
    expect(confidence.words.map((w) => w.prob)).toEqual([0.9, 0.3, 0.8, 0.7]);
    expect(confidence.tokens).toBe(6);
  });

  it('a caption cut at the token limit has no end token: every step is a word token', () => {
    const tokenizer = fakeTokenizer(['</s>', 'a', 'b'], [0], (pieces) => pieces.join(' '));
    const confidence = summariseConfidence([step(1, 0.5), step(2, 0.25)], tokenizer);
    expect(confidence.tokens).toBe(2);
    expect(confidence.minProb).toBe(0.25);
    expect(confidence.meanLogProb).toBeCloseTo(Math.log(0.5 * 0.25) / 2, 12);
  });
});
