/**
 * The results JSON: a self-describing envelope around the export rows, and the reader that
 * brings its alt-texts back. Unlike the CSV this format is ours alone, so the reader is strict
 * about the envelope and checks each item's types instead of trusting them.
 */
import { ImportError, isBlank, readExportedDetails, type AltTextImport, type ExportRow, type ImportedRow, type SkippedRow } from './rows';

export const RESULTS_JSON_FORMAT = 'altscribe-results';
export const RESULTS_JSON_VERSION = 1;

/**
 * `format` lets the importer tell our file from any other JSON a person picks; `version` lets a
 * later Altscribe change the item shape and still read (or clearly refuse) older files.
 */
export interface ResultsJson {
  format: typeof RESULTS_JSON_FORMAT;
  version: typeof RESULTS_JSON_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  items: ResultsJsonItem[];
}

/**
 * An export row as the file spells it: the provenance fields under the same names as the CSV
 * columns (ai_generated, model, review_priority, review_band, review_reasons), so a script reads
 * both formats with one set of names; the older fields keep their names.
 */
export type ResultsJsonItem = Omit<ExportRow, 'aiGenerated' | 'reviewPriority' | 'reviewBand' | 'reviewReasons'> & {
  ai_generated: boolean;
  review_priority?: number;
  review_band?: ExportRow['reviewBand'];
  review_reasons?: string[];
};

function toJsonItem(row: ExportRow): ResultsJsonItem {
  const { aiGenerated, model, reviewPriority, reviewBand, reviewReasons, ...rest } = row;
  return {
    ...rest,
    ai_generated: aiGenerated,
    ...(model !== undefined ? { model } : {}),
    ...(reviewPriority !== undefined ? { review_priority: reviewPriority } : {}),
    ...(reviewBand !== undefined ? { review_band: reviewBand } : {}),
    ...(reviewReasons !== undefined ? { review_reasons: reviewReasons } : {}),
  };
}

/** `exportedAt` is a parameter, not `new Date()`, so the output is a pure function of the input. */
export function buildResultsJson(rows: readonly ExportRow[], exportedAt: Date): ResultsJson {
  return {
    format: RESULTS_JSON_FORMAT,
    version: RESULTS_JSON_VERSION,
    exportedAt: exportedAt.toISOString(),
    items: rows.map(toJsonItem),
  };
}

/**
 * Indented, because people open these files to look, and one image per block diffs well; the
 * size cost is small next to any image. Absent optional fields are omitted rather than null.
 */
export function resultsToJson(rows: readonly ExportRow[], exportedAt: Date): string {
  return `${JSON.stringify(buildResultsJson(rows, exportedAt), null, 2)}\n`;
}

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, kept exactly: this file was written by us, not typed into a sheet. */
function stringField(item: JsonObject, key: string): string | undefined {
  const value = item[key];
  return typeof value === 'string' && !isBlank(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    // Some editors save a BOM, which JSON.parse rejects.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    const detail = err instanceof Error ? ` (${err.message})` : '';
    throw new ImportError(`The file is not valid JSON${detail}.`);
  }
}

/**
 * Reads an Altscribe results export back into imported rows: the alt-text, the keys that
 * identify an image, and the review state, run details and provenance (AI-generated or not,
 * review priority, band and reasons) when they hold values we write (see readExportedDetails).
 * Flags and dates are not read: the app recomputes flags from the text, and the items it
 * creates get their own dates.
 */
export function importResultsJson(text: string): AltTextImport {
  const doc = parseJson(text);
  if (!isObject(doc) || doc.format !== RESULTS_JSON_FORMAT) {
    throw new ImportError(`This JSON file is not an Altscribe results export (expected "format": "${RESULTS_JSON_FORMAT}").`);
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ImportError('This Altscribe export has no valid "version" number, so it cannot be read safely.');
  }
  if (version > RESULTS_JSON_VERSION) {
    throw new ImportError(
      `This export was made by a newer Altscribe (format version ${version}); this one reads version ${RESULTS_JSON_VERSION}. Update the app and try again.`,
    );
  }
  if (!Array.isArray(doc.items)) throw new ImportError('This Altscribe export has no "items" list.');

  const rows: ImportedRow[] = [];
  const skipped: SkippedRow[] = [];
  doc.items.forEach((value: unknown, index) => {
    const item = index + 1;
    if (!isObject(value)) {
      skipped.push({ item, reason: 'not-an-object', message: `Item ${item}: skipped, it is not an object.` });
      return;
    }
    const fileName = stringField(value, 'fileName');
    const relativePath = stringField(value, 'relativePath');
    const hash = stringField(value, 'hash')?.toLowerCase();
    if (fileName === undefined && relativePath === undefined && hash === undefined) {
      skipped.push({ item, reason: 'no-key', message: `Item ${item}: skipped, it has no file name, path or hash to match an image by.` });
      return;
    }
    const altText = stringField(value, 'altText');
    if (altText === undefined) {
      const name = fileName ?? relativePath ?? hash;
      skipped.push({ item, reason: 'no-alt-text', message: `Item ${item} (${name}): skipped, its alt-text is empty.` });
      return;
    }
    const { review, status, dtype, device } = value;
    // The CSV's names, as written since format version 1 gained provenance; camelCase read too.
    const aiGenerated = value.ai_generated ?? value.aiGenerated;
    const reviewPriority = value.review_priority ?? value.reviewPriority;
    const reviewBand = value.review_band ?? value.reviewBand;
    const reviewReasons = value.review_reasons ?? value.reviewReasons;
    // modelId and model hold the same value in our exports; either alone is enough.
    const modelId = value.modelId ?? value.model;
    const context = value.context;
    const details = readExportedDetails({ review, status, modelId, dtype, device, aiGenerated, reviewPriority, reviewBand, reviewReasons, context });
    const row: ImportedRow = { altText, item, ...details };
    if (fileName !== undefined) row.fileName = fileName;
    if (relativePath !== undefined) row.relativePath = relativePath;
    if (hash !== undefined) row.hash = hash;
    rows.push(row);
  });
  return { format: 'json', rows, skipped };
}
