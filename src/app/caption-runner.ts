import { flagAltText, shouldRegenerate, strongerRepetitionSettings } from '../alttext';
import type { CaptionClient } from '../client/caption-client';
import { parseCaptionError } from '../models/caption-error-code';
import { failureKindOf } from '../models/caption-failure';
import { resolveCaptionOptions } from '../models/caption-options';
import type { CaptionOptions, CaptionOutcome } from '../models/model-types';
import { notAnImageMessage, SIGNATURE_BYTES, sniffImageKind } from '../models/image-signature';
import { getModel, type ModelEntry } from '../models/registry';
import { finishPass, keepBetterPass, spokenCaption, type FinishedPass } from '../alttext/alt-text-result';
import { CaptionLanguage, type CaptionLanguageHost } from '../model-manager/caption-language';
import type { CardStore, CardStreams } from './card-store';
import type { CaptionRecord } from './card-view';
import type { ModelSession } from '../model-manager/model-session';
import type { ReviewScorer } from './review-scorer';
import type { SecondOpinions } from './second-opinion';

/** What one caption needs from the controller: its state, its photo, the model and the way to save. */
export interface CaptionRunnerHost {
  client: Pick<CaptionClient, 'caption'> & CaptionLanguageHost['client'];
  /** Asks before a translation model downloads; absent in tests that need no consent. */
  downloads?: CaptionLanguageHost['downloads'];
  store: CardStore;
  streams: CardStreams;
  originals: ReadonlyMap<string, File>;
  session: Pick<ModelSession, 'load' | 'view'>;
  lookupModel(id: string): ModelEntry | undefined;
  reviews: Pick<ReviewScorer, 'assess'>;
  secondOpinions: Pick<SecondOpinions, 'offer'> | null;
  /** Saves, then shows (shows even when saving failed, so nothing the person sees is lost). */
  patch(id: string, patch: Partial<CaptionRecord>): Promise<void>;
  announce(message: string, photoId?: string): void;
}

/**
 * Describes one queued photo: the model pass streamed into its card, the one retry of a caption
 * that repeats itself, the finishing rules, the review priority, and the hand-over to a second
 * opinion. Cancelling aborts the running photo's call, which the worker answers after its
 * current token.
 */
export class CaptionRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly language: CaptionLanguage;

  constructor(private readonly host: CaptionRunnerHost) {
    this.language = new CaptionLanguage(host);
  }

  /** Stops the photo's caption if it is the one running; false when it is not running. */
  abort(id: string): boolean {
    const running = this.running.get(id);
    running?.abort();
    return running !== undefined;
  }

  async captionOne(id: string): Promise<void> {
    const file = this.host.originals.get(id);
    const card = this.host.store.get(id);
    // An imported text is the person's: a batch never replaces it.
    if (!file || !card || card.record.status !== 'queued' || card.record.review === 'imported') return;
    const abort = new AbortController();
    this.running.set(id, abort);
    try {
      if (!sniffImageKind(new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer()))) {
        await this.host.patch(id, { status: 'failed', error: notAnImageMessage(card.record.fileName, file.size, file.type), failure: file.size === 0 ? 'empty-file' : 'not-an-image' });
        this.host.announce(`Could not caption ${card.record.fileName}: it is not an image.`, id);
        return;
      }
      const ready = await this.host.session.load();
      if (abort.signal.aborted) return void (await this.host.patch(id, { status: 'cancelled' }));
      // Shown, not stored: after a crash a running photo is recovered exactly like a queued one.
      this.host.store.update(id, (current) => ({ ...current, record: { ...current.record, status: 'running' } }));
      const captioner = this.host.lookupModel(ready.modelId) ?? getModel(ready.modelId);
      const options = resolveCaptionOptions(captioner.generation);
      // Read once: the photo is written in the language chosen when it started.
      const language = this.host.session.view.settings.language;
      const outcome = await this.describe(id, file, options, abort.signal, language);
      const fields = { width: outcome.width, height: outcome.height, modelId: ready.modelId, device: ready.device, dtype: ready.dtype, durationMs: outcome.durationMs, ...(outcome.thumbnail ? { thumbnail: outcome.thumbnail } : {}) };
      if (outcome.interrupted) {
        // A cut-off caption is left as it streamed: a capital and a final period would make it look complete.
        await this.host.patch(id, { ...fields, status: 'cancelled', text: outcome.text, modelText: outcome.text, flags: flagAltText(outcome.text), regenerated: undefined, error: 'Cancelled before the caption was finished.' });
        this.host.announce(`Caption cancelled for ${card.record.fileName}.`, id);
        return;
      }
      const first = finishPass(outcome.text, outcome.confidence);
      const retry = shouldRegenerate(first.flags) ? await this.regenerateRepeated(id, file, options, abort.signal, first, language) : { kept: first, regenerated: false, retryMs: 0, stopped: null };
      const { kept, regenerated } = retry;
      const signals = { confidence: kept.confidence, quality: outcome.quality, secondOpinion: undefined };
      const review = this.host.reviews.assess({ modelText: kept.modelText, ...(kept.confidence ? { confidence: kept.confidence } : {}), ...(outcome.quality ? { quality: outcome.quality } : {}) });
      const shown = await this.language.finish(id, kept.text, captioner, ready.device, language);
      await this.host.patch(id, { ...fields, ...signals, ...review, durationMs: outcome.durationMs + retry.retryMs, status: 'done', text: shown.text, language: shown.language, modelText: kept.modelText, flags: kept.flags, regenerated: regenerated || undefined, error: undefined, failure: undefined });
      this.host.secondOpinions?.offer(id);
      const lead = retry.stopped === 'cancelled' ? `Regenerating was cancelled for ${card.record.fileName}; the first caption is kept` : `Alt-text ready for ${card.record.fileName}`;
      this.host.announce(`${lead}: ${spokenCaption(shown.text, kept.flags)}`, id);
    } catch (error) {
      const { code, message } = parseCaptionError(error);
      await this.host.patch(id, { status: 'failed', error: message, failure: failureKindOf(code, message, file.size) });
      this.host.announce(`Could not caption ${card.record.fileName}: ${message}`, id);
    } finally {
      this.running.delete(id);
      this.host.streams.clear(id);
      this.host.store.update(id, (current) => (current.regenerating ? { ...current, regenerating: false } : current));
    }
  }

  /** One model pass over the photo, streaming into the card. */
  private describe(id: string, file: File, options: CaptionOptions, signal: AbortSignal, language: string | undefined): Promise<CaptionOutcome> {
    this.host.streams.clear(id);
    const record = this.host.store.get(id)?.record;
    const context = record?.context ? { context: record.context } : {};
    const zoomCheck = this.host.session.view.settings.zoomCheck ?? true;
    return this.host.client.caption(file, record?.fileName ?? file.name, options, { signal, onText: (chunk) => this.host.streams.append(id, chunk), ...context, ...(language ? { language } : {}), zoomCheck });
  }

  /** The one retry after a 'repetition' flag, stronger settings; the first pass stands when the retry is cancelled, fails, or is worse. */
  private async regenerateRepeated(id: string, file: File, options: CaptionOptions, signal: AbortSignal, first: FinishedPass, language: string | undefined) {
    const unchanged = { kept: first, regenerated: false, retryMs: 0 };
    if (signal.aborted) return { ...unchanged, stopped: 'cancelled' as const };
    this.host.streams.clear(id);
    this.host.store.update(id, (current) => ({ ...current, regenerating: true }));
    try {
      const outcome = await this.describe(id, file, { ...options, ...strongerRepetitionSettings(options) }, signal, language);
      if (outcome.interrupted) return { ...unchanged, stopped: 'cancelled' as const };
      return { ...keepBetterPass(first, finishPass(outcome.text, outcome.confidence)), retryMs: outcome.durationMs, stopped: null };
    } catch (error) {
      console.warn('Regenerating a repeated caption failed; keeping the first caption.', error);
      return { ...unchanged, stopped: 'failed' as const };
    }
  }

}
