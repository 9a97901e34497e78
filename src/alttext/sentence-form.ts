/**
 * Surface fixes that never change meaning (rules R6 and R8 in alt-text-quality.md): spacing,
 * doubled words, sentence case and one final period. Screen readers pause at a period and
 * some announce a missing capital oddly, so a caption should read as a sentence.
 */

const WORD = String.raw`\p{L}[\p{L}\p{N}'’\-]*`;
const NOT_WORD_BEFORE = String.raw`(?<![\p{L}\p{N}'’\-])`;
const NOT_WORD_AFTER = String.raw`(?![\p{L}\p{N}'’\-])`;

/** "a a dog", "The the cat", "a a a dog": same word again after plain spaces (not a comma). */
const DOUBLED_WORD = new RegExp(`${NOT_WORD_BEFORE}(${WORD})(?:[ \\t]+\\1${NOT_WORD_AFTER})+`, 'giu');

/**
 * Real English doublings a caption may contain ("the photo that that man took", "bye bye",
 * "Bora Bora", "Walla Walla"). Rare in model output, but a wrong fix here would change meaning.
 */
export const LEGITIMATE_DOUBLES: ReadonlySet<string> = new Set(['had', 'that', 'bye', 'bora', 'walla', 'knock', 'no']);

/** One space between words; none before punctuation; no leading/trailing space or line breaks. */
export function normaliseSpacing(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/ ([,.;:!?])/gu, '$1')
    .trim();
}

/** Keeps the first spelling: "The the cat" → "The cat". Only words split by spaces collapse. */
export function collapseDoubledWords(text: string): string {
  return text.replace(DOUBLED_WORD, (match: string, word: string) => (LEGITIMATE_DOUBLES.has(word.toLowerCase()) ? match : word));
}

/** Below this many words an all-caps text is more likely an acronym or a sign ("NASA TV"). */
const MIN_WORDS_FOR_SHOUTING = 3;

/**
 * A model that answers in ALL CAPS ("A DOG ON A BEACH") is shouting, not naming acronyms, so
 * the whole text is lower-cased before sentence case. The cost: a real acronym inside such a
 * text is lower-cased too ("A NASA ROCKET ON THE PAD" → "A nasa rocket on the pad"). Any text
 * with at least one lower-case letter is left alone, so "A NASA rocket" keeps "NASA".
 */
export function unshout(text: string): string {
  const letterWords = text.split(' ').filter((w) => /\p{L}/u.test(w));
  const shouting = letterWords.length >= MIN_WORDS_FOR_SHOUTING && !/\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  return shouting ? text.toLowerCase() : text;
}

/**
 * Capitalises the first letter of each sentence and changes nothing else: models write
 * "new york" and we cannot know which words are names, so we neither guess nor lower-case.
 * A first word with a capital inside it ("iPhone", "eBay") is a brand and stays as written.
 */
export function sentenceCase(text: string): string {
  return text.replace(/(^|[.!?]\s+)([^\p{L}\p{N}\s]*)(\p{Ll})([\p{L}\p{N}'’\-]*)/gu, (match, start: string, prefix: string, first: string, rest: string, offset: number) => {
    if (/\p{Lu}/u.test(rest)) return match;
    if (offset > 0 && !endsASentence(text.slice(0, offset + 1))) return match;
    return `${start}${prefix}${first.toUpperCase()}${rest}`;
  });
}

/**
 * "e.g. a dog" or "approx. two metres" do not end a sentence: the word before the period must
 * be at least two letters with no inner period.
 */
function endsASentence(before: string): boolean {
  const lastWord = before.trimEnd().split(' ').pop() ?? '';
  if (/[!?]$/u.test(lastWord)) return true;
  const stem = lastWord.replace(/\.$/u, '');
  return stem.length >= 2 && !stem.includes('.') && !ABBREVIATIONS.has(stem.toLowerCase());
}

const ABBREVIATIONS = new Set(['approx', 'etc', 'vs', 'st', 'mr', 'mrs', 'ms', 'dr', 'no']);

const CLOSERS = `"'”’)]`;

/**
 * Exactly one final period. A question or exclamation keeps its mark; a trailing ellipsis,
 * comma or dash (a caption cut off by the token limit) becomes a period; a closing quote
 * that already follows a period ("a sign reading “Stop.”") is left as it is.
 */
export function ensureFinalPeriod(text: string): string {
  const trimmed = text.replace(/[\s,;:\-–—]+$/u, '');
  if (trimmed === '') return '';
  const withoutDots = trimmed.replace(/(?:\.|…)+$/u, '');
  if (withoutDots === '') return '';
  const last = withoutDots.at(-1) ?? '';
  if (last === '?' || last === '!') return withoutDots;
  if (CLOSERS.includes(last) && /[.!?]/u.test(withoutDots.at(-2) ?? '')) return withoutDots;
  return `${withoutDots}.`;
}
