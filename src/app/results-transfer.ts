/**
 * Export and import of results, between the UI's buttons and the pure formats in src/export.
 * Planning an import is pure (planImport); ResultsTransfer only reads the file, writes the
 * plan to storage and hands the download to an injected function, so all of it tests in Node.
 */
import { flagAltText } from '../alttext';
import { cleanContext } from '../alttext/photo-context';
import { ImportError, importAltTexts, matchImported, resultsToCsv, resultsToJson, toExportRow, EXPORT_MIME_TYPES, type ExportFile, type ExportFormat, type ImportedAltText, type ImportedRow } from '../export';
import { putResult, updateResult, type CaptionPatch, type CaptionRecord, type CaptionReview } from '../storage';
import { currentVersion, pushVersion } from './regenerate';

/** The CSV starts with a UTF-8 BOM (resultsToCsv writes it) so spreadsheets read accents and emoji right. */
export function exportFile(records: readonly CaptionRecord[], format: ExportFormat, now: Date): ExportFile {
  const rows = records.map(toExportRow);
  return {
    fileName: exportFileName(format, now),
    mimeType: EXPORT_MIME_TYPES[format],
    text: format === 'csv' ? resultsToCsv(rows) : resultsToJson(rows, now),
  };
}

/** The local date: an export made at 00:30 carries the day the person sees. */
export function exportFileName(format: ExportFormat, date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `altscribe-alt-text-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${format}`;
}

/** Why a row brought no text in, in a few words; the summary groups rows by it. */
export type ImportSkipReason = 'empty alt-text' | 'no file name, path or hash' | 'not an object' | 'matches several photos' | 'same photo as an earlier row' | 'photo is being described right now';

export interface ImportPlan {
  /** Existing items that get the imported text. */
  updates: { id: string; patch: CaptionPatch }[];
  /** Rows that matched no photo: kept as items without one, so no text the person made is lost. */
  created: CaptionRecord[];
  skipped: { reason: ImportSkipReason; message: string }[];
}

const PARSE_REASONS = { 'no-alt-text': 'empty alt-text', 'no-key': 'no file name, path or hash', 'not-an-object': 'not an object' } as const;

/**
 * Decides what an import does, without writing anything. Every imported text is finished
 * ('done'), so a batch never overwrites it; it keeps the review state an Altscribe export gave
 * it, or else is marked 'imported' (see restoredReview). The text it replaces goes into the
 * item's history. Throws ImportError when the file as a whole cannot be read.
 */
export function planImport(text: string, items: readonly CaptionRecord[], now: number, newId: () => string = () => crypto.randomUUID()): ImportPlan {
  const parsed = importAltTexts(text);
  const plan: ImportPlan = { updates: [], created: [], skipped: parsed.skipped.map((s) => ({ reason: PARSE_REASONS[s.reason], message: s.message })) };
  const matching = matchImported(parsed.rows, items);
  for (const { row, item } of matching.matched) {
    if (item.status === 'running') {
      plan.skipped.push({ reason: 'photo is being described right now', message: `${where(row)}: skipped, ${item.fileName} is being described right now. Import again when it is done.` });
      continue;
    }
    plan.updates.push({ id: item.id, patch: importedPatch(item, row, now) });
  }
  for (const { row, candidates } of matching.ambiguous) {
    plan.skipped.push({ reason: 'matches several photos', message: `${where(row)}: skipped, it matches ${candidates.length} photos named ${candidates[0]?.fileName}. Add a relative_path or hash column to say which.` });
  }
  for (const { row, item } of matching.duplicates) {
    plan.skipped.push({ reason: 'same photo as an earlier row', message: `${where(row)}: skipped, an earlier row already gave ${item.fileName} its text.` });
  }
  matching.unmatched.forEach((row, index) => plan.created.push(photolessItem(row, now + index, newId())));
  return plan;
}

/**
 * The review state an imported text gets. An Altscribe export's own state comes back, so that
 * export, clear, import loses none of the person's reviewing. Anything else is 'imported':
 * a sheet without a review column, a value we do not write (the reader dropped it), and a
 * model text that was cut off or failed when exported, which must not pass for a finished one.
 *
 * An ai_generated column settles what the review column leaves open: a file that says its text
 * is a model's own (another tool's export, or ours with the review column dropped) keeps it
 * marked as the model's unreviewed words, and one that says it is not gets 'imported'. There
 * is no separate stored flag: the review state is what makes a text AI-generated (isAiGenerated),
 * so the next export says the same. A person's edit or approval wins over the column.
 */
export function restoredReview(row: ImportedAltText): CaptionReview {
  if (row.review === 'edited' || row.review === 'approved') return row.review;
  const finished = row.status === undefined || row.status === 'done';
  const modelsOwn = row.aiGenerated ?? row.review === 'unreviewed';
  return modelsOwn && finished ? 'unreviewed' : 'imported';
}

type RestoredDetails = Pick<CaptionRecord, 'modelId' | 'device' | 'dtype' | 'reviewPriority' | 'reviewBand' | 'reviewReasons'>;

/**
 * The run details and review priority that describe the restored text. An 'imported' text has
 * neither, as before: no model wrote it here, so there is nothing to rank.
 */
function runDetails(row: ImportedAltText, review: CaptionReview): RestoredDetails {
  if (review === 'imported') return {};
  const details: RestoredDetails = {};
  if (row.modelId !== undefined) details.modelId = row.modelId;
  if (row.device !== undefined) details.device = row.device;
  if (row.dtype !== undefined) details.dtype = row.dtype;
  if (row.reviewPriority !== undefined) details.reviewPriority = row.reviewPriority;
  if (row.reviewBand !== undefined) details.reviewBand = row.reviewBand;
  if (row.reviewReasons !== undefined) details.reviewReasons = [...row.reviewReasons];
  return details;
}

function importedPatch(item: CaptionRecord, row: ImportedRow, now: number): CaptionPatch {
  const text = row.altText;
  const review = restoredReview(row);
  const kept = item.text === text ? undefined : currentVersion(item, now);
  // The item's run details, confidence, second opinion and priority described the old text, not
  // this one; the history keeps its model id. The photo's quality still holds, so it stays.
  const cleared: CaptionPatch = {
    error: undefined,
    modelText: undefined,
    regenerated: undefined,
    modelId: undefined,
    device: undefined,
    dtype: undefined,
    durationMs: undefined,
    confidence: undefined,
    secondOpinion: undefined,
    reviewPriority: undefined,
    reviewBand: undefined,
    reviewReasons: undefined,
  };
  return { ...cleared, ...runDetails(row, review), ...restoredContext(item, row), text, review, status: 'done', flags: flagAltText(text), ...(kept ? { history: pushVersion(item.history, kept) } : {}) };
}

/**
 * The file's context fills in a photo that has none (a round trip through an export keeps it);
 * a context the person typed here is theirs and wins. Cleaned like a typed one, since a file is
 * not trusted and the context joins a model's instruction.
 */
function restoredContext(item: Pick<CaptionRecord, 'context'> | undefined, row: ImportedAltText): Pick<CaptionRecord, 'context'> {
  if (item?.context || row.context === undefined) return {};
  const context = cleanContext(row.context);
  return context ? { context } : {};
}

/** `createdAt` steps by a millisecond per row so the list keeps the file's order after a reload. */
function photolessItem(row: ImportedRow, createdAt: number, id: string): CaptionRecord {
  const fromPath = row.relativePath?.replaceAll('\\', '/').split('/').at(-1);
  const review = restoredReview(row);
  const record: CaptionRecord = { id, fileName: row.fileName ?? fromPath ?? `Photo ${row.hash?.slice(0, 12)}`, mimeType: '', byteSize: 0, status: 'done', text: row.altText, review, ...runDetails(row, review), ...restoredContext(undefined, row), flags: flagAltText(row.altText), createdAt, updatedAt: createdAt };
  if (row.relativePath !== undefined) record.relativePath = row.relativePath;
  if (row.hash !== undefined) record.hash = row.hash;
  return record;
}

function where(row: ImportedRow): string {
  return row.line !== undefined ? `Line ${row.line}` : `Item ${row.item ?? '?'}`;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Imported 12 alt-texts: 10 matched photos, 2 without a photo yet; 1 row skipped: empty alt-text." */
export function importSummary(plan: Pick<ImportPlan, 'skipped'> & { matched: number; created: number }): string {
  const total = plan.matched + plan.created;
  const parts = [plan.matched > 0 ? count(plan.matched, 'matched photo', 'matched photos') : '', plan.created > 0 ? `${plan.created} without a photo yet` : ''].filter(Boolean);
  let text = total === 0 ? 'Imported no alt-texts' : `Imported ${count(total, 'alt-text', 'alt-texts')}: ${parts.join(', ')}`;
  if (plan.skipped.length > 0) {
    const byReason = new Map<string, number>();
    for (const { reason } of plan.skipped) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    const reasons = byReason.size === 1 ? [...byReason.keys()] : [...byReason].map(([reason, n]) => `${reason} (${n})`);
    text += `; ${count(plan.skipped.length, 'row', 'rows')} skipped: ${reasons.join(', ')}`;
  }
  return `${text}.`;
}

/** What the controller lends the transfer: the current items, and a way to show stored changes. */
export interface TransferHost {
  readonly cards: readonly { record: CaptionRecord }[];
  showRecords(records: readonly CaptionRecord[]): void;
}

export type Download = (blob: Blob, fileName: string) => void;

/** The last outcome, shown under the toolbar: a summary and, for imports, one line per skipped row. */
export interface TransferMessage {
  text: string;
  details: string[];
  failed: boolean;
}

export class ResultsTransfer {
  message: TransferMessage | null = null;

  constructor(
    private readonly host: TransferHost,
    private readonly download: Download = downloadBlob,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Downloads the given records (all, or the filtered ones) and returns what to announce. */
  export(records: readonly CaptionRecord[], format: ExportFormat): string {
    if (records.length === 0) return this.report({ text: 'Nothing to export: no photos are shown.', details: [], failed: true });
    const file = exportFile(records, format, this.now());
    this.download(new Blob([file.text], { type: file.mimeType }), file.fileName);
    return this.report({ text: `Exported ${count(records.length, 'result', 'results')} as ${file.fileName}.`, details: [], failed: false });
  }

  /** Reads, plans and saves an import; returns the summary to announce. Nothing throws. */
  async importFile(file: Blob & { name?: string }): Promise<string> {
    let plan: ImportPlan;
    try {
      plan = planImport(await file.text(), this.host.cards.map((c) => c.record), this.now().getTime());
    } catch (error) {
      const reason = error instanceof ImportError ? error.message : `The file could not be read (${error instanceof Error ? error.message : String(error)}).`;
      return this.report({ text: `Could not import ${file.name ?? 'the file'}: ${reason}`, details: [], failed: true });
    }
    const saved: CaptionRecord[] = [];
    try {
      for (const { id, patch } of plan.updates) {
        const record = await updateResult(id, patch);
        if (record) saved.push(record);
      }
      for (const record of plan.created) {
        await putResult(record);
        saved.push(record);
      }
    } catch (error) {
      this.host.showRecords(saved);
      const reason = error instanceof Error ? error.message : String(error);
      return this.report({ text: `The import stopped after ${count(saved.length, 'alt-text', 'alt-texts')}: ${reason}`, details: [], failed: true });
    }
    this.host.showRecords(saved);
    const matched = saved.length - plan.created.length;
    return this.report({ text: importSummary({ matched, created: plan.created.length, skipped: plan.skipped }), details: plan.skipped.map((s) => s.message), failed: false });
  }

  private report(message: TransferMessage): string {
    this.message = message;
    return message.text;
  }
}

/** The browser's download: a link to the Blob, clicked. The URL is freed later, since revoking at once can cancel it. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
