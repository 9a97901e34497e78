import type { DownloadPlan } from '../../models/download-plan';
import type { Capabilities, CaptionOptions, CaptionOutcome, DevicePreference, Dtype, LoadProgress, RuntimeChoice, RuntimeTuning } from '../../models/model-types';
import { getModel, isBrowserModel, type ModelEntry } from '../../models/registry';
import type { CaptionCall, CaptionClient, ModelReady } from '../caption-client';
import type { PromptApiClient } from './prompt-api-client';

/** What the app asks of a caption client; the worker's CaptionClient is one. */
export type WorkerCaptionClient = Pick<CaptionClient, 'capabilities' | 'planDownload' | 'ensureModel' | 'caption' | 'planTranslator' | 'loadTranslator' | 'translate' | 'abortAll' | 'dispose'>;

/**
 * One caption client for the app with two runtimes behind it: the caption worker for the models
 * transformers.js runs, the page's Prompt API for the browser's own model. The model session,
 * the consent step, the queue and the runner call this exactly as they called the worker, so
 * pause, cancel, Retry and the one-tab rule need no branch of their own. A caption goes to the
 * runtime whose model was loaded last (the model session loads before every photo).
 */
export class RoutedCaptionClient {
  private active: 'worker' | 'browser' = 'worker';

  constructor(
    private readonly worker: WorkerCaptionClient,
    private readonly browser: PromptApiClient,
    private readonly findModel: (id: string) => ModelEntry | undefined = (id) => getModel(id),
  ) {}

  private browserEntry(modelId: string): ModelEntry | undefined {
    const model = this.findModel(modelId);
    return model && isBrowserModel(model) ? model : undefined;
  }

  /** The worker's probe, with the Prompt API's availability for images probed here, on the page, where it lives. */
  async capabilities(): Promise<Capabilities> {
    const [caps, promptApi] = await Promise.all([this.worker.capabilities(), this.browser.availability()]);
    return { ...caps, promptApi };
  }

  planDownload(modelId: string, preference: DevicePreference, dtype?: Dtype): Promise<{ choice: RuntimeChoice; plan: DownloadPlan }> {
    const model = this.browserEntry(modelId);
    return model ? this.browser.planDownload(model) : this.worker.planDownload(modelId, preference, dtype);
  }

  async ensureModel(
    modelId: string,
    preference: DevicePreference,
    onProgress?: (p: LoadProgress) => void,
    dtype?: Dtype,
    beforeFallback?: () => Promise<void>,
    tuning: RuntimeTuning = {},
  ): Promise<ModelReady> {
    const model = this.browserEntry(modelId);
    this.active = model ? 'browser' : 'worker';
    return model ? this.browser.ensureModel(model, onProgress) : this.worker.ensureModel(modelId, preference, onProgress, dtype, beforeFallback, tuning);
  }

  caption(image: Blob, fileName: string, options: CaptionOptions, call?: CaptionCall): Promise<CaptionOutcome> {
    return this.active === 'browser' ? this.browser.caption(image, fileName, options, call) : this.worker.caption(image, fileName, options, call);
  }

  // Translation models always run in the worker; the browser's model writes its languages itself.
  planTranslator(...args: Parameters<CaptionClient['planTranslator']>): ReturnType<CaptionClient['planTranslator']> {
    return this.worker.planTranslator(...args);
  }

  loadTranslator(...args: Parameters<CaptionClient['loadTranslator']>): ReturnType<CaptionClient['loadTranslator']> {
    return this.worker.loadTranslator(...args);
  }

  translate(text: string, language: string): Promise<string> {
    return this.worker.translate(text, language);
  }

  /** Cancels the load under way on the runtime that is loading (a download included). */
  abortAll(message: string): void {
    if (this.active === 'browser') this.browser.abortAll(message);
    else this.worker.abortAll(message);
  }

  dispose(): void {
    this.worker.dispose();
    this.browser.dispose();
  }
}
