/**
 * Redundant lead-ins (rules R1/R2 in alt-text-quality.md). Screen readers already announce
 * "image", so "An image of a dog" is heard as "image, an image of a dog"; WebAIM lists it among
 * the most common alt-text errors. The word list follows eslint-plugin-jsx-a11y (image, photo,
 * picture) and @double-great/alt-text (graphic/image/photo/photograph/picture of).
 *
 * Deliberately NOT stripped: "illustration of", "screenshot of", "painting of", "drawing of".
 * WAI's tips say naming the medium can matter and GitHub's linter leaves these alone; in a
 * photo library "photo" carries no news, but "a screenshot of a spreadsheet" does.
 */

const MEDIUM = String.raw`(?:image|picture|photo|photograph|pic|graphic)`;
const DETERMINER = String.raw`(?:a|an|the|this)`;
/**
 * A lead-in must end at a word boundary ("there is" must not eat "there isn't"), then any
 * separators a model puts after it: "The image shows: a dog", "In this photo, a dog".
 */
const TRAILING = String.raw`(?![\p{L}\p{N}'’])[\s,:;\-–—]*`;

interface LeadIn {
  pattern: RegExp;
  /** What the lead-in becomes; only "close-up" is worth keeping. */
  replacement: string;
}

const leadIn = (source: string, replacement = ''): LeadIn => ({ pattern: new RegExp(`^${source}${TRAILING}`, 'iu'), replacement });

/** Order matters: longer, more specific forms first so "this is an image of" is not left as "an image of". */
const LEAD_INS: readonly LeadIn[] = [
  // Labels a chat model prefixes: "Alt text: …", "Caption: …".
  leadIn(String.raw`(?:alt(?:ernative)?[\s-]?text|caption|description)\s*:`),
  // "A close-up photo of a cat" keeps the framing: "Close-up of a cat".
  leadIn(String.raw`(?:${DETERMINER}\s+)?close[\s-]?up\s+(?:${MEDIUM}|shot)\s+(?:of|showing)`, 'close-up of '),
  // "In this image we can see …", "In the picture, there is …", "In this photo, …".
  leadIn(String.raw`in\s+${DETERMINER}\s+${MEDIUM}\s*,?\s*(?:(?:we|you|i)\s+(?:can\s+)?see|there\s+(?:is|are)|there['’]s)?`),
  leadIn(String.raw`(?:we|you|i)\s+can\s+see`),
  // "This is a photo of …", "It is an image showing …".
  leadIn(String.raw`(?:this|it)\s+is\s+(?:a|an)\s+${MEDIUM}\s+(?:of|showing|depicting)`),
  // "The image shows …", "This picture depicts …", "An image showing …", "The photo is of …".
  leadIn(String.raw`${DETERMINER}\s+${MEDIUM}\s+(?:shows|depicts|features|contains|captures|showing|depicting|featuring|containing|capturing|is\s+of|(?:that|which)\s+shows)`),
  // "An image of …", "A photograph of …", "Picture of …".
  leadIn(String.raw`(?:(?:a|an|the)\s+)?${MEDIUM}\s+of`),
  // "There is a dog …", "There are two cats …", "There's a …".
  leadIn(String.raw`(?:there\s+(?:is|are)|there['’]s)`),
  // "This is the Eiffel Tower" → "The Eiffel Tower".
  leadIn(String.raw`this\s+is(?=\s+(?:a|an|the)\s)`),
];

/** Enough for chains like "In this picture there is an image of …"; real captions need ≤ 2. */
const MAX_PASSES = 4;

/**
 * Removes lead-ins from the start of the text, repeatedly, case-insensitively. When stripping
 * would leave nothing ("A photo of"), the text is returned unchanged: an empty alt means
 * "decorative" to a screen reader, which is a choice only a person should make.
 */
export function stripLeadIns(text: string): string {
  let current = text.trimStart();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = stripOne(current);
    if (next === current) break;
    if (!/[\p{L}\p{N}]/u.test(next)) return current;
    current = next;
  }
  return current;
}

function stripOne(text: string): string {
  for (const { pattern, replacement } of LEAD_INS) {
    if (pattern.test(text)) return text.replace(pattern, replacement);
  }
  return text;
}
