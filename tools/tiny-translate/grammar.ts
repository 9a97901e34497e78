/**
 * Rule-based French and German for the shapes world's captions
 * ("two blue squares on a yellow background"): the reference the tiny translation fixture is
 * trained on and scored against. Deterministic: one English caption has exactly one translation.
 */
import { COLOUR_NAMES, SHAPES } from '../shapes-world/shapes-world.js';
import type { ColourName, ShapeKind } from '../shapes-world/shapes-world.js';

export type TargetLanguage = 'fr' | 'de';
export const TARGET_LANGUAGES: readonly TargetLanguage[] = ['fr', 'de'];

/** The opus-mt-en-ROMANCE convention: the source starts with the target-language token. */
export function languageToken(language: TargetLanguage): string {
  return `>>${language}<<`;
}

export interface ParsedCaption {
  readonly count: 1 | 2 | 3;
  readonly colour: ColourName;
  readonly shape: ShapeKind;
  readonly background: ColourName;
}

const COUNT_WORDS = ['a', 'two', 'three'] as const;
const CAPTION = /^(a|two|three) (\w+) (circle|square|triangle)s? on a (\w+) background$/;

export function parseCaption(caption: string): ParsedCaption {
  const match = CAPTION.exec(caption);
  const colour = match?.[2] as ColourName | undefined;
  const background = match?.[4] as ColourName | undefined;
  if (!match || !colour || !background || !COLOUR_NAMES.includes(colour) || !COLOUR_NAMES.includes(background)) {
    throw new Error(`not a shapes-world caption: ${caption}`);
  }
  const count = (COUNT_WORDS.indexOf(match[1] as (typeof COUNT_WORDS)[number]) + 1) as 1 | 2 | 3;
  return { count, colour, shape: match[3] as ShapeKind, background };
}

// French: every shape noun is masculine, so only number agrees; the adjective follows the noun.
const FR_SHAPE: Readonly<Record<ShapeKind, readonly [string, string]>> = {
  circle: ['cercle', 'cercles'],
  square: ['carré', 'carrés'],
  triangle: ['triangle', 'triangles'],
};
const FR_COLOUR: Readonly<Record<ColourName, readonly [string, string]>> = {
  red: ['rouge', 'rouges'],
  green: ['vert', 'verts'],
  blue: ['bleu', 'bleus'],
  yellow: ['jaune', 'jaunes'],
  white: ['blanc', 'blancs'],
  black: ['noir', 'noirs'],
  purple: ['violet', 'violets'],
  pink: ['rose', 'roses'],
};
const FR_COUNT = ['un', 'deux', 'trois'] as const;

export function toFrench(caption: string): string {
  const { count, colour, shape, background } = parseCaption(caption);
  const plural = count > 1 ? 1 : 0;
  return `${FR_COUNT[count - 1]} ${FR_SHAPE[shape][plural]} ${FR_COLOUR[colour][plural]} sur un fond ${FR_COLOUR[background][0]}`;
}

// German: Kreis is masculine, Quadrat and Dreieck neuter; the adjective declines (mixed after
// "ein", strong in the article-less plural, mixed dative after "einem"); lila and rosa never decline.
type Gender = 'masculine' | 'neuter';
const DE_SHAPE: Readonly<Record<ShapeKind, { readonly gender: Gender; readonly forms: readonly [string, string] }>> = {
  circle: { gender: 'masculine', forms: ['Kreis', 'Kreise'] },
  square: { gender: 'neuter', forms: ['Quadrat', 'Quadrate'] },
  triangle: { gender: 'neuter', forms: ['Dreieck', 'Dreiecke'] },
};
const DE_COLOUR: Readonly<Record<ColourName, string>> = {
  red: 'rot',
  green: 'grün',
  blue: 'blau',
  yellow: 'gelb',
  white: 'weiß',
  black: 'schwarz',
  purple: 'lila',
  pink: 'rosa',
};
const INDECLINABLE: ReadonlySet<ColourName> = new Set(['purple', 'pink']);
const DE_COUNT = ['ein', 'zwei', 'drei'] as const;

function declined(colour: ColourName, ending: string): string {
  return INDECLINABLE.has(colour) ? DE_COLOUR[colour] : DE_COLOUR[colour] + ending;
}

export function toGerman(caption: string): string {
  const { count, colour, shape, background } = parseCaption(caption);
  const noun = DE_SHAPE[shape];
  const ending = count > 1 ? 'e' : noun.gender === 'masculine' ? 'er' : 'es';
  const nounForm = noun.forms[count > 1 ? 1 : 0];
  return `${DE_COUNT[count - 1]} ${declined(colour, ending)} ${nounForm} auf einem ${declined(background, 'en')} Hintergrund`;
}

export function translate(caption: string, language: TargetLanguage): string {
  return language === 'fr' ? toFrench(caption) : toGerman(caption);
}

/** Every caption the generator can produce (count x colour x shape x a different background). */
export function allCaptions(): string[] {
  const captions: string[] = [];
  for (const count of [1, 2, 3] as const) {
    for (const colour of COLOUR_NAMES) {
      for (const shape of SHAPES) {
        for (const background of COLOUR_NAMES) {
          if (background === colour) continue;
          const noun = count > 1 ? `${shape}s` : shape;
          captions.push(`${COUNT_WORDS[count - 1]} ${colour} ${noun} on a ${background} background`);
        }
      }
    }
  }
  return captions;
}
