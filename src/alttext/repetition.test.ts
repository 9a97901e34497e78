import { describe, expect, it } from 'vitest';
import { findRepetition } from './repetition';

describe('findRepetition: loops that must be flagged', () => {
  it.each([
    // The project's issue: a captioner looping a whole clause.
    ['a man riding a wave on top of a surfboard riding a wave on top of a surfboard', 'back-to-back', 'riding a wave on top of a surfboard'],
    // The founding blog post's failure (alt-text-quality.md §4): repeated trigram "is lit up".
    ['one of them is lit up and the other is lit up', 'repeated-phrase', 'is lit up'],
    // alt-text-quality.md §4: identical conjuncts.
    ['a vase and a vase', 'identical-conjuncts', 'a vase'],
    ['A vase and a vase on a table.', 'identical-conjuncts', 'a vase'],
    ['two dogs and two dogs on a couch', 'identical-conjuncts', 'two dogs'],
    ['a vase or a vase', 'identical-conjuncts', 'a vase'],
    ['dogs, dogs on the grass', 'identical-conjuncts', 'dogs'],
    ['a plate of food on top of a table on top of a table', 'back-to-back', 'on top of a table'],
    ['a group of people of the of the', 'back-to-back', 'of the'],
    ['A dog on a beach. A dog on a beach.', 'repeated-phrase', 'a dog on a beach'],
    // Notes' rule: any repeated 3-gram with a content word is hard, even if it might be true.
    ['a man in a red shirt and a woman in a red shirt', 'repeated-phrase', 'in a red shirt'],
    // Accepted cost: casing is ignored, so a place name said twice looks like a loop.
    ['New York, New York at night', 'identical-conjuncts', 'new york'],
    // Loops of a model whose n-gram ban stops longer ones, as the raw output shows them (issue 15).
    ['three three three green', 'word-run', 'three three three'],
    ['a man riding a skateboard down a a a', 'word-run', 'a a a'],
    ['three three green green three', 'word-run', 'three three, green green'],
    ['two blue blue squares squares', 'word-run', 'blue blue, squares squares'],
    ['three three three three green green three three three', 'back-to-back', 'three three'],
    // Special-token markup is not words: it neither hides nor makes a loop.
    ['</s><s>a car car car</s>', 'word-run', 'car car car'],
    // "a red and a red square": the same two words either side of "and" is a loop, not a colour pair.
    ['a red and a red square', 'identical-conjuncts', 'a red'],
  ])('%j → %s %j', (text, kind, phrase) => {
    expect(findRepetition(text)).toEqual({ kind, phrase });
  });
});

describe('findRepetition: ordinary captions that must not be flagged', () => {
  it.each([
    'a black and white photo of a dog',
    'two dogs and two cats on a couch',
    'a cat and a dog sleeping on a rug',
    'bread and butter on a plate',
    // alt-text-quality.md §4: a repeated 2-gram is legitimate.
    'a bottle of wine and two glasses of wine on a table',
    // alt-text-quality.md §4: content-word echo is at most soft, never a repetition flag.
    'a horse next to another horse',
    // Reduplicating idioms are one idea (alt-text-quality.md §4 normalisation).
    'two men sitting side by side on a bench next to two women side by side',
    'more and more people arriving at the station',
    'rows and rows of books on shelves',
    'a dog in front of a house and a cat in front of a car',
    // The fixture captioner's real output shape (tools/shapes-world captionOf).
    'two blue squares on a yellow background',
    'two blue circles and two red squares',
    'a red and a blue square',
    // One doubled word is a stutter the cleaner fixes; function-word stutters never add up.
    'a dog dog running in the grass',
    'a a dog running on the the grass',
    'a train in Walla Walla near Bora Bora',
    '</s><s>a car parked on the street</s>',
    '',
  ])('%j', (text) => {
    expect(findRepetition(text)).toBeNull();
  });
});
