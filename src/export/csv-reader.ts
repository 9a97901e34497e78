/**
 * A generic, forgiving CSV reader for files people bring from spreadsheets and other tools.
 * Strict where a mistake would silently corrupt data (an unterminated quote is an error),
 * lenient where the intent is clear (stray quotes, any line-ending style, blank lines).
 */
import type { CsvDelimiter } from './csv-writer';
import { ImportError } from './rows';

export interface CsvRecord {
  /** 1-based physical line where the record starts, as a text editor numbers it. */
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
}

export interface CsvReadOptions {
  /** Skips detection, for callers that know the file's dialect. */
  delimiter?: CsvDelimiter;
}

/** An error that one line of the file is to blame for. */
export class CsvParseError extends ImportError {
  override readonly line: number;

  constructor(message: string, line: number) {
    super(message, line);
    this.name = 'CsvParseError';
    this.line = line;
  }
}

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Guesses the delimiter from the header line only: data rows hold free text full of commas and
 * semicolons, but a header is a short list of column names, so the most frequent candidate
 * outside quotes there is the separator. Ties and a one-column header fall back to the
 * earlier candidate, comma first, as RFC 4180 is the common case.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\r' || ch === '\n')) break;
    else if (!inQuotes && counts.has(ch as CsvDelimiter)) {
      const d = ch as CsvDelimiter;
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ',';
  for (const d of CANDIDATES) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Parses a whole file into records of raw (untrimmed) fields.
 *
 * - A leading BOM is dropped; CRLF, LF and lone CR (old Mac exports) all end a record.
 * - Inside quotes everything is data, line breaks included, with `""` for a quote.
 * - A quote inside a quoted field that is not followed by a delimiter, a line break or the end
 *   is kept as a literal quote: `"He said "hi" twice"` reads as the writer meant instead of
 *   failing. Valid RFC 4180 never contains that sequence, so conforming files read the same.
 * - A quote in the middle of an unquoted field is data, as in most spreadsheets.
 * - Empty lines are skipped wherever they are (trailing ones are common); a line holding only
 *   delimiters is kept, because it is a record of empty fields the caller may want to report.
 * - An opening quote that is never closed throws a CsvParseError naming the line it opened on:
 *   reading on would swallow the rest of the file into one field.
 */
export function parseCsv(text: string, options: CsvReadOptions = {}): ParsedCsv {
  const src = stripBom(text);
  const delimiter = options.delimiter ?? detectDelimiter(src);
  const records: CsvRecord[] = [];
  const n = src.length;

  let fields: string[] = [];
  let field = '';
  // Distinguishes `""` (a record with one empty field) from an empty line.
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endField = (): void => {
    fields.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = (): void => {
    const blank = fields.length === 0 && field === '' && !fieldWasQuoted;
    endField();
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < n) {
    const ch = src[i];
    if (ch === '"' && field === '' && !fieldWasQuoted) {
      fieldWasQuoted = true;
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= n) {
          throw new CsvParseError(
            `Line ${openedOn}: a quoted field starts here but its closing quote (") is missing, so the rest of the file cannot be read.`,
            openedOn,
          );
        }
        const c = src[i] as string;
        if (c === '"') {
          const next = src[i + 1];
          if (next === '"') {
            field += '"';
            i += 2;
            continue;
          }
          if (next === undefined || next === delimiter || next === '\r' || next === '\n') {
            i++;
            break;
          }
          field += '"';
          i++;
          continue;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (fields.length > 0 || field !== '' || fieldWasQuoted) endRecord();
  return { delimiter, records };
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
