/**
 * A generic RFC 4180 CSV writer. It knows nothing about results: column choice and the
 * spreadsheet formula guard live in results-csv.ts, so this stays reusable and byte-exact.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvWriteOptions {
  /**
   * Comma by default (RFC 4180). Semicolon exists for spreadsheets in locales whose list
   * separator is ';' (e.g. German Excel), which otherwise open a comma file as one column.
   */
  delimiter?: CsvDelimiter;
  /**
   * A UTF-8 byte order mark first, on by default: without it Excel decodes the file in the
   * system's legacy code page and mangles every non-ASCII character (accents, emoji, RTL text).
   */
  bom?: boolean;
}

export const UTF8_BOM = '\uFEFF';

/** RFC 4180 line break. Excel and LibreOffice accept LF too, but CRLF is what every reader accepts. */
export const CSV_EOL = '\r\n';

/**
 * Quotes a field only when it must be quoted: it contains the delimiter, a double quote, CR or
 * LF. Quoting everything would also be valid, but minimal quoting keeps the file diff-friendly
 * and matches what spreadsheets themselves write.
 */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes('\r') || value.includes('\n');
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record without its line break. */
export function csvRecord(fields: readonly string[], delimiter: CsvDelimiter = ','): string {
  // A lone empty field would be an empty line, which readers (ours included) skip as blank;
  // quoting it keeps the record.
  if (fields.length === 1 && fields[0] === '') return '""';
  return fields.map((field) => csvField(field, delimiter)).join(delimiter);
}

/**
 * A whole file. Every record, the last included, ends in CRLF: RFC 4180 allows either, and a
 * final line break means appending records later (or `cat`-ing two exports) stays valid.
 *
 * Line breaks inside a field are written as they are (not converted to CRLF), because they are
 * data: converting them would change the alt-text on a round trip.
 */
export function toCsv(records: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const bom = options.bom ?? true;
  let out = bom ? UTF8_BOM : '';
  for (const fields of records) out += csvRecord(fields, delimiter) + CSV_EOL;
  return out;
}
