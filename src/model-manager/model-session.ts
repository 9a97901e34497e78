import type { CaptionClient, ModelReady } from '../client/caption-client';
import { parseCaptionError } from '../models/caption-error-code';
import { isFullyCached } from '../models/download-plan';
import type { Dtype, LoadProgress, RuntimeTuning } from '../models/model-types';
import { listCachedModels, markModelUsed, requestPersistentStorage } from '../storage';
import { DownloadRefusedError, type ConsentRequest, type DownloadGate } from './download-gate';
import { resolveSettings, type Settings } from '../models/settings';

export interface ModelView {
  settings: Settings;
  phase: 'idle' | 'needs-consent' | 'loading' | 'ready' | 'failed';
  /** Set while the person is asked whether to download the model. */
  consent: ConsentRequest | null;
  progress: LoadProgress | null;
  ready: ModelReady | null;
  error: string | null;
  /** While loading: every file comes from this device (IndexedDB), so nothing is downloaded. */
  fromDevice?: boolean;
}

export type ModelClient = Pick<CaptionClient, 'ensureModel'> & Partial<Pick<CaptionClient, 'abortAll' | 'planDownload'>>;

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
  /**
   * Settles once the device's recommended model is known (main.ts probes the device when the
   * page is idle): a load waits for it, so a photo added before that still gets that model.
   */
  recommendationKnown: (() => Promise<unknown>) | null = null;
  /** The settings the loaded model was chosen for. */
  private loadedFor = '';
  /** The settings a preload is loading for, while it runs. */
  private preloading: string | null = null;
  /** load() calls under way: a failed preload that one of them joined leaves the failure to it. */
  private waiting = 0;

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
    if (this.recommendationKnown) {
      await this.recommendationKnown().catch(() => undefined);
      this.recommendationKnown = null;
    }
    const { modelId, device, dtype } = this.view.settings;
    const wanted = settingsKey(this.view.settings);
    this.waiting++;
    try {
      // Between photos the model is normally loaded already: don't flash "loading" for each one.
      if (this.view.phase !== 'ready' || this.loadedFor !== wanted) {
        // A preload of this model found every file cached a moment ago: join it at once.
        const fromDevice = this.preloading === wanted || ((await this.downloads?.ensure(modelId, device, dtype)) ?? false);
        this.update({ phase: 'loading', error: null, progress: null, fromDevice });
      }
      // WebGPU failed: the WASM build's files may not be cached, and need consent of their own.
      return await this.ensure({ modelId, device, dtype }, wanted, async () => void (await this.downloads?.ensure(modelId, 'wasm', undefined)));
    } catch (error) {
      this.update({ phase: 'failed', error: parseCaptionError(error).message });
      throw error;
    } finally {
      this.waiting--;
    }
  }

  /**
   * Loads the chosen model at open, while the person is still choosing photos, with the warm-up
   * that makes the first caption as fast as the rest; a photo arriving meanwhile joins this load
   * and cuts the warm-up short (CaptionClient.ensureModel). Only a model already on this device:
   * a preload never downloads, so it never asks for consent (nor contacts a server about a model
   * never downloaded). It fails quietly, back to idle:
   * the first photo's own load reports a real problem.
   */
  async preload(): Promise<void> {
    const planDownload = this.client.planDownload?.bind(this.client);
    if (this.view.phase !== 'idle' || !planDownload) return;
    const { modelId, device, dtype } = this.view.settings;
    const wanted = settingsKey(this.view.settings);
    const cached = async (preference: typeof device, chosen: Dtype | undefined): Promise<boolean> => isFullyCached((await planDownload(modelId, preference, chosen)).plan);
    try {
      // IndexedDB first: a plan for a model never downloaded would ask its server for sizes at every open.
      if (!(await listCachedModels()).some((stored) => stored.modelId === modelId)) return;
      if (!(await cached(device, dtype))) return;
    } catch (error) {
      return console.warn('Not preloading the model: its download plan failed.', error);
    }
    // A photo, the person or a recommendation got there first.
    const now = this.view.settings;
    if (this.view.phase !== 'idle' || settingsKey(now) !== wanted) return;
    this.preloading = wanted;
    this.update({ phase: 'loading', error: null, progress: null, fromDevice: true });
    // WebGPU failed: the WASM build may load without asking only if it is cached too, or a photo now waits for it.
    const beforeFallback = async (): Promise<void> => {
      if (this.waiting > 0) return void (await this.downloads?.ensure(modelId, 'wasm', undefined));
      if (!(await cached('wasm', undefined))) throw new Error('The WASM build is not on this device; the first photo asks before downloading it.');
    };
    try {
      await this.ensure({ modelId, device, dtype }, wanted, beforeFallback, { warmUp: true });
    } catch (error) {
      // Widened: TypeScript still holds the 'idle' checked before the awaits.
      const phase = this.view.phase as ModelView['phase'];
      if (this.waiting === 0 && phase === 'loading') this.update({ phase: 'idle', progress: null, error: null });
      console.warn('Preloading the model failed; the first photo will load it again.', error);
    } finally {
      if (this.preloading === wanted) this.preloading = null;
    }
  }

  /** The client load shared by load() and preload(), and what a finished load changes. */
  private async ensure({ modelId, device, dtype }: Settings, wanted: string, beforeFallback: () => Promise<void> | undefined, tuning?: RuntimeTuning): Promise<ModelReady> {
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
        async () => beforeFallback(),
        tuning,
      );
      this.loadedFor = wanted;
      const wasLoaded = this.view.ready === ready;
      this.update({ phase: 'ready', ready });
      if (!wasLoaded) this.afterLoad(ready);
      return ready;
    } finally {
      settled = true;
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
    const where = ready.device === 'browser' ? 'run by the browser' : `on ${ready.device.toUpperCase()} (${ready.dtype})`;
    this.announce(`Model ready ${where}.${ready.fallbackNotice ? ' ' + ready.fallbackNotice : ''}`);
  }

  private announce(message: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: message }));
  }
}

/** Which load a set of settings asks for: loads for equal keys are the same load. */
function settingsKey({ modelId, device, dtype }: Settings): string {
  return `${modelId}|${device}|${dtype ?? ''}`;
}
