import type { CaptionClient } from '../client/caption-client';
import { resolveCaptionOptions } from '../models/caption-options';
import { isFullyCached } from '../models/download-plan';
import type { DevicePreference } from '../models/model-types';
import type { SecondOpinion } from '../models/review-signals';
import { getModel, type ModelEntry } from '../models/registry';
import { mergeOpinions } from '../review/agreement';
import { SECOND_OPINION_FROM } from '../review/priority';
import { finishPass } from '../alttext/alt-text-result';
import type { CardStore } from './card-store';
import type { CaptionRecord } from './card-view';
import type { SerialQueue } from './caption-queue';
import { currentVersion, pushVersion } from './regenerate';
import { reviewInputsOf, type ReviewFields } from './review-scorer';
import type { ReviewInputs } from '../review/features';

export type SecondOpinionClient = Pick<CaptionClient, 'ensureModel' | 'caption' | 'planDownload'>;

export interface SecondOpinionHost {
  store: CardStore;
  /** The first pass's queue: second opinions pause with it. */
  queue: SerialQueue;
  original(id: string): File | undefined;
  settings(): { secondModelId?: string; secondScope?: 'all'; device: DevicePreference };
  lookupModel(id: string): ModelEntry | undefined;
  assess(inputs: ReviewInputs): ReviewFields;
  patch(id: string, patch: Partial<CaptionRecord>): Promise<void>;
  announce(message: string, photoId?: string): void;
}

/**
 * A second model from another family describes the photos the first pass left in doubt (or all,
 * if chosen), one at a time in its own worker, alongside the first pass: the first pass never
 * waits for it, and the doubt it settles shows up while the batch is still running rather than
 * after the last photo. The two texts are merged by the rule in review/agreement.ts: the better
 * supported one is shown, the other is kept in the history and on the record, and the priority
 * is recomputed with their agreement.
 */
export class SecondOpinions extends EventTarget {
  private readonly pending = new Set<string>();
  private running: string | null = null;
  private refused = new Set<string>();

  constructor(
    private readonly client: SecondOpinionClient,
    private readonly host: SecondOpinionHost,
  ) {
    super();
    host.queue.addEventListener('change', () => this.next());
  }

  /** Photos waiting for a second opinion, the running one included. */
  get size(): number {
    return this.pending.size + (this.running ? 1 : 0);
  }

  /** A result the first pass just finished: queued for a second opinion when the settings want one. */
  offer(id: string): void {
    const { secondModelId, secondScope } = this.host.settings();
    const record = this.host.store.get(id)?.record;
    if (!secondModelId || !record || record.modelId === secondModelId || !this.host.original(id)) return;
    if (secondScope !== 'all' && (record.reviewPriority ?? 1) < SECOND_OPINION_FROM) return;
    this.pending.add(id);
    this.changed();
    this.next();
  }

  private next(): void {
    const queue = this.host.queue;
    if (this.running || queue.paused) return;
    const [id] = this.pending;
    if (id === undefined) return;
    this.pending.delete(id);
    this.running = id;
    void this.run(id).finally(() => {
      this.running = null;
      this.changed();
      this.next();
    });
  }

  private async run(id: string): Promise<void> {
    const { secondModelId, device } = this.host.settings();
    const file = this.host.original(id);
    const before = this.host.store.get(id)?.record;
    if (!secondModelId || !file || !before || !isOpen(before)) return;
    try {
      if (!(await this.mayLoad(secondModelId, device))) return;
      const ready = await this.client.ensureModel(secondModelId, device);
      const entry = this.host.lookupModel(ready.modelId) ?? getModel(ready.modelId);
      // The second model also scores the first model's own words (English, before any translation).
      const scoreText = before.modelText ?? before.text;
      const outcome = await this.client.caption(file, before.fileName, resolveCaptionOptions(entry.generation), { scoreText, ...(before.context ? { context: before.context } : {}) });
      const record = this.host.store.get(id)?.record;
      // The person decided, or the text changed, while the second model was looking: theirs stands.
      if (!record || !isOpen(record) || record.modelText !== before.modelText) return;
      const pass = finishPass(outcome.text);
      const opinion: SecondOpinion = {
        modelId: ready.modelId,
        modelLabel: entry.label,
        text: pass.text,
        ...(outcome.confidence ? { confidence: outcome.confidence } : {}),
        ...(outcome.scored ? { scoredFirst: outcome.scored } : {}),
        agreement: 0,
        durationMs: outcome.durationMs,
        at: Date.now(),
      };
      // The second model writes English: a translated text is compared by the English it came from,
      // and never replaced, so the language the person chose stays.
      const first = record.language ? finishPass(record.modelText ?? record.text).text : record.text;
      const { chosen, agreement } = mergeOpinions({ text: first, ...(record.confidence ? { confidence: record.confidence } : {}) }, opinion);
      const merged = chosen === 'second' && !record.language ? swapped(record, { ...opinion, agreement }, pass.modelText, ready, (modelId) => this.host.lookupModel(modelId)?.label) : kept(record, { ...opinion, agreement });
      await this.host.patch(id, { ...merged, ...this.host.assess(reviewInputsOf({ ...record, ...merged })) });
    } catch (error) {
      console.warn(`The second opinion on ${before.fileName} failed; the first caption stands.`, error);
    }
  }

  /** Only a model served by the app or already on this device: a second opinion never starts a download. */
  private async mayLoad(modelId: string, device: DevicePreference): Promise<boolean> {
    if (this.refused.has(modelId)) return false;
    const entry = this.host.lookupModel(modelId);
    if (entry?.source.kind === 'app') return true;
    const { plan } = await this.client.planDownload(modelId, device);
    if (isFullyCached(plan)) return true;
    this.refused.add(modelId);
    this.host.announce(`No second opinions: ${entry?.label ?? modelId} is not on this device. Choose it as the model once to download it, then choose it again as the second opinion.`);
    return false;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function isOpen(record: CaptionRecord): boolean {
  return record.status === 'done' && record.review === 'unreviewed';
}

/** The first text stays; the second is on the record and in the history. */
function kept(record: CaptionRecord, opinion: SecondOpinion): Partial<CaptionRecord> {
  const history = pushVersion(record.history, { text: opinion.text, review: 'unreviewed', modelId: opinion.modelId, replacedAt: opinion.at });
  return { secondOpinion: opinion, history };
}

/**
 * The second text becomes the result; the first becomes the second opinion and goes into the
 * history. Used by the merge and by the person's "Use this one".
 */
export function swapped(
  record: CaptionRecord,
  opinion: SecondOpinion,
  modelText: string,
  source: { device?: string; dtype?: string } = {},
  labelOf: (modelId: string) => string | undefined = () => undefined,
): Partial<CaptionRecord> {
  const firstLabel = record.modelId ? labelOf(record.modelId) : undefined;
  const now = Date.now();
  const previous = currentVersion(record, now);
  const { flags } = finishPass(modelText);
  return {
    text: opinion.text,
    // The second model's own words, never translated: English until someone says otherwise.
    language: undefined,
    modelText,
    flags,
    modelId: opinion.modelId,
    ...(source.device ? { device: source.device } : {}),
    ...(source.dtype ? { dtype: source.dtype } : {}),
    confidence: opinion.confidence,
    durationMs: opinion.durationMs,
    secondOpinion: {
      modelId: record.modelId ?? 'unknown model',
      ...(firstLabel ? { modelLabel: firstLabel } : {}),
      text: record.text,
      ...(record.confidence ? { confidence: record.confidence } : {}),
      agreement: opinion.agreement,
      durationMs: record.durationMs ?? 0,
      at: now,
    },
    ...(previous ? { history: pushVersion(record.history, previous) } : {}),
  };
}
