import type { CaptionClient, ModelReady } from '../client/caption-client';
import { parseCaptionError } from '../models/caption-error-code';
import type { LoadProgress } from '../models/model-types';
import { markModelUsed, requestPersistentStorage } from '../storage';
import { DownloadRefusedError, type ConsentRequest, type DownloadGate } from './download-gate';
import { resolveSettings, type Settings } from './settings';

export interface ModelView {
  settings: Settings;
  phase: 'idle' | 'needs-consent' | 'loading' | 'ready' | 'failed';
  /** Set while the person is asked whether to download the model. */
  consent: ConsentRequest | null;
  progress: LoadProgress | null;
  ready: ModelReady | null;
  error: string | null;
}

export type ModelClient = Pick<CaptionClient, 'ensureModel'> & Partial<Pick<CaptionClient, 'abortAll'>>;

/**
 * The chosen model and its life: consent before a first download, loading with progress,
 * cancel, and what happens after a load (last use, persistent storage, cache warnings).
 * Events: 'change' (view changed), 'announce' (detail: text for the live region),
 * 'problem' (detail: a storage problem to show), 'models-changed' (cached models changed).
 */
export class ModelSession extends EventTarget {
  view: ModelView = { settings: resolveSettings('', undefined), phase: 'idle', consent: null, progress: null, ready: null, error: null };
  /** The person or the URL picked the model; a device recommendation must not override it. */
  modelChosen = false;
  /** The settings the loaded model was chosen for. */
  private loadedFor = '';

  constructor(
    private readonly client: ModelClient,
    /** Asks before a model's first download; without one (tests) models load directly. */
    private readonly downloads?: DownloadGate,
  ) {
    super();
    downloads?.addEventListener('change', () => {
      const consent = downloads.request;
      const phase = consent ? 'needs-consent' : this.view.phase === 'needs-consent' ? 'idle' : this.view.phase;
      this.update({ consent, phase });
    });
  }

  update(patch: Partial<ModelView>): void {
    this.view = { ...this.view, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  /**
   * The device's recommended model becomes the default, unless the person (or the URL) already
   * chose one. Not saved: it is re-derived on each visit, so a new browser or GPU is noticed.
   */
  useRecommendedModel(modelId: string): void {
    if (this.modelChosen || this.view.phase !== 'idle' || this.view.settings.modelId === modelId) return;
    this.update({ settings: { ...this.view.settings, modelId } });
  }

  accept(): void {
    this.downloads?.accept();
  }

  decline(): void {
    this.downloads?.decline();
  }

  /** New photos or a Retry: a refused download is asked about again. */
  askAgain(): void {
    this.downloads?.reset();
  }

  /** Cancel a running download: the worker is stopped, and only whole files were ever cached. */
  cancel(): void {
    if (this.view.phase !== 'loading') return;
    this.downloads?.cancelled(this.view.settings.modelId);
    this.client.abortAll?.(new DownloadRefusedError('cancelled').message);
    this.announce('Download cancelled. Nothing partial was kept.');
  }

  /** Loads (or reuses) the chosen model; throws DownloadRefusedError when the person said no. */
  async load(): Promise<ModelReady> {
    const { modelId, device, dtype } = this.view.settings;
    const wanted = `${modelId}|${device}|${dtype ?? ''}`;
    // Between photos the model is normally loaded already: don't flash "loading" for each one.
    if (this.view.phase !== 'ready' || this.loadedFor !== wanted) {
      await this.downloads?.ensure(modelId, device, dtype);
      this.update({ phase: 'loading', error: null, progress: null });
    }
    // Progress arrives as separate messages from the worker; one can land after the load has
    // already failed or finished, and must not put the panel back into "loading".
    let settled = false;
    try {
      const ready = await this.client.ensureModel(
        modelId,
        device,
        (progress) => {
          if (!settled) this.update({ phase: 'loading', progress });
        },
        dtype,
        // WebGPU failed: the WASM build's files may not be cached, and need consent of their own.
        () => this.downloads?.ensure(modelId, 'wasm', undefined) ?? Promise.resolve(),
      );
      settled = true;
      this.loadedFor = wanted;
      const wasLoaded = this.view.ready === ready;
      this.update({ phase: 'ready', ready });
      if (!wasLoaded) this.afterLoad(ready);
      return ready;
    } catch (error) {
      settled = true;
      this.update({ phase: 'failed', error: parseCaptionError(error).message });
      throw error;
    }
  }

  /** Remembers when a model was last used, and asks to keep storage after a first download. */
  private afterLoad(ready: ModelReady): void {
    void markModelUsed(ready.modelId).catch(() => {});
    if (ready.cacheWarning) this.dispatchEvent(new CustomEvent('problem', { detail: ready.cacheWarning }));
    if (this.downloads?.accepted) {
      this.downloads.accepted = null;
      void requestPersistentStorage();
    }
    this.dispatchEvent(new Event('models-changed'));
    this.announce(`Model ready on ${ready.device.toUpperCase()} (${ready.dtype}).${ready.fallbackNotice ? ' ' + ready.fallbackNotice : ''}`);
  }

  private announce(message: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: message }));
  }
}
