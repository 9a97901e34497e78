import { flagAltText, shouldRegenerate, strongerRepetitionSettings } from '../alttext';
import type { CaptionClient, ModelReady } from '../client/caption-client';
import { parseCaptionError } from '../models/caption-error-code';
import { resolveCaptionOptions } from '../models/caption-options';
import type { CaptionOptions, CaptionOutcome, LoadProgress } from '../models/model-types';
import { notAnImageMessage, SIGNATURE_BYTES, sniffImageKind } from '../models/image-signature';
import { findModel, getModel, type ModelEntry } from '../models/registry';
import { deleteResult, getMeta, listResults, markModelUsed, putResult, requestPersistentStorage, setMeta, updateResult, type CaptionRecord } from '../storage';
import { finishPass, keepBetterPass, spokenCaption, type FinishedPass } from './alt-text-result';
import { SerialQueue } from './caption-queue';
import { DownloadRefusedError, type ConsentRequest, type DownloadGate } from './download-gate';
import { resolveSettings, type Settings } from './settings';

const SETTINGS_KEY = 'settings';

export interface CardView {
  record: CaptionRecord;
  /** Text streamed so far while the caption runs. */
  streaming: string;
  /** The first text repeated itself and the model is describing the photo once more. */
  regenerating?: boolean;
  /** An object URL of the original, this session only, so the card shows at once. */
  previewUrl?: string;
  /** The original is still in memory, so a failed or cancelled caption can be retried. */
  canRetry: boolean;
}

export interface ModelView {
  settings: Settings;
  phase: 'idle' | 'needs-consent' | 'loading' | 'ready' | 'failed';
  /** Set while the person is asked whether to download the model. */
  consent: ConsentRequest | null;
  progress: LoadProgress | null;
  ready: ModelReady | null;
  error: string | null;
}

/**
 * The app's state and verbs, between the UI (which renders it) and the worker client and
 * storage (which do the work). Every change is saved before it is shown as saved.
 */
export class AltscribeController extends EventTarget {
  cards: CardView[] = [];
  /** A storage failure the person must know about (disk full, private mode); null when all is saved. */
  problem: string | null = null;
  model: ModelView = { settings: resolveSettings('', undefined), phase: 'idle', consent: null, progress: null, ready: null, error: null };
  private readonly queue = new SerialQueue();
  /** The settings the loaded model was chosen for. */
  private loadedFor = '';
  /** The person or the URL picked the model; a device recommendation must not override it. */
  private modelChosen = false;
  private readonly originals = new Map<string, File>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly client: Pick<CaptionClient, 'ensureModel' | 'caption'> & Partial<Pick<CaptionClient, 'abortAll'>>,
    /** Asks before a model's first download; without one (tests) models load directly. */
    private readonly downloads?: DownloadGate,
    /** Resolves ids over the built-in registry and the models the person added. */
    private readonly lookupModel: (id: string) => ModelEntry | undefined = findModel,
  ) {
    super();
    downloads?.addEventListener('change', () => {
      const consent = downloads.request;
      const phase = consent ? 'needs-consent' : this.model.phase === 'needs-consent' ? 'idle' : this.model.phase;
      this.model = { ...this.model, consent, phase };
      this.changed();
    });
  }

  /**
   * The device's recommended model becomes the default, unless the person (or the URL) already
   * chose one. Not saved: it is re-derived on each visit, so a new browser or GPU is noticed.
   */
  useRecommendedModel(modelId: string): void {
    if (this.modelChosen || this.model.phase !== 'idle' || this.model.settings.modelId === modelId) return;
    this.model = { ...this.model, settings: { ...this.model.settings, modelId } };
    this.changed();
  }

  /** The person chose Download in the consent prompt. */
  acceptDownload(): void {
    this.downloads?.accept();
  }

  /** The person chose Not now: waiting photos stop with a Retry, nothing is fetched. */
  declineDownload(): void {
    this.downloads?.decline();
  }

  /** Cancel a running download: the worker is stopped, and only whole files were ever cached. */
  cancelDownload(): void {
    if (this.model.phase !== 'loading') return;
    const { modelId } = this.model.settings;
    this.downloads?.cancelled(modelId);
    this.client.abortAll?.(new DownloadRefusedError('cancelled').message);
    this.announce('Download cancelled. Nothing partial was kept.');
  }

  async init(search: string): Promise<void> {
    const saved = await getMeta(SETTINGS_KEY).catch(() => undefined);
    this.model = { ...this.model, settings: resolveSettings(search, saved, (id) => this.lookupModel(id) !== undefined) };
    const savedModel = typeof saved === 'object' && saved !== null && 'modelId' in saved;
    this.modelChosen = new URLSearchParams(search).has('model') || savedModel;
    const records = await listResults();
    // Captions that were running when the tab closed cannot resume: the photo was never stored.
    for (const record of records) {
      if (record.status === 'running' || record.status === 'queued') {
        Object.assign(record, await updateResult(record.id, { status: 'failed', error: 'Interrupted when the page was closed. Add the photo again to caption it.' }));
      }
    }
    this.cards = records.map((record) => ({ record, streaming: '', canRetry: false }));
    this.changed();
  }

  async setSettings(patch: Partial<Settings>): Promise<void> {
    this.model = { ...this.model, settings: { ...this.model.settings, ...patch } };
    this.changed();
    const { modelId, device } = this.model.settings;
    await setMeta(SETTINGS_KEY, { modelId, device });
  }

  async addFiles(files: readonly File[]): Promise<void> {
    this.downloads?.reset();
    for (const file of files) {
      const now = Date.now();
      const record: CaptionRecord = {
        id: crypto.randomUUID(),
        fileName: file.name || 'pasted image',
        mimeType: file.type,
        byteSize: file.size,
        status: 'queued',
        text: '',
        review: 'unreviewed',
        createdAt: now,
        updatedAt: now,
      };
      await this.save(() => putResult(record), `the card for ${record.fileName}`);
      this.originals.set(record.id, file);
      this.cards = [...this.cards, { record, streaming: '', previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined, canRetry: true }];
      this.changed();
      void this.queue.push(() => this.captionOne(record.id));
    }
  }

  retry(id: string): void {
    if (!this.originals.has(id)) return;
    this.downloads?.reset();
    void this.patch(id, { status: 'queued', error: undefined, text: '', modelText: undefined, flags: undefined, regenerated: undefined }).then(() => this.queue.push(() => this.captionOne(id)));
  }

  cancel(id: string): void {
    const running = this.running.get(id);
    if (running) return running.abort();
    const card = this.find(id);
    if (card?.record.status === 'queued') void this.patch(id, { status: 'cancelled' });
  }

  /** The person's own words: from now on this text is theirs, not the model's, and the flags judge theirs. */
  async editText(id: string, text: string): Promise<void> {
    const card = this.find(id);
    if (!card || card.record.text === text) return;
    await this.patch(id, { text, review: 'edited', flags: flagAltText(text) });
  }

  async approve(id: string): Promise<void> {
    await this.patch(id, { review: 'approved' });
  }

  async remove(id: string): Promise<void> {
    this.running.get(id)?.abort();
    await deleteResult(id);
    const card = this.find(id);
    if (card?.previewUrl) URL.revokeObjectURL(card.previewUrl);
    this.originals.delete(id);
    this.cards = this.cards.filter((c) => c.record.id !== id);
    this.changed();
  }

  private async captionOne(id: string): Promise<void> {
    const file = this.originals.get(id);
    const card = this.find(id);
    if (!file || !card || card.record.status !== 'queued') return;
    const abort = new AbortController();
    this.running.set(id, abort);
    try {
      if (!sniffImageKind(new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer()))) {
        await this.patch(id, { status: 'failed', error: notAnImageMessage(card.record.fileName, file.size, file.type) });
        this.announce(`Could not caption ${card.record.fileName}: it is not an image.`);
        return;
      }
      const ready = await this.loadModel();
      if (abort.signal.aborted) return void (await this.patch(id, { status: 'cancelled' }));
      await this.patch(id, { status: 'running' });
      const options = resolveCaptionOptions((this.lookupModel(ready.modelId) ?? getModel(ready.modelId)).generation);
      const outcome = await this.describe(id, file, options, abort.signal);
      const fields = { width: outcome.width, height: outcome.height, modelId: ready.modelId, device: ready.device, dtype: ready.dtype, durationMs: outcome.durationMs, ...(outcome.thumbnail ? { thumbnail: outcome.thumbnail } : {}) };
      if (outcome.interrupted) {
        // A cut-off caption is left as it streamed: a capital and a final period would make it look complete.
        await this.patch(id, { ...fields, status: 'cancelled', text: outcome.text, modelText: outcome.text, flags: flagAltText(outcome.text), regenerated: undefined, error: 'Cancelled before the caption was finished.' });
        this.announce(`Caption cancelled for ${card.record.fileName}.`);
        return;
      }
      const first = finishPass(outcome.text);
      const retry = shouldRegenerate(first.flags) ? await this.regenerate(id, file, options, abort.signal, first) : { kept: first, regenerated: false, retryMs: 0, stopped: null };
      const { kept, regenerated } = retry;
      await this.patch(id, { ...fields, durationMs: outcome.durationMs + retry.retryMs, status: 'done', text: kept.text, modelText: kept.modelText, flags: kept.flags, regenerated: regenerated || undefined, error: undefined });
      const lead = retry.stopped === 'cancelled' ? `Regenerating was cancelled for ${card.record.fileName}; the first caption is kept` : `Alt-text ready for ${card.record.fileName}`;
      this.announce(`${lead}: ${spokenCaption(kept.text, kept.flags)}`);
    } catch (error) {
      const { message } = parseCaptionError(error);
      await this.patch(id, { status: 'failed', error: message });
      this.announce(`Could not caption ${card.record.fileName}: ${message}`);
    } finally {
      this.running.delete(id);
      const current = this.find(id);
      if (current) this.replaceCard({ ...current, streaming: '', regenerating: false });
    }
  }

  /** One model pass over the photo, streaming into the card. */
  private describe(id: string, file: File, options: CaptionOptions, signal: AbortSignal): Promise<CaptionOutcome> {
    return this.client.caption(file, this.find(id)?.record.fileName ?? file.name, options, {
      signal,
      onText: (chunk) => {
        const current = this.find(id);
        if (current) this.replaceCard({ ...current, streaming: current.streaming + chunk });
      },
    });
  }

  /**
   * The one retry after a 'repetition' flag, with stronger anti-repetition settings. The first
   * pass is a complete caption, so it stands when the retry is cancelled, fails, or is worse.
   */
  private async regenerate(id: string, file: File, options: CaptionOptions, signal: AbortSignal, first: FinishedPass) {
    const unchanged = { kept: first, regenerated: false, retryMs: 0 };
    if (signal.aborted) return { ...unchanged, stopped: 'cancelled' as const };
    const current = this.find(id);
    if (current) this.replaceCard({ ...current, streaming: '', regenerating: true });
    try {
      const outcome = await this.describe(id, file, { ...options, ...strongerRepetitionSettings(options) }, signal);
      if (outcome.interrupted) return { ...unchanged, stopped: 'cancelled' as const };
      return { ...keepBetterPass(first, finishPass(outcome.text)), retryMs: outcome.durationMs, stopped: null };
    } catch (error) {
      console.warn('Regenerating a repeated caption failed; keeping the first caption.', error);
      return { ...unchanged, stopped: 'failed' as const };
    }
  }

  private async loadModel(): Promise<ModelReady> {
    const { modelId, device, dtype } = this.model.settings;
    const wanted = `${modelId}|${device}|${dtype ?? ''}`;
    // Between photos the model is normally loaded already: don't flash "loading" for each one.
    if (this.model.phase !== 'ready' || this.loadedFor !== wanted) {
      // Throws DownloadRefusedError when the person said Not now (the photo fails with a Retry).
      await this.downloads?.ensure(modelId, device, dtype);
      this.model = { ...this.model, phase: 'loading', error: null, progress: null };
      this.changed();
    }
    // Progress arrives as separate messages from the worker; one can land after the load has
    // already failed or finished, and must not put the panel back into "loading".
    let settled = false;
    try {
      const ready = await this.client.ensureModel(
        modelId,
        device,
        (progress) => {
          if (settled) return;
          this.model = { ...this.model, phase: 'loading', progress };
          this.changed();
        },
        dtype,
        // WebGPU failed: the WASM build's files may not be cached, and need consent of their own.
        () => this.downloads?.ensure(modelId, 'wasm', undefined) ?? Promise.resolve(),
      );
      settled = true;
      this.loadedFor = wanted;
      const wasLoaded = this.model.ready === ready;
      this.model = { ...this.model, phase: 'ready', ready };
      if (!wasLoaded) this.afterLoad(ready);
      if (!wasLoaded) this.announce(`Model ready on ${ready.device.toUpperCase()} (${ready.dtype}).${ready.fallbackNotice ? ' ' + ready.fallbackNotice : ''}`);
      return ready;
    } catch (error) {
      settled = true;
      this.model = { ...this.model, phase: 'failed', error: parseCaptionError(error).message };
      throw error;
    } finally {
      this.changed();
    }
  }

  /** Remembers when a model was last used, and asks to keep storage after a first download. */
  private afterLoad(ready: ModelReady): void {
    void markModelUsed(ready.modelId).catch(() => {});
    if (ready.cacheWarning) {
      this.problem = ready.cacheWarning;
      this.announce(ready.cacheWarning);
    }
    if (this.downloads?.accepted) {
      this.downloads.accepted = null;
      void requestPersistentStorage();
    }
    this.dispatchEvent(new Event('models-changed'));
  }

  private async patch(id: string, patch: Partial<CaptionRecord>): Promise<void> {
    const card = this.find(id);
    const updated = await this.save(() => updateResult(id, patch), `the changes to ${card?.record.fileName ?? 'a photo'}`);
    // When saving failed the change still shows, so what the person typed is not lost from view.
    const next = updated ?? (card ? { ...card.record, ...patch, updatedAt: Date.now() } : undefined);
    const current = this.find(id);
    if (current && next) this.replaceCard({ ...current, record: next });
  }

  /** Runs a storage write; a failure becomes a visible, announced problem instead of a lost edit. */
  private async save<T>(write: () => Promise<T>, what: string): Promise<T | undefined> {
    try {
      const result = await write();
      if (this.problem) {
        this.problem = null;
        this.changed();
      }
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.problem = `Could not save ${what}; it will be gone after a reload. ${reason}`;
      this.announce(this.problem);
      this.changed();
      return undefined;
    }
  }

  /** Cards are immutable views: a new object per change, so each card element re-renders. */
  private replaceCard(next: CardView): void {
    this.cards = this.cards.map((c) => (c.record.id === next.record.id ? next : c));
    this.changed();
  }

  private find(id: string): CardView | undefined {
    return this.cards.find((c) => c.record.id === id);
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  private announce(message: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: message }));
  }

  /**
   * A caption the person picked in the compare view: it becomes a finished card like any
   * other, still marked as the model's unreviewed words.
   */
  async adoptCaption(file: File, text: string, source: { modelId: string; durationMs: number }): Promise<void> {
    const now = Date.now();
    const record: CaptionRecord = {
      id: crypto.randomUUID(),
      fileName: file.name || 'pasted image',
      mimeType: file.type,
      byteSize: file.size,
      status: 'done',
      text,
      flags: flagAltText(text),
      review: 'unreviewed',
      modelId: source.modelId,
      durationMs: source.durationMs,
      createdAt: now,
      updatedAt: now,
    };
    await this.save(() => putResult(record), `the card for ${record.fileName}`);
    this.cards = [...this.cards, { record, streaming: '', previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined, canRetry: false }];
    this.changed();
    this.announce(`Added ${record.fileName} to your photos with the chosen alt-text: ${text}`);
  }
}
