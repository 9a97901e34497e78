import { describe, expect, it } from 'vitest';
import { findHedges, hasHedge } from './hedges';

describe('findHedges', () => {
  it.each([
    // alt-text-quality.md rule R7 lists these four.
    ['a bird that appears to be a heron', ['appears to be']],
    ['possibly a beach in the evening', ['possibly']],
    ['a dog, likely a labrador, on a sofa', ['likely']],
    ['what looks like a church tower', ['what looks like']],
    // IC3's summary prompt ends in exactly this hedge (alt-text-quality.md §5).
    ["I'm not sure, but the image is likely of a market", ['not sure', 'likely']],
    ['a cat that seems to be asleep', ['seems to be']],
    ['a man who might be a chef', ['might be']],
    ['probably a wedding, maybe outdoors', ['probably', 'maybe']],
    ['a building, most likely a school', ['most likely']],
    ['some kind of bird on a branch', ['some kind of']],
    ['It looks like a party in a garden', ['it looks like']],
    ['APPEARS  TO  BE a fox', ['appears to be']],
  ])('%j → %j', (text, expected) => {
    expect(findHedges(text)).toEqual(expected);
  });

  it.each([
    'a cloud that looks like a heart',
    'a likeable dog on a lawn',
    'a sign saying Maybelline',
    'a possibility board in a classroom',
    'two blue squares on a yellow background',
    '',
  ])('no hedge in %j', (text) => {
    expect(hasHedge(text)).toBe(false);
  });
});
