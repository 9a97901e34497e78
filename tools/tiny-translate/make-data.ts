/**
 * Writes the training data for the tiny translation fixture: every shapes-world caption with its
 * French and German reference, split into the captions training sees and a withheld tenth whose
 * exact strings never reach training (so the held-out score also measures composition, not recall).
 *
 * Usage: npx rolldown tools/tiny-translate/make-data.ts --platform node --format esm --file $TMPDIR/make-data.mjs
 *        node $TMPDIR/make-data.mjs OUT.json
 */
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { mulberry32 } from '../shapes-world/shapes-world.js';
import { allCaptions, TARGET_LANGUAGES, languageToken, translate } from './grammar.js';
import { isWithheld } from './split.js';

interface Pair {
  readonly source: string;
  readonly target: string;
}

function pairs(captions: readonly string[]): Pair[] {
  return captions.flatMap((caption) =>
    TARGET_LANGUAGES.map((language) => ({ source: `${languageToken(language)} ${caption}`, target: translate(caption, language) })),
  );
}

const out = process.argv[2] ?? 'tiny-translate-data.json';
const captions = allCaptions();
const train = captions.filter((c) => !isWithheld(c));
const withheld = captions.filter((c) => isWithheld(c));
// A fixed shuffle only so a reader of the JSON sees mixed examples; training reshuffles anyway.
const rng = mulberry32(16);
const shuffled = pairs(train).sort(() => rng() - 0.5);
writeFileSync(out, JSON.stringify({ train: shuffled, withheld: pairs(withheld) }, null, 1));
console.log(`${out}: ${shuffled.length} training pairs, ${withheld.length * TARGET_LANGUAGES.length} withheld pairs`);
