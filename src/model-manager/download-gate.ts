import type { CaptionClient } from '../client/caption-client';
import { isFullyCached, sizeForConsent, type ConsentSize, type DownloadPlan } from '../models/download-plan';
import type { DevicePreference, Dtype, RuntimeChoice } from '../models/model-types';
import { getModel, type ModelEntry } from '../models/registry';

export interface ConsentRequest {
  modelId: string;
  label: string;
  licence: string;
  note: string;
  device: RuntimeChoice['device'];
  dtype: Dtype;
  size: ConsentSize;
  /** Free space as the browser estimates it; undefined when it will not say. */
  freeBytes?: number;
  quotaBytes?: number;
}

/** Rejections from the gate: the photo waits for the person, it did not fail on its own. */
export class DownloadRefusedError extends Error {
  constructor(readonly reason: 'declined' | 'cancelled') {
    super(
      reason === 'declined'
        ? 'Not captioned: the model download was declined. Choose Retry to be asked again.'
        : 'Not captioned: the model download was cancelled, and nothing partial was kept. Choose Retry to download it again.',
    );
    this.name = 'DownloadRefusedError';
  }
}

/**
 * Nothing large downloads without consent. Before a model's first use the gate asks the worker
 * what loading would fetch (real sizes from the server) and holds every caption until the person
 * chooses Download or Not now. One answer covers the whole batch: after "Not now" or a
 * cancelled download, the queued photos fail fast with a Retry instead of asking again per photo.
 */
export class DownloadGate extends EventTarget {
  request: ConsentRequest | null = null;
  /** What the accepted download will fetch; null when nothing needed consent. */
  accepted: DownloadPlan | null = null;
  private readonly consented = new Set<string>();
  private refused: DownloadRefusedError | null = null;
  private answer: { resolve: () => void; reject: (e: Error) => void; promise: Promise<void> } | null = null;

  constructor(
    private readonly client: Pick<CaptionClient, 'planDownload'>,
    private readonly estimate: () => Promise<{ quota: number; available: number } | undefined>,
    /** Resolves ids over the built-in registry and the models the person added. */
    private readonly findModel: (id: string) => ModelEntry | undefined = (id) => getModel(id),
  ) {
    super();
  }

  /**
   * Resolves when the model is cached or the person said Download, to whether every file was on
   * this device already; rejects when they refused.
   */
  async ensure(modelId: string, preference: DevicePreference, dtype: Dtype | undefined): Promise<boolean> {
    if (this.refused) throw this.refused;
    const { choice, plan } = await this.client.planDownload(modelId, preference, dtype);
    return this.ensurePlanned(`${modelId}|${choice.device}|${choice.dtype}`, plan, () => {
      const model = this.findModel(modelId) ?? getModel(modelId);
      return { modelId, label: model.label, licence: model.licence, note: model.note, device: choice.device, dtype: choice.dtype, size: sizeForConsent(plan, model, choice.dtype) };
    });
  }

  /**
   * The same question for a download planned elsewhere (a translation model): `key` names the
   * model, device and dtype; `describe` gives what the prompt shows.
   */
  async ensurePlanned(key: string, plan: DownloadPlan, describe: () => Omit<ConsentRequest, 'freeBytes' | 'quotaBytes'>): Promise<boolean> {
    if (this.refused) throw this.refused;
    if (isFullyCached(plan)) return true;
    if (this.consented.has(key)) return false;
    if (!this.answer) {
      // Created before any await, so photos arriving meanwhile wait on this same question.
      let resolve: () => void = () => {};
      let reject: (e: Error) => void = () => {};
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => {});
      this.answer = { resolve, reject, promise };
      const answered = promise.then(() => {
        this.consented.add(key);
        this.accepted = plan;
      });
      answered.catch(() => {});
      const request = describe();
      const storage = await this.estimate().catch(() => undefined);
      if (this.answer?.promise === promise) {
        this.request = { ...request, ...(storage ? { freeBytes: storage.available, quotaBytes: storage.quota } : {}) };
        this.changed();
      }
      await promise;
      return false;
    }
    await this.answer.promise;
    return false;
  }

  accept(): void {
    this.settle((answer) => answer.resolve());
  }

  decline(): void {
    this.refuse('declined');
  }

  /** The running download was cancelled: consent is withdrawn and waiting photos stop. */
  cancelled(modelId: string): void {
    for (const key of [...this.consented]) if (key.startsWith(`${modelId}|`)) this.consented.delete(key);
    this.accepted = null;
    this.refuse('cancelled');
  }

  /** New photos or a Retry: ask again instead of failing fast. */
  reset(): void {
    this.refused = null;
  }

  private refuse(reason: 'declined' | 'cancelled'): void {
    this.refused = new DownloadRefusedError(reason);
    const error = this.refused;
    this.settle((answer) => answer.reject(error));
    this.changed();
  }

  private settle(action: (answer: NonNullable<DownloadGate['answer']>) => void): void {
    const answer = this.answer;
    this.answer = null;
    this.request = null;
    if (answer) action(answer);
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
