/**
 * The compare view's export: the exact shape the founding seed script wrote, one object per
 * image with every model's alt-text keyed by model id, so files made in the browser and by the
 * script can be read by the same tools. Pure functions; the download itself is the caller's.
 */
import { ImportError } from './rows';

/** The key is spelt with a hyphen in the seed script's output, so it is not a TS-friendly name. */
export const ALT_TEXTS_KEY = 'alt-texts';

export interface CompareJsonItem {
  image: string;
  'alt-texts': Record<string, string>;
}

/** One image of a compare run: its name and the captions that finished, by model id. */
export interface CompareRow {
  image: string;
  altTexts: ReadonlyMap<string, string>;
}

/** Model order is kept as given: it is the order of the table's columns. */
export function buildCompareJson(rows: readonly CompareRow[]): CompareJsonItem[] {
  return rows.map((row) => ({ image: row.image, 'alt-texts': Object.fromEntries(row.altTexts) }));
}

/** Indented like the results export: people open these files to compare by eye. */
export function compareToJson(rows: readonly CompareRow[]): string {
  return `${JSON.stringify(buildCompareJson(rows), null, 2)}\n`;
}

/** The local date, as the results export does: the day the person sees on their clock. */
export function compareJsonFileName(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `altscribe-compare-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

export const COMPARE_JSON_MIME_TYPE = 'application/json';

/**
 * Reads a compare export (ours or the seed script's) back, checking every field's type, so a
 * file edited by hand fails with a message that says where instead of half-loading.
 */
export function parseCompareJson(text: string): CompareJsonItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    throw new ImportError(`The file is not valid JSON${err instanceof Error ? ` (${err.message})` : ''}.`);
  }
  if (!Array.isArray(doc)) throw new ImportError('A compare export is a JSON list with one object per image.');
  return doc.map((value: unknown, index) => {
    const where = `Item ${index + 1}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ImportError(`${where} is not an object.`);
    const { image, [ALT_TEXTS_KEY]: altTexts } = value as Record<string, unknown>;
    if (typeof image !== 'string' || image === '') throw new ImportError(`${where} has no "image" name.`);
    if (typeof altTexts !== 'object' || altTexts === null || Array.isArray(altTexts)) throw new ImportError(`${where} (${image}) has no "${ALT_TEXTS_KEY}" object.`);
    for (const [model, caption] of Object.entries(altTexts)) {
      if (typeof caption !== 'string') throw new ImportError(`${where} (${image}): the alt-text of ${model} is not text.`);
    }
    return { image, 'alt-texts': { ...(altTexts as Record<string, string>) } };
  });
}
