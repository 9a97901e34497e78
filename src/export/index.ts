/**
 * Export and import of results as CSV and JSON: the folder's public surface. Everything here
 * is a pure function over strings and plain objects. Turning the text into a Blob and a
 * download, or a picked File into text, is the caller's job, so this folder runs (and is
 * tested) without a DOM.
 */
import { resultsToCsv, importAltTextCsv } from './results-csv';
import { resultsToJson, importResultsJson } from './results-json';
import { toExportRow, type AltTextImport, type ExportableRecord } from './rows';

export { toCsv, csvField, csvRecord, CSV_EOL, UTF8_BOM, type CsvDelimiter, type CsvWriteOptions } from './csv-writer';
export { parseCsv, detectDelimiter, CsvParseError, type CsvRecord, type CsvReadOptions, type ParsedCsv } from './csv-reader';
export {
  RESULTS_CSV_COLUMNS,
  guardCell,
  unguardCell,
  normalizeHeader,
  resultsToCsv,
  importAltTextCsv,
  type ResultsCsvOptions,
} from './results-csv';
export {
  RESULTS_JSON_FORMAT,
  RESULTS_JSON_VERSION,
  buildResultsJson,
  resultsToJson,
  importResultsJson,
  type ResultsJson,
} from './results-json';
export {
  matchImported,
  type AmbiguousImport,
  type DuplicateImport,
  type ImportMatch,
  type ImportMatching,
  type MatchKey,
  type MatchableItem,
} from './match-imported';
export {
  REASONS_SEPARATOR,
  REVIEW_BANDS,
  formatPriority,
  isAiGenerated,
  readAiGenerated,
  readBand,
  readPriority,
  readReasons,
  roundPriority,
} from './provenance';
export {
  ImportError,
  readExportedDetails,
  toExportRow,
  type AltTextImport,
  type ExportReview,
  type ExportRow,
  type ExportedDetails,
  type ExportableRecord,
  type ImportedAltText,
  type ImportedRow,
  type SkipReason,
  type SkippedRow,
} from './rows';

export type ExportFormat = 'csv' | 'json';

/** The charset parameter matters for CSV: some apps ignore the BOM and trust the MIME type. */
export const EXPORT_MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/**
 * Everything a download needs, in one call. The caller filters the records first (all, or the
 * ones on screen), so "export filtered results" needs no filter language here.
 */
export function exportResults(records: readonly ExportableRecord[], format: ExportFormat, exportedAt: Date): ExportFile {
  const rows = records.map(toExportRow);
  return {
    fileName: exportFileName(format, exportedAt),
    mimeType: EXPORT_MIME_TYPES[format],
    text: format === 'csv' ? resultsToCsv(rows) : resultsToJson(rows, exportedAt),
  };
}

/** The local date, not UTC: an export made at 00:30 should carry the day the person sees. */
export function exportFileName(format: ExportFormat, date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `altscribe-results-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${format}`;
}

/**
 * Reads either format, decided by content rather than by the file's extension, which is often
 * missing or wrong after a round trip through mail or a CMS. No CSV header starts with "{" or
 * "[", so the first visible character is enough.
 */
export function importAltTexts(text: string): AltTextImport {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? importResultsJson(text) : importAltTextCsv(text);
}
