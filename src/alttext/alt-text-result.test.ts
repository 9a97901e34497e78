import { describe, expect, it } from 'vitest';
import { finishPass, keepBetterPass, spokenCaption } from './alt-text-result';

describe('finishPass', () => {
  it('keeps what the model said next to the finished text and its flags', () => {
    expect(finishPass('this image shows a red circle on a white background')).toEqual({
      text: 'A red circle on a white background.',
      modelText: 'this image shows a red circle on a white background',
      flags: [],
    });
  });
});

describe('keepBetterPass', () => {
  const loop = finishPass('one of them is lit up and the other is lit up');

  it('keeps a retry with fewer warnings', () => {
    const retry = finishPass('two lamps, one of them lit');
    expect(keepBetterPass(loop, retry)).toEqual({ kept: retry, regenerated: true });
  });

  it('keeps a retry that still loops: on a tie the stronger settings win', () => {
    const retry = finishPass('a vase and a vase');
    expect(keepBetterPass(loop, retry)).toEqual({ kept: retry, regenerated: true });
  });

  it('keeps the first pass when the retry adds a note to the same warning', () => {
    const retry = finishPass('possibly a vase and a vase');
    expect(retry.flags).toEqual(['repetition', 'hedge']);
    expect(keepBetterPass(loop, retry)).toEqual({ kept: loop, regenerated: false });
  });

  it('prefers a note to a warning, whichever pass has it', () => {
    const short = finishPass('a lamp');
    const hedged = finishPass('possibly a lamp that is lit, on a long oak sideboard');
    expect(short.flags).toEqual(['too-short']);
    expect(hedged.flags).toEqual(['hedge']);
    expect(keepBetterPass(short, hedged)).toEqual({ kept: hedged, regenerated: true });
    expect(keepBetterPass(hedged, short)).toEqual({ kept: hedged, regenerated: false });
  });
});

describe('spokenCaption', () => {
  it('adds the flags as a short sentence of their own', () => {
    expect(spokenCaption('A vase and a vase.', ['repetition'])).toBe('A vase and a vase. Flagged: repeated phrase.');
    expect(spokenCaption('IMG_2041.JPG.', ['looks-like-filename', 'too-short'])).toBe('IMG_2041.JPG. Flagged: looks like a file name, very short.');
  });

  it('says nothing extra when there are no flags', () => {
    expect(spokenCaption('A red circle on a white background.', [])).toBe('A red circle on a white background.');
  });
});
