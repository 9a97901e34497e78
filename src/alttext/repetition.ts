import { LEGITIMATE_DOUBLES } from './sentence-form';
import { isContentWord, joinReduplications, tokenize, type Token } from './words';

/**
 * Repetition detection (notes: alt-text-quality.md §4). Small captioners loop — "a man riding
 * a wave on top of a surfboard riding a wave on top of a surfboard", "a vase and a vase" — and
 * a loop is never what the photo shows, so any finding here is a hard flag and the caller
 * regenerates once with stronger settings. It is meant for the model's raw output as well as the
 * finished text: the cleaner collapses "three three three" to "three", so only the raw output
 * still shows that loop. One doubled word ("a a dog", "a dog dog") is a stutter, not a finding:
 * the cleaner removes it (see sentence-form.ts).
 */

export type RepetitionKind = 'identical-conjuncts' | 'back-to-back' | 'word-run' | 'repeated-phrase';

export interface RepetitionFinding {
  kind: RepetitionKind;
  /** The repeated words, lower-cased, for a reviewer-facing hint ("repeats: is lit up"). */
  phrase: string;
}

/** Both sides of "X and X" may be up to this many words ("a man in red and a man in red"). */
const MAX_CONJUNCT_WORDS = 4;
/** A repeated phrase this long with a content word is a loop; 2-grams ("of wine") are normal. */
const MIN_REPEATED_PHRASE_WORDS = 3;

const CONJUNCTIONS = new Set(['and', 'or', ',', '&']);

/** The same word this many times in a row is a loop, whatever the word ("a a a", "car car car"). */
const MIN_WORD_RUN = 3;
/**
 * This many separate doubled content words ("blue blue squares squares") is a loop: with
 * no_repeat_ngram_size 3 a stuck model cannot say a word four times, so it stutters instead.
 */
const MIN_DOUBLED_WORDS = 2;

/** Special-token markup that may reach the text ("<s>", "</s>", "<pad>", "<CAPTION>"): not words. */
const MARKUP = /<\/?[\p{L}_]+>/gu;

/**
 * One-word "X and X" that English uses to mean "a lot" or "continuing". "rows and rows of
 * books" is handled separately: a one-word X followed by "of" is that same intensifier.
 */
const INTENSIFYING_REDUPLICATIONS = new Set(['more', 'less', 'over', 'again', 'round', 'on', 'through', 'out', 'up', 'down', 'back', 'forth', 'miles']);

/** The first repetition found in the text, or null when it reads as a non-looping caption. */
export function findRepetition(text: string): RepetitionFinding | null {
  const tokens = joinReduplications(tokenize(text.replace(MARKUP, ' ')));
  return findIdenticalConjuncts(tokens) ?? findBackToBack(tokens) ?? findWordRun(tokens) ?? findRepeatedPhrase(tokens);
}

/**
 * "a vase and a vase", "dogs, dogs". Shared determiners or numbers alone are not a repeat:
 * "two dogs and two cats" and "a black and white photo" compare "two dogs"/"two cats" and
 * "black"/"white", which differ. Casing is ignored, so "New York, New York" is flagged too:
 * rare in captions, and a person can dismiss it.
 */
function findIdenticalConjuncts(tokens: readonly Token[]): RepetitionFinding | null {
  for (let c = 1; c < tokens.length - 1; c++) {
    if (!CONJUNCTIONS.has(tokens[c]?.text ?? '')) continue;
    for (let size = 1; size <= MAX_CONJUNCT_WORDS && c - size >= 0 && c + size < tokens.length; size++) {
      const left = tokens.slice(c - size, c);
      const right = tokens.slice(c + 1, c + 1 + size);
      if (!left.every((t) => t.isWord) || !right.every((t) => t.isWord)) break;
      if (!sameWords(left, right) || !left.some((t) => isContentWord(t.text))) continue;
      if (size === 1 && isIntensifier(left[0]?.text ?? '', tokens[c + 2])) continue;
      return { kind: 'identical-conjuncts', phrase: words(left) };
    }
  }
  return null;
}

function isIntensifier(word: string, following: Token | undefined): boolean {
  return INTENSIFYING_REDUPLICATIONS.has(word) || following?.text === 'of';
}

/**
 * The same two or more words twice in a row with no punctuation between: "of the of the",
 * "on top of on top of". No content word is required — a function-word stutter is still a
 * decoding loop. Punctuation ends the run; a phrase repeated across a comma is judged by the
 * identical-conjunct rule instead.
 */
function findBackToBack(tokens: readonly Token[]): RepetitionFinding | null {
  for (const segment of splitAtBreaks(tokens)) {
    for (let size = 2; size * 2 <= segment.length; size++) {
      for (let i = 0; i + size * 2 <= segment.length; i++) {
        const first = segment.slice(i, i + size);
        if (sameWords(first, segment.slice(i + size, i + size * 2))) return { kind: 'back-to-back', phrase: words(first) };
      }
    }
  }
  return null;
}

/**
 * One word three or more times in a row, or several doubled content words: the loops of a model
 * whose n-gram ban stops longer ones. Function-word stutters ("a a dog on the the grass") and
 * real doublings ("that that", "Walla Walla") do not count towards the doubled words.
 */
function findWordRun(tokens: readonly Token[]): RepetitionFinding | null {
  const doubled: string[] = [];
  for (const segment of splitAtBreaks(tokens)) {
    for (let i = 0; i < segment.length; ) {
      const word = segment[i]?.text ?? '';
      let end = i + 1;
      while (segment[end]?.text === word) end++;
      if (end - i >= MIN_WORD_RUN) return { kind: 'word-run', phrase: Array<string>(end - i).fill(word).join(' ') };
      if (end - i === 2 && isContentWord(word) && !LEGITIMATE_DOUBLES.has(word)) doubled.push(`${word} ${word}`);
      i = end;
    }
  }
  return doubled.length >= MIN_DOUBLED_WORDS ? { kind: 'word-run', phrase: doubled.join(', ') } : null;
}

/**
 * A phrase of three or more words, at least one of them a content word, that occurs twice
 * without overlapping, anywhere in the text (punctuation ignored, so a repeated sentence
 * counts). Reports the longest shared run so the reviewer sees the whole loop.
 */
function findRepeatedPhrase(tokens: readonly Token[]): RepetitionFinding | null {
  const seq = tokens.filter((t) => t.isWord).map((t) => t.text);
  const firstSeen = new Map<string, number>();
  for (let j = 0; j + MIN_REPEATED_PHRASE_WORDS <= seq.length; j++) {
    const gram = seq.slice(j, j + MIN_REPEATED_PHRASE_WORDS);
    const key = gram.join(' ');
    const i = firstSeen.get(key);
    if (i === undefined) {
      firstSeen.set(key, j);
      continue;
    }
    if (j - i < MIN_REPEATED_PHRASE_WORDS || !gram.some(isContentWord)) continue;
    let length = MIN_REPEATED_PHRASE_WORDS;
    while (i + length < j && seq[i + length] === seq[j + length]) length++;
    return { kind: 'repeated-phrase', phrase: seq.slice(i, i + length).join(' ') };
  }
  return null;
}

function splitAtBreaks(tokens: readonly Token[]): Token[][] {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.isWord) segments[segments.length - 1]?.push(token);
    else segments.push([]);
  }
  return segments.filter((s) => s.length > 0);
}

function sameWords(a: readonly Token[], b: readonly Token[]): boolean {
  return a.length === b.length && a.every((t, k) => t.text === b[k]?.text);
}

function words(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}
