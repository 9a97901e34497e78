/**
 * Word-level helpers shared by the checks. Captions come from many models and from people
 * editing them, so everything here is Unicode-aware (accented words, curly apostrophes) and
 * never assumes ASCII.
 */

/** A word: letters/digits, optionally joined by an apostrophe or hyphen ("dog's", "close-up"). */
const WORD_SOURCE = String.raw`[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*`;

/** Punctuation that separates phrases; repetition across it is judged differently. */
const BREAK_SOURCE = String.raw`[,;:.!?()\[\]"“”]|&`;

const TOKEN_PATTERN = new RegExp(`${WORD_SOURCE}|${BREAK_SOURCE}`, 'gu');
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

export interface Token {
  /** Lower-cased text of the token. */
  text: string;
  isWord: boolean;
}

/** Lower-cased words and phrase breaks, in order; other symbols are dropped. */
export function tokenize(text: string): Token[] {
  return Array.from(text.toLowerCase().matchAll(TOKEN_PATTERN), (m) => ({ text: m[0], isWord: HAS_WORD_CHAR.test(m[0]) }));
}

/** Number of words as a reader would count them (a lone "&" or "-" is not a word). */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((part) => HAS_WORD_CHAR.test(part)).length;
}

/** Length in characters a person would count: an emoji or accented letter is one, not two. */
export function countCharacters(text: string): number {
  return Array.from(text).length;
}

/**
 * Words that carry no picture content on their own. A phrase made only of these ("on top of",
 * "in front of the") repeats in perfectly good captions, so it must not count as repetition.
 * Spatial nouns that mostly appear inside complex prepositions (top, front, side, middle,
 * back, next) are listed here on purpose.
 */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'each', 'every', 'another', 'other', 'such',
  'and', 'or', 'but', 'nor', 'so', 'as', 'while', 'than', 'then', 'if',
  'of', 'in', 'on', 'at', 'to', 'for', 'with', 'without', 'by', 'from', 'into', 'onto', 'upon', 'over', 'under',
  'near', 'next', 'top', 'front', 'back', 'side', 'middle', 'behind', 'beside', 'between', 'above', 'below',
  'up', 'down', 'out', 'off', 'around', 'through', 'across', 'along', 'against', 'inside', 'outside', 'about',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did',
  'it', 'its', 'it’s', "it's", 'there', 'here', 'their', 'them', 'they', 'he', 'she', 'his', 'her', 'him',
  'we', 'you', 'i', 'me', 'my', 'our', 'your', 'who', 'which', 'what', 'where', 'one', 'very', 'also', 'just',
]);

export function isContentWord(word: string): boolean {
  return !FUNCTION_WORDS.has(word);
}

/**
 * Fixed reduplications ("side by side", "hand in hand", "day after day") are one idea, not a
 * loop. Joining them into a single token keeps the repetition checks from seeing a repeat.
 */
const REDUPLICATING_LINKS = new Set(['in', 'to', 'by', 'after', 'upon']);

export function joinReduplications(tokens: readonly Token[]): Token[] {
  const joined: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    const link = tokens[i + 1];
    const second = tokens[i + 2];
    if (first && link && second && first.isWord && REDUPLICATING_LINKS.has(link.text) && second.text === first.text) {
      joined.push({ text: `${first.text} ${link.text} ${second.text}`, isWord: true });
      i += 2;
    } else if (first) {
      joined.push(first);
    }
  }
  return joined;
}
