import { describe, expect, it } from 'vitest';
import { collapseDoubledWords, ensureFinalPeriod, normaliseSpacing, sentenceCase, unshout } from './sentence-form';

describe('normaliseSpacing', () => {
  it.each([
    ['  a dog\n on a\tbeach  ', 'a dog on a beach'],
    ['a dog , a cat .', 'a dog, a cat.'],
    [' \n\t ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseSpacing(input)).toBe(expected);
  });
});

describe('collapseDoubledWords', () => {
  it.each([
    ['a a dog', 'a dog'],
    ['the the cat on the mat', 'the cat on the mat'],
    ['The the cat', 'The cat'],
    ['a a a dog', 'a dog'],
    ['a man holding holding an umbrella', 'a man holding an umbrella'],
    ['a café café terrace', 'a café terrace'],
  ])('%j → %j', (input, expected) => {
    expect(collapseDoubledWords(input)).toBe(expected);
  });

  it.each([
    'a dog, dog',
    'the theatre',
    'a man and a manatee',
    'the photo that that man took',
    'a beach on Bora Bora',
    'New York, New York',
  ])('leaves %j alone (punctuation between, different words, or a real doubling)', (input) => {
    expect(collapseDoubledWords(input)).toBe(input);
  });
});

describe('unshout', () => {
  it('lower-cases a caption written entirely in capitals', () => {
    expect(unshout('A DOG ON A BEACH')).toBe('a dog on a beach');
  });

  it('accepts the cost: an acronym inside an all-caps caption is lower-cased too', () => {
    expect(unshout('A NASA ROCKET ON THE PAD')).toBe('a nasa rocket on the pad');
  });

  it.each(['A NASA rocket on the pad', 'NASA TV', 'IMG_2043.JPG', 'a dog on a beach'])('leaves %j alone', (input) => {
    expect(unshout(input)).toBe(input);
  });
});

describe('sentenceCase', () => {
  it.each([
    ['a dog on a beach', 'A dog on a beach'],
    ['new york city skyline at night', 'New york city skyline at night'],
    ['a taxi in New York at night', 'A taxi in New York at night'],
    ['a NASA rocket and a TV', 'A NASA rocket and a TV'],
    ['iPhone on a wooden table', 'iPhone on a wooden table'],
    ['"stop" sign at a crossing', '"Stop" sign at a crossing'],
    ['2 dogs in the snow', '2 dogs in the snow'],
    ['a dog on a beach. the sun is setting', 'A dog on a beach. The sun is setting'],
    ['a sign, e.g. a stop sign', 'A sign, e.g. a stop sign'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(sentenceCase(input)).toBe(expected);
  });
});

describe('ensureFinalPeriod', () => {
  it.each([
    ['A dog on a beach', 'A dog on a beach.'],
    ['A dog on a beach.', 'A dog on a beach.'],
    ['A dog on a beach...', 'A dog on a beach.'],
    ['A dog on a beach…', 'A dog on a beach.'],
    ['A dog on a beach,', 'A dog on a beach.'],
    ['A dog on a beach -', 'A dog on a beach.'],
    ['Is this a dog?', 'Is this a dog?'],
    ['Is this a dog?.', 'Is this a dog?'],
    ['Happy birthday!', 'Happy birthday!'],
    ['A sign that reads "stop."', 'A sign that reads "stop."'],
    ['A sign that reads "stop"', 'A sign that reads "stop".'],
    ['A flag of the U.S.', 'A flag of the U.S.'],
    ['', ''],
    ['...', ''],
  ])('%j → %j', (input, expected) => {
    expect(ensureFinalPeriod(input)).toBe(expected);
  });
});
