import { finishAltText } from '../alttext';
import type { CaptionClient } from '../client/caption-client';
import { compareJsonFileName, compareToJson, COMPARE_JSON_MIME_TYPE, type CompareRow } from '../export/compare-json';
import { parseCaptionError } from '../models/caption-error-code';
import { resolveCaptionOptions } from '../models/caption-options';
import { isFullyCached } from '../models/download-plan';
import type { DevicePreference, Dtype } from '../models/model-types';
import { findModel, MODELS, type ModelEntry } from '../models/registry';
import { listCachedModels, type CachedModelSummary } from '../storage';

export type CompareClient = Pick<CaptionClient, 'ensureModel' | 'caption' | 'planDownload' | 'dispose'>;

/** A model the compare view may run: served by this app, or already downloaded with consent. */
export interface CompareModelChoice {
  modelId: string;
  label: string;
  origin: 'app' | 'cached';
}

export type CompareCellStatus = 'waiting' | 'loading' | 'running' | 'done' | 'failed' | 'cancelled';

export interface CompareCell {
  status: CompareCellStatus;
  /** Streamed text while running; the finished alt-text when done. */
  text: string;
  durationMs?: number;
  error?: string;
  /** This caption was turned into a photo card. */
  adopted?: boolean;
}

/** One run's grid, fixed when the run starts: rows are images, columns are models. */
export interface CompareTable {
  models: CompareModelChoice[];
  images: File[];
  /** cells[image][model]. */
  cells: CompareCell[][];
}

export interface CompareDeps {
  client: CompareClient;
  /** The main list's device wish, so a cached model runs where it was downloaded for. */
  devicePreference: () => DevicePreference;
  /** Turns a chosen caption into a photo card (AltscribeController.adoptCaption). */
  adopt: (file: File, text: string, source: { modelId: string; durationMs: number }) => Promise<void>;
  listCached?: () => Promise<CachedModelSummary[]>;
  /** Finds models the person added (a folder or a folder URL) as well as the registry's. */
  lookupModel?: (id: string) => ModelEntry | undefined;
}

/**
 * Runs several models over the same images, one model loaded at a time, and keeps the grid of
 * captions and timings. It only offers models that need no download, because a comparison
 * must never start a multi-hundred-megabyte fetch the person did not agree to.
 */
export class CompareController extends EventTarget {
  choices: CompareModelChoice[] = [];
  selected: string[] = [];
  images: File[] = [];
  table: CompareTable | null = null;
  running = false;
  /** The latest thing worth announcing; the view puts it in a polite live region. */
  status = '';
  private abort: AbortController | null = null;

  constructor(private readonly deps: CompareDeps) {
    super();
  }

  async refreshModels(): Promise<void> {
    const fixtures = MODELS.filter((m) => m.fixture && m.source.kind === 'app').map((m) => choice(m, 'app'));
    let cached: CachedModelSummary[] = [];
    try {
      cached = await (this.deps.listCached ?? listCachedModels)();
    } catch {
      // Without storage only the app's own models can be compared; that is still useful.
    }
    const downloaded = cached
      .filter((c) => c.files > 0)
      .map((c) => (this.deps.lookupModel ?? findModel)(c.modelId))
      // Stored files of a model the person brought are as good as downloaded ones.
      .filter((m): m is ModelEntry => m !== undefined && m.source.kind !== 'app')
      .map((m) => choice(m, 'cached'));
    this.choices = [...downloaded, ...fixtures];
    this.selected = this.selected.filter((id) => this.choices.some((c) => c.modelId === id));
    this.changed();
  }

  setSelected(modelId: string, selected: boolean): void {
    if (!this.choices.some((c) => c.modelId === modelId)) return;
    const next = new Set(this.selected);
    if (selected) next.add(modelId);
    else next.delete(modelId);
    this.selected = this.choices.map((c) => c.modelId).filter((id) => next.has(id));
    this.changed();
  }

  setImages(files: readonly File[]): void {
    this.images = [...files];
    this.changed();
  }

  /** Model by model, image by image; a failure stays in its cell and the rest go on. */
  async run(): Promise<void> {
    if (this.running) return;
    const models = this.choices.filter((c) => this.selected.includes(c.modelId));
    if (models.length === 0 || this.images.length === 0) {
      this.say(models.length === 0 ? 'Choose at least one model to compare.' : 'Choose at least one photo to caption.');
      return;
    }
    const images = [...this.images];
    this.table = { models, images, cells: images.map(() => models.map(() => ({ status: 'waiting', text: '' }))) };
    this.running = true;
    const abort = (this.abort = new AbortController());
    this.say(`Comparing ${count(models.length, 'model')} on ${count(images.length, 'photo')}.`);
    try {
      for (const [m, model] of models.entries()) {
        if (abort.signal.aborted) break;
        await this.runModel(m, model, abort.signal);
      }
    } finally {
      this.deps.client.dispose(); // a compare run can leave a large model in memory; free it now
      for (const row of this.table.cells) for (const [m, cell] of row.entries()) if (!isSettled(cell.status)) row[m] = { status: 'cancelled', text: '' };
      this.running = false;
      this.abort = null;
      this.say(summary(this.table, abort.signal.aborted));
    }
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** The person picked this caption as the result for its image. */
  async useCaption(imageIndex: number, modelIndex: number): Promise<void> {
    const table = this.table;
    const cell = table?.cells[imageIndex]?.[modelIndex];
    const file = table?.images[imageIndex];
    const model = table?.models[modelIndex];
    if (!table || !cell || !file || !model || cell.status !== 'done') return;
    await this.deps.adopt(file, cell.text, { modelId: model.modelId, durationMs: cell.durationMs ?? 0 });
    this.setCell(imageIndex, modelIndex, { ...cell, adopted: true });
  }

  /** Only finished captions go in: the seed script's shape has no place for errors. */
  exportRows(): CompareRow[] {
    const table = this.table;
    if (!table) return [];
    return table.images.map((file, i) => ({
      image: file.name,
      altTexts: new Map(table.models.flatMap((model, m) => (table.cells[i]?.[m]?.status === 'done' ? [[model.modelId, table.cells[i]![m]!.text] as const] : []))),
    }));
  }

  exportFile(now: Date): { fileName: string; mimeType: string; text: string } {
    return { fileName: compareJsonFileName(now), mimeType: COMPARE_JSON_MIME_TYPE, text: compareToJson(this.exportRows()) };
  }

  private async runModel(m: number, model: CompareModelChoice, signal: AbortSignal): Promise<void> {
    const table = this.table!;
    const entry = findModel(model.modelId)!;
    table.images.forEach((_, i) => this.setCell(i, m, { status: 'loading', text: '' }));
    this.say(`Loading ${model.label} (model ${m + 1} of ${table.models.length}).`);
    let preference = this.deps.devicePreference();
    let dtype: Dtype | undefined;
    try {
      if (entry.source.kind === 'hub') {
        const { choice: runtime, plan } = await this.deps.client.planDownload(model.modelId, preference);
        if (!isFullyCached(plan)) {
          const error = `Not fully downloaded for ${runtime.device.toUpperCase()} (${runtime.dtype}): ${count(plan.filesToDownload, 'file')} missing. Download it from the model panel first.`;
          table.images.forEach((_, i) => this.setCell(i, m, { status: 'failed', text: '', error }));
          return;
        }
        // Load exactly what the plan found cached.
        // A WebNN choice is only ever automatic: 'auto' picks it again on the same machine.
        preference = runtime.device === 'webgpu' || runtime.device === 'wasm' ? runtime.device : 'auto';
        dtype = runtime.dtype;
      }
      await this.deps.client.ensureModel(model.modelId, preference, undefined, dtype);
    } catch (error) {
      const message = `The model could not be loaded: ${parseCaptionError(error).message}`;
      table.images.forEach((_, i) => this.setCell(i, m, { status: 'failed', text: '', error: message }));
      return;
    }
    table.images.forEach((_, i) => this.setCell(i, m, { status: 'waiting', text: '' }));
    const options = resolveCaptionOptions(entry.generation);
    for (const [i, file] of table.images.entries()) {
      if (signal.aborted) return;
      this.setCell(i, m, { status: 'running', text: '' });
      try {
        const outcome = await this.deps.client.caption(file, file.name, options, {
          signal,
          // Chunks come over their own message channel and can land after the result: never let one reopen a finished cell.
          onText: (chunk) => {
            const cell = this.table?.cells[i]?.[m];
            if (cell?.status === 'running') this.setCell(i, m, { status: 'running', text: cell.text + chunk });
          },
        });
        this.setCell(i, m, outcome.interrupted ? { status: 'cancelled', text: outcome.text, durationMs: outcome.durationMs } : { status: 'done', text: finishAltText(outcome.text).text, durationMs: outcome.durationMs });
      } catch (error) {
        this.setCell(i, m, { status: 'failed', text: '', error: parseCaptionError(error).message });
      }
    }
  }

  private setCell(imageIndex: number, modelIndex: number, cell: CompareCell): void {
    const table = this.table;
    const row = table?.cells[imageIndex];
    if (!table || !row) return;
    // A new row array per change, so the view can tell what changed by identity.
    table.cells = table.cells.map((r, i) => (i === imageIndex ? r.map((c, m) => (m === modelIndex ? cell : c)) : r));
    this.changed();
  }

  private say(message: string): void {
    this.status = message;
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function choice(entry: ModelEntry, origin: CompareModelChoice['origin']): CompareModelChoice {
  return { modelId: entry.id, label: entry.label, origin };
}

function isSettled(status: CompareCellStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summary(table: CompareTable, cancelled: boolean): string {
  const cells = table.cells.flat();
  const done = cells.filter((c) => c.status === 'done').length;
  const failed = cells.filter((c) => c.status === 'failed').length;
  const lead = cancelled ? 'Comparison cancelled' : 'Comparison finished';
  return `${lead}: ${count(done, 'caption')} written${failed ? `, ${failed} failed` : ''}.`;
}
