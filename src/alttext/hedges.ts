/**
 * Hedges (rule R7 in alt-text-quality.md). A screen-reader user cannot look to check a guess,
 * so "what appears to be a cat" is either right (drop the hedge) or wrong (fix the noun); a
 * person should decide which. It is a soft flag: the text is kept as written.
 *
 * The list follows IC3's hedge filter ("possibly", "likely", …) plus the phrasings VLMs use
 * when unsure. Similes are deliberately left out: "a cloud that looks like a heart" describes
 * the picture, while "it looks like a party" guesses at it — so only "it/what looks like".
 */
const HEDGE_PHRASES = [
  String.raw`appears? to(?: be)?`,
  String.raw`seems? to(?: be)?`,
  String.raw`seems? like`,
  String.raw`seemingly`,
  String.raw`apparently`,
  String.raw`possibly`,
  String.raw`probably`,
  String.raw`presumably`,
  String.raw`perhaps`,
  String.raw`maybe`,
  String.raw`(?:most |very )?likely`,
  String.raw`might be`,
  String.raw`may be`,
  String.raw`could be`,
  String.raw`what looks like`,
  String.raw`it looks like`,
  String.raw`some (?:kind|sort) of`,
  String.raw`or something`,
  String.raw`(?:i think|i believe|i guess)`,
  String.raw`not (?:entirely |quite )?sure`,
  String.raw`(?:hard|difficult|impossible) to (?:tell|say|see)`,
  String.raw`unclear`,
];

const HEDGE_PATTERN = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${HEDGE_PHRASES.join('|').replaceAll(' ', String.raw`\s+`)})(?![\p{L}\p{N}])`, 'giu');

/** The hedging phrases in the text, lower-cased, in order, each once — for highlighting. */
export function findHedges(text: string): string[] {
  const found = Array.from(text.matchAll(HEDGE_PATTERN), (m) => m[0].toLowerCase().replace(/\s+/gu, ' '));
  return [...new Set(found)];
}

export function hasHedge(text: string): boolean {
  return findHedges(text).length > 0;
}
