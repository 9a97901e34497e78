import { describe, expect, it } from 'vitest';
import { finishAltText } from './finish-alt-text';
import { shouldRegenerate } from './flags';
import { findRepetition } from './repetition';

/**
 * Degenerate outputs in each model family's own style (src/models/families.ts): the loop is in
 * what the model said, and the finishing rules would tidy it into a plausible sentence, so the
 * raw output must carry the 'repetition' flag and ask for the one regeneration.
 */
const DEGENERATE: ReadonlyArray<[family: string, raw: string]> = [
  // issue 15: the output that came out as "Three green three." with no flag.
  ['issue 15', 'three three three three green green three three three'],
  // Florence-2 <CAPTION>, after post_process_generation: short words stuck in a loop.
  ['florence2', 'A car car car parked on the street.'],
  ['florence2', 'three three green green three three'],
  ['florence2', 'A red circle on on the on the white background.'],
  // SmolVLM / Idefics3 chat answers: the lead-in is stripped and the stutter collapsed.
  ['smolvlm', 'The image shows a a a a a a a a'],
  ['smolvlm', 'The image shows a cat cat cat cat sitting on a couch.'],
  ['smolvlm', 'The image depicts a bowl of fruit fruit and and fruit fruit.'],
  // ViT-GPT2 / DistilViT / BLIP-style lowercase captions.
  ['vit-gpt2', 'a man riding a skateboard down a a a'],
  ['distilvit', 'a dog dog dog running in the grass'],
  ['vit-gpt2', 'a kitchen with a stove and a stove'],
  // image-text-to-text (FastVLM and other decoder-only VLMs).
  ['fastvlm', 'A bowl of fruit fruit fruit on a wooden table.'],
  ['fastvlm', 'Two blue blue squares squares on a yellow background.'],
  // The shapes fixture's raw outputs from the review bench runs (reports/review-*.json).
  ['shapes fixture', 'three three pink pink squares three yellow three red three squares pink'],
  ['shapes fixture', 'three three three red triangles triangles on a yellow three red three'],
];

/** Ordinary outputs, stutters included, that must come through without the flag. */
const ORDINARY: ReadonlyArray<[family: string, raw: string]> = [
  ['florence2', 'A red car parked on the side of a street.'],
  ['florence2', 'two blue circles and two red squares'],
  ['smolvlm', 'The image shows a cat sitting on a couch next to another cat.'],
  ['smolvlm', 'The image shows a train station in Walla Walla at night.'],
  ['vit-gpt2', 'a a dog running on the the grass'],
  ['vit-gpt2', 'a man holding a tennis racquet on a tennis court'],
  ['distilvit', 'a dog dog running in the grass'],
  ['fastvlm', 'A horse next to another horse in a green field.'],
  ['fastvlm', 'The photo that that man took of a long long road.'],
  ['shapes fixture', 'two blue squares on a yellow background'],
];

describe('repetition is judged on the raw output', () => {
  it.each(DEGENERATE)('%s: %j is flagged and regenerated', (_family, raw) => {
    const { flags } = finishAltText(raw);
    expect(flags).toContain('repetition');
    expect(shouldRegenerate(flags)).toBe(true);
  });

  it.each(ORDINARY)('%s: %j is not flagged', (_family, raw) => {
    expect(finishAltText(raw).flags).not.toContain('repetition');
    expect(findRepetition(raw)).toBeNull();
  });

  it('the issue 15 output: tidied text shown, loop flagged', () => {
    expect(finishAltText('three three three three green green three three three')).toEqual({ text: 'Three green three.', flags: ['repetition'] });
  });
});
