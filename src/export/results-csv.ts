/**
 * The results CSV: which columns we write, how a spreadsheet is kept from running a cell as a
 * formula, and how a CSV of alt-texts from anywhere (ours, a CMS export, a hand-made sheet) is
 * read back into imported rows.
 */
import { parseCsv, type CsvReadOptions } from './csv-reader';
import { toCsv, type CsvDelimiter } from './csv-writer';
import { formatPriority, REASONS_SEPARATOR } from './provenance';
import { ImportError, isBlank, readExportedDetails, type AltTextImport, type ExportRow, type ImportedRow, type SkippedRow } from './rows';

export const RESULTS_CSV_COLUMNS = [
  'file_name',
  'relative_path',
  'hash',
  'alt_text',
  'status',
  'review',
  'model_id',
  'dtype',
  'device',
  'created_at',
  'updated_at',
  'flags',
  'ai_generated',
  'model',
  'review_priority',
  'review_band',
  'review_reasons',
  'context',
  'language',
] as const;

/*
 * CSV/formula injection. A cell starting with = + - @ (or tab/CR, which some spreadsheets skip
 * before looking for those) is run as a formula when the file is opened, and alt-texts and file
 * names are text we did not write: a model can emit "=HYPERLINK(...)", a file can be named
 * "=cmd|' /C calc'!A0.jpg". The usual defence (OWASP) prefixes such cells with an apostrophe,
 * which spreadsheets treat as "this is text".
 *
 * The catch is the way back: on import an apostrophe we added looks like one the author typed.
 * We make the scheme reversible instead of lossy: a cell is prefixed when it starts with a
 * trigger character *or with an apostrophe itself*. Then "'" followed by a trigger or by "'"
 * can only come from the guard, and unguarding strips exactly one apostrophe; every other
 * leading apostrophe ("'tis the season") is left alone. Our own exports round-trip exactly.
 *
 * Trade-offs, accepted on purpose:
 * - The apostrophe is visible in some spreadsheets and to anyone reading the raw file; a
 *   visible quirk on a rare text beats running code on someone's machine.
 * - A third-party file whose text really begins with '= or '' loses that first apostrophe on
 *   import. Such texts are vanishingly rare in alt-text, and the same rule undoes the guard
 *   other tools apply, which is the likelier origin of such a cell.
 * - The guard applies to every cell we write, not just alt_text: one rule is easier to trust
 *   than a list of "safe" columns that a later column could silently join.
 */
const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r']);
const GUARD = "'";

export function guardCell(value: string): string {
  const first = value[0];
  return first !== undefined && (first === GUARD || FORMULA_TRIGGERS.has(first)) ? GUARD + value : value;
}

export function unguardCell(value: string): string {
  const second = value[1];
  const guarded = value[0] === GUARD && second !== undefined && (second === GUARD || FORMULA_TRIGGERS.has(second));
  return guarded ? value.slice(1) : value;
}

export interface ResultsCsvOptions {
  delimiter?: CsvDelimiter;
}

/**
 * The whole file, with a BOM and CRLF line breaks. Flags are joined with ';' — they are our own
 * identifiers and never contain one — and review reasons with " | ", as sentences may hold a
 * ';'; one cell each keeps the column count fixed.
 */
export function resultsToCsv(rows: readonly ExportRow[], options: ResultsCsvOptions = {}): string {
  const records: string[][] = [[...RESULTS_CSV_COLUMNS]];
  for (const row of rows) {
    const cells = [
      row.fileName,
      row.relativePath ?? '',
      row.hash ?? '',
      row.altText,
      row.status,
      row.review,
      row.modelId ?? '',
      row.dtype ?? '',
      row.device ?? '',
      row.createdAt,
      row.updatedAt,
      (row.flags ?? []).join(';'),
      String(row.aiGenerated),
      row.model ?? '',
      formatPriority(row.reviewPriority),
      row.reviewBand ?? '',
      (row.reviewReasons ?? []).join(REASONS_SEPARATOR),
      row.context ?? '',
      row.language ?? '',
    ];
    records.push(cells.map(guardCell));
  }
  return toCsv(records, { delimiter: options.delimiter ?? ',' });
}

type ImportField =
  | 'fileName'
  | 'relativePath'
  | 'hash'
  | 'altText'
  | 'review'
  | 'status'
  | 'modelId'
  | 'dtype'
  | 'device'
  | 'aiGenerated'
  | 'reviewPriority'
  | 'reviewBand'
  | 'reviewReasons'
  | 'context';

/** In priority order: when a sheet has both "file_name" and "name", the specific one wins. */
const HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  fileName: ['file_name', 'filename', 'file', 'name', 'image'],
  relativePath: ['relative_path', 'path'],
  hash: ['hash', 'sha256', 'sha_256'],
  altText: ['alt_text', 'alt', 'alttext', 'description', 'caption'],
  // Our own export's columns, read back so a round trip keeps the review state. Only the exact
  // names: a CMS's "state" column means something else. A "model" column (which we write too)
  // may well be a product model in a CMS; it is only used when the text is restored as a
  // model's (see restoredReview), and never when model_id is present.
  review: ['review'],
  status: ['status'],
  modelId: ['model_id', 'model'],
  dtype: ['dtype'],
  device: ['device'],
  aiGenerated: ['ai_generated'],
  reviewPriority: ['review_priority'],
  reviewBand: ['review_band'],
  reviewReasons: ['review_reasons'],
  context: ['context'],
};

/**
 * Case-insensitive, and spaces and hyphens count as underscores, so "Alt Text", "alt-text" and
 * "File Name" (as spreadsheets and CMSs title them) match without listing every spelling.
 */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function findColumns(header: readonly string[]): Partial<Record<ImportField, number>> {
  const normalized = header.map(normalizeHeader);
  const columns: Partial<Record<ImportField, number>> = {};
  for (const field of Object.keys(HEADER_ALIASES) as ImportField[]) {
    for (const alias of HEADER_ALIASES[field]) {
      const index = normalized.indexOf(alias);
      if (index !== -1) {
        columns[field] = index;
        break;
      }
    }
  }
  return columns;
}

/**
 * Reads a CSV of existing alt-texts. File-level problems (no header, no alt-text column, no
 * column identifying images, an unterminated quote) throw an ImportError; a row that cannot be
 * used is reported in `skipped` with its line so the rest still imports.
 *
 * Keys are trimmed (a stray space must not break a match) and hashes lowercased; the alt-text
 * itself is kept exactly, so an export read back gives the very same text.
 */
export function importAltTextCsv(text: string, options: CsvReadOptions = {}): AltTextImport {
  const { records } = parseCsv(text, options);
  const header = records[0];
  if (!header) throw new ImportError('The file is empty: expected a header row such as "file_name,alt_text".');

  const columns = findColumns(header.fields);
  const found = header.fields.map((f) => `"${f.trim()}"`).join(', ');
  if (columns.altText === undefined) {
    throw new ImportError(
      `Line ${header.line}: no alt-text column. Name one of: ${HEADER_ALIASES.altText.join(', ')} (found ${found}).`,
      header.line,
    );
  }
  if (columns.fileName === undefined && columns.relativePath === undefined && columns.hash === undefined) {
    throw new ImportError(
      `Line ${header.line}: no column says which image a text belongs to. Add a file_name, relative_path or hash column (found ${found}).`,
      header.line,
    );
  }

  const rows: ImportedRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const { line, fields } of records.slice(1)) {
    // Spreadsheets export formatted-but-empty rows as ",,,"; they are not the user's data.
    if (fields.every((f) => f.trim() === '')) continue;
    const cell = (index: number | undefined): string | undefined =>
      index === undefined ? undefined : unguardCell(fields[index] ?? '');
    const keyCell = (index: number | undefined): string | undefined => {
      const value = cell(index)?.trim();
      return value === '' ? undefined : value;
    };

    const details = readExportedDetails({
      review: cell(columns.review),
      status: cell(columns.status),
      modelId: cell(columns.modelId),
      dtype: cell(columns.dtype),
      device: cell(columns.device),
      aiGenerated: cell(columns.aiGenerated),
      reviewPriority: cell(columns.reviewPriority),
      reviewBand: cell(columns.reviewBand),
      reviewReasons: cell(columns.reviewReasons),
      context: cell(columns.context),
    });
    const row: ImportedRow = { altText: cell(columns.altText) ?? '', line, ...details };
    const fileName = keyCell(columns.fileName);
    const relativePath = keyCell(columns.relativePath);
    const hash = keyCell(columns.hash)?.toLowerCase();
    if (fileName !== undefined) row.fileName = fileName;
    if (relativePath !== undefined) row.relativePath = relativePath;
    if (hash !== undefined) row.hash = hash;

    if (fileName === undefined && relativePath === undefined && hash === undefined) {
      skipped.push({ line, reason: 'no-key', message: `Line ${line}: skipped, it has no file name, path or hash to match an image by.` });
    } else if (isBlank(row.altText)) {
      skipped.push({ line, reason: 'no-alt-text', message: `Line ${line}: skipped, its alt-text is empty.` });
    } else {
      rows.push(row);
    }
  }
  return { format: 'csv', rows, skipped };
}
