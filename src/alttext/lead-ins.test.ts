import { describe, expect, it } from 'vitest';
import { stripLeadIns } from './lead-ins';

describe('stripLeadIns', () => {
  // WebAIM: "Image of …" is one of the most common alt-text errors (alt-text-quality.md §1).
  it.each([
    ['an image of a dog on a beach', 'a dog on a beach'],
    ['An Image Of a dog on a beach', 'a dog on a beach'],
    ['a picture of two cats on a bed', 'two cats on a bed'],
    ['a photo of a red bicycle', 'a red bicycle'],
    ['photograph of a lighthouse at dusk', 'a lighthouse at dusk'],
    ['a graphic of a bar chart', 'a bar chart'],
    ['this image shows a woman reading', 'a woman reading'],
    ['The image shows: a red car parked on the street', 'a red car parked on the street'],
    ['the picture depicts a crowded market', 'a crowded market'],
    ['an image showing a child with a kite', 'a child with a kite'],
    ['an image that shows a child with a kite', 'a child with a kite'],
    ['the photo is of a mountain lake', 'a mountain lake'],
    ['This is a photo of a birthday cake', 'a birthday cake'],
    ['there is a dog sitting on a couch', 'a dog sitting on a couch'],
    ['There are two cats sleeping on a bed', 'two cats sleeping on a bed'],
    ["There's a cat on the sofa", 'a cat on the sofa'],
    ['In this image we can see a person holding an umbrella', 'a person holding an umbrella'],
    ['In this image, a man rides a bike', 'a man rides a bike'],
    ['in the picture there is a dog', 'a dog'],
    ['Alt text: a dog on a beach', 'a dog on a beach'],
    ['This is the Eiffel Tower at night', 'the Eiffel Tower at night'],
  ])('%j → %j', (input, expected) => {
    expect(stripLeadIns(input)).toBe(expected);
  });

  it('keeps the framing of a close-up', () => {
    expect(stripLeadIns('a close-up photo of a cat')).toBe('close-up of a cat');
  });

  it('strips chained lead-ins', () => {
    expect(stripLeadIns('In this picture there is an image of a dog')).toBe('a dog');
  });

  // Naming the medium can matter (WAI tips); GitHub's linter leaves these alone too.
  it.each([
    'an illustration of a fox in a forest',
    'a screenshot of a spreadsheet',
    'a painting of a woman with a pearl earring',
    'a black and white photo of a dog',
  ])('keeps %j (medium word, or not at the start)', (input) => {
    expect(stripLeadIns(input)).toBe(input);
  });

  it.each([
    'The picture frame hangs on a wall',
    "there isn't much light in the room",
    'in this imagery a dog',
    'Imagery of the moon',
  ])('does not strip look-alikes: %j', (input) => {
    expect(stripLeadIns(input)).toBe(input);
  });

  it.each(['a photo of', 'An image of', 'there is', 'The image shows:'])('keeps %j when stripping would leave nothing', (input) => {
    expect(stripLeadIns(input)).toBe(input);
  });

  it('returns empty text unchanged', () => {
    expect(stripLeadIns('')).toBe('');
  });
});
