import { describe, expect, it } from 'vitest';
import { cleanAltText, finishAltText } from './finish-alt-text';
import { ALT_TEXT_FLAGS, FLAG_DESCRIPTIONS, flagAltText, shouldRegenerate, worstSeverity } from './flags';

describe('finishAltText: model output → text and flags', () => {
  it.each([
    // Examples quoted in alt-text-quality.md / the project's issue.
    ['a man riding a wave on top of a surfboard riding a wave on top of a surfboard', 'A man riding a wave on top of a surfboard riding a wave on top of a surfboard.', ['repetition']],
    ['one of them is lit up and the other is lit up', 'One of them is lit up and the other is lit up.', ['repetition']],
    ['a vase and a vase', 'A vase and a vase.', ['repetition']],
    ['what appears to be a cat sitting on a windowsill', 'What appears to be a cat sitting on a windowsill.', ['hedge']],
    // The fixture captioner's output shape must come through clean and unflagged.
    ['two blue squares on a yellow background', 'Two blue squares on a yellow background.', []],
    // A cloud model's caption from the seed's round-2 comparison (dri.es, peers note S29).
    ['A bustling intersection at night filled with pedestrians crossing in all directions.', 'A bustling intersection at night filled with pedestrians crossing in all directions.', []],
    ['an image of of a dog on a beach', 'A dog on a beach.', []],
    ['a a dog running on the the grass', 'A dog running on the grass.', []],
    ['A PHOTO OF A DOG ON A BEACH', 'A dog on a beach.', []],
    ['  The image shows: a red car parked on the street...  ', 'A red car parked on the street.', []],
    ['there are two cats sleeping on a bed', 'Two cats sleeping on a bed.', []],
    ['a close-up photo of a cat', 'Close-up of a cat.', []],
    ['a black and white photo of a dog', 'A black and white photo of a dog.', []],
    ['two dogs and two cats on a couch', 'Two dogs and two cats on a couch.', []],
    ['a taxi in New York at night', 'A taxi in New York at night.', []],
    ['new york city skyline at night', 'New york city skyline at night.', []],
    ['A dog on a beach.', 'A dog on a beach.', []],
    ['Is this a dog on a beach?', 'Is this a dog on a beach?', []],
    ['this image shows a dog', 'A dog.', ['too-short']],
    ['a photo of', 'A photo of.', []],
    ['IMG_2043.JPG', 'IMG_2043.JPG.', ['looks-like-filename', 'too-short']],
    ['screenshot 2024-01-02 at 10.22.11', 'Screenshot 2024-01-02 at 10.22.11.', ['looks-like-filename']],
    ['photo.jpeg', 'Photo.jpeg.', ['looks-like-filename', 'too-short']],
    ['', '', ['too-short']],
    [' \n\t ', '', ['too-short']],
  ])('%j', (raw, text, flags) => {
    expect(finishAltText(raw)).toEqual({ text, flags });
  });

  it('is idempotent: finishing finished text changes nothing', () => {
    const once = cleanAltText('there is a a man in a red shirt and a woman in a red shirt');
    expect(once).toBe('A man in a red shirt and a woman in a red shirt.');
    expect(cleanAltText(once)).toBe(once);
  });
});

describe('length flags (characters of the finished text, final period included)', () => {
  const sentenceOf = (length: number): string => `${'a'.repeat(length - 8)} dog ok.`;

  it.each([
    [125, []],
    [126, ['long']],
    [150, ['long']],
    [151, ['too-long']],
  ])('%i characters → %j', (length, flags) => {
    const text = sentenceOf(length);
    expect(text).toHaveLength(length);
    expect(flagAltText(text)).toEqual(flags);
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    const text = `${'🙂'.repeat(110)} a dog on a mat.`;
    expect(text).toHaveLength(236);
    expect(flagAltText(text)).toEqual(['long']);
  });

  it.each([
    ['A dog.', ['too-short']],
    ['A red car.', []],
    ['Two & dogs.', ['too-short']],
  ])('word count: %j → %j', (text, flags) => {
    expect(flagAltText(text)).toEqual(flags);
  });
});

describe('flagAltText on a person’s edits', () => {
  it('flags in the card order, several at once', () => {
    const hedgedLoop = 'Possibly a vase and a vase on a table next to a window with a view of a garden full of roses, tulips, daffodils and many other flowers in bloom today.';
    expect(flagAltText(hedgedLoop)).toEqual(['repetition', 'hedge', 'long']);
  });

  it('does not call a doubled word repetition (the cleaner fixes those; a person may mean them)', () => {
    expect(flagAltText('The photo that that man took on holiday.')).toEqual([]);
  });
});

describe('flag metadata', () => {
  it('describes every flag, with hard problems as warnings and hints as info', () => {
    expect(Object.keys(FLAG_DESCRIPTIONS).sort()).toEqual([...ALT_TEXT_FLAGS].sort());
    const severities = Object.fromEntries(ALT_TEXT_FLAGS.map((f) => [f, FLAG_DESCRIPTIONS[f].severity]));
    expect(severities).toEqual({
      'looks-like-filename': 'warning',
      repetition: 'warning',
      'too-short': 'warning',
      'too-long': 'warning',
      hedge: 'info',
      long: 'info',
    });
  });

  it.each([
    [['repetition'], true, 'warning'],
    [['hedge', 'long'], false, 'info'],
    [[], false, null],
  ] as const)('%j → regenerate %s, severity %s', (flags, regenerate, severity) => {
    expect(shouldRegenerate(flags)).toBe(regenerate);
    expect(worstSeverity(flags)).toBe(severity);
  });
});
