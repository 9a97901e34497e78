import { isPermanentFailure, isRetryableFailure, splitFailureMessage } from '../models/caption-failure';
import { getMeta, setMeta } from '../storage';
import type { CardChange, CardCounter, CardStore } from './card-store';
import type { CardView } from './card-view';
import { AnnouncementThrottle, BatchTracker, progressSentence, progressTitle, type BatchSnapshot } from '../models/batch-progress';
import { batchEstimate, EstimateAnnouncer, type BatchEstimate, type ModelSpeeds } from '../models/batch-time-left';
import type { SerialQueue } from './caption-queue';
import type { SharedProgress, TabCoordinator } from './tab-coordinator';

export const PAUSED_KEY = 'queuePaused';

/** What the batch controls need from the app controller. */
export interface QueueHost {
  /** Counts 'mine:queued', 'mine:failed' and 'cannot-caption' (batchCounter, below). */
  readonly store: Pick<CardStore, 'subscribe' | 'count' | 'list' | 'get'>;
  readonly queue: SerialQueue;
  cancel(id: string): void;
  retry(id: string): void;
}

export interface BatchControlsOptions {
  now?: () => number;
  meta?: { get(key: string): Promise<unknown>; set(key: string, value: unknown): Promise<void> };
  setTitle?: (title: string) => void;
  schedule?: (run: () => void, ms: number) => unknown;
  /** Runs the update after a burst of changes (a batch of new cards is hundreds); tests pass one that runs at once. */
  coalesce?: (run: () => void) => void;
  announceEveryMs?: number;
  /** Names models and offers a faster one in the estimate; without it the estimate names the model id and offers none. */
  speeds?: ModelSpeeds;
}

/** What the progress element shows. */
export interface BatchView {
  /** This tab's batch; null before the first photo is queued. */
  snapshot: BatchSnapshot | null;
  /** The batch another tab is running. */
  remote: SharedProgress | null;
  paused: boolean;
  /** This tab has photos waiting while another tab captions. */
  waitingForOtherTab: boolean;
  waiting: number;
  /** This tab's failed photos that may pass on another try. */
  retryable: number;
  /** Failed photos that retrying cannot help (empty, not an image, too large, unsupported, damaged). */
  cannotCaption: number;
  /** The first of them, each with the sentence that says why, for "see why". */
  cannotCaptionShown: readonly CannotCaption[];
  /** The time the rest of this tab's batch takes, once a few photos are measured. */
  estimate?: BatchEstimate | null;
}

export interface CannotCaption {
  id: string;
  fileName: string;
  why: string;
}

/** "See why" lists this many; the list filter shows the rest. */
export const CANNOT_CAPTION_LISTED = 20;

/**
 * Pause, resume, cancel-waiting and retry-failed over the whole queue; the batch's progress for
 * the page, its title, the other tabs, and a screen reader that hears a summary every few
 * seconds instead of one message per photo.
 */
export class BatchControls extends EventTarget {
  private readonly tracker: BatchTracker;
  private readonly throttle: AnnouncementThrottle;
  private readonly meta: NonNullable<BatchControlsOptions['meta']>;
  private readonly setTitle: (title: string) => void;
  private readonly schedule: (run: () => void, ms: number) => unknown;
  private readonly baseTitle: string;
  private flushScheduled = false;
  /** When this tab last saw a batch of several photos change. */
  private lastBatchChangeAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;
  private cachedView: BatchView | null = null;
  private readonly coalesce: (run: () => void) => void;
  private updatePending = false;
  /** This tab's photos changed in a way the batch's counts show. */
  private batchChanged = false;
  private shownTitle: string | null = null;
  private readonly estimates: EstimateAnnouncer;
  private readonly speeds: ModelSpeeds | undefined;

  constructor(
    private readonly host: QueueHost,
    private readonly coordinator: TabCoordinator,
    options: BatchControlsOptions = {},
  ) {
    super();
    const now = (this.now = options.now ?? Date.now);
    this.tracker = new BatchTracker(now);
    this.throttle = new AnnouncementThrottle(options.announceEveryMs ?? 5_000, now);
    this.estimates = new EstimateAnnouncer(now);
    this.speeds = options.speeds;
    this.meta = options.meta ?? { get: getMeta, set: setMeta };
    this.setTitle = options.setTitle ?? ((title) => (document.title = title));
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
    this.coalesce = options.coalesce ?? ((run) => queueMicrotask(run));
    this.baseTitle = typeof document === 'undefined' ? 'Altscribe' : document.title || 'Altscribe';
    host.queue.holdWith(coordinator.hold);
    // Each change moves the tracker by one photo; the title, the other tabs and the element hear once per burst.
    host.store.subscribe((change) => this.onCardChange(change));
    host.queue.addEventListener('change', () => this.updateSoon());
    coordinator.addEventListener('change', () => this.updateSoon());
    coordinator.addEventListener('set-paused', (e) => {
      const paused = (e as CustomEvent<boolean>).detail;
      if (paused !== this.host.queue.paused) this.speak(paused ? 'Captioning was paused in another tab.' : 'Captioning was resumed in another tab.');
      if (paused) this.host.queue.pause();
      else this.resumeHere();
    });
  }

  /** A pause chosen before the last reload still holds. */
  async init(): Promise<void> {
    const paused = await this.meta.get(PAUSED_KEY).catch(() => undefined);
    if (paused === true) this.host.queue.pause();
  }

  /** The same object until something it shows changes, so the element re-renders only then. */
  get view(): BatchView {
    if (this.cachedView) return this.cachedView;
    const snapshot = this.tracker.snapshot();
    return (this.cachedView = {
      snapshot: snapshot.total ? snapshot : null,
      remote: this.coordinator.remote,
      paused: this.host.queue.paused,
      waitingForOtherTab: this.coordinator.waiting && this.coordinator.remote !== null,
      waiting: this.host.store.count(MINE_QUEUED),
      retryable: this.host.store.count(MINE_FAILED),
      cannotCaption: this.host.store.count(CANNOT_CAPTION),
      cannotCaptionShown: this.cannotCaptionShown(),
      estimate: snapshot.active ? batchEstimate(this.tracker.pace, snapshot.total - snapshot.settled, this.speeds) : null,
    });
  }

  /** One scan of the list, and only while there is something to show. */
  private cannotCaptionShown(): CannotCaption[] {
    if (!this.host.store.count(CANNOT_CAPTION)) return [];
    const shown: CannotCaption[] = [];
    for (const { record } of this.host.store.list()) {
      if (shown.length === CANNOT_CAPTION_LISTED) break;
      if (isPermanentFailure(record)) shown.push({ id: record.id, fileName: record.fileName, why: splitFailureMessage(record.error ?? '', record.fileName).headline });
    }
    return shown;
  }

  pause(): void {
    this.host.queue.pause();
    this.coordinator.sharePause(true);
    void this.meta.set(PAUSED_KEY, true).catch(() => {});
    this.speak(this.host.queue.busy ? 'Pausing: the photo being captioned will finish, the rest wait.' : 'Paused: photos wait until you resume.');
  }

  resume(): void {
    this.resumeHere();
    this.coordinator.sharePause(false);
    void this.meta.set(PAUSED_KEY, false).catch(() => {});
    this.speak('Resumed captioning.');
  }

  private resumeHere(): void {
    this.host.queue.resume();
  }

  /** The estimate's faster model for the photos still waiting, through the model panel's own change (consent first). */
  useFasterModel(): void {
    const faster = this.view.estimate?.faster;
    if (!faster || !this.speeds) return;
    this.speeds.useModel(faster.modelId);
    this.speak(`The remaining photos will use ${faster.modelName}; a new estimate follows after its first few photos.`);
    this.updateSoon();
  }

  cancelWaiting(): void {
    const waiting = this.mine().filter((c) => c.record.status === 'queued');
    for (const card of waiting) this.host.cancel(card.record.id);
    this.speak(`Cancelled ${waiting.length} waiting ${waiting.length === 1 ? 'photo' : 'photos'}.`);
  }

  /** Only what may pass: an empty file or an SVG would fail the same way again. */
  retryFailed(): void {
    const failed = this.mine().filter((c) => isRetryableFailure(c.record));
    for (const card of failed) this.host.retry(card.record.id);
    this.speak(`Retrying ${failed.length} failed ${failed.length === 1 ? 'photo' : 'photos'}.`);
  }

  /**
   * While several photos are captioned, each one's own message would drown the reader: the
   * throttled summary speaks for them. A single photo is still announced as it finishes.
   * `photoId`: the photo the message is about (none for the intake's summary or a model problem).
   */
  swallows(photoId: string | undefined): boolean {
    const snapshot = this.tracker.snapshot();
    // The last photo's message arrives just after the batch's final summary: it must not replace it.
    const during = snapshot.total > 1 && (snapshot.active || this.throttle.msUntilDue() !== null || this.now() - this.lastBatchChangeAt < 1_000);
    const card = photoId === undefined ? undefined : this.host.store.get(photoId);
    return during && card !== undefined && isMine(card);
  }

  /** A person's action over this tab's photos: one scan of the list. */
  private mine(): readonly CardView[] {
    return this.host.store.list().filter(isMine);
  }

  private onCardChange(change: CardChange): void {
    const track = (card: CardView | undefined, id: string) => this.tracker.update(id, card && isMine(card) ? card.record.status : undefined, card?.record);
    let moved = false;
    if (change.type === 'added') for (const card of change.cards) moved = track(card, card.record.id) || moved;
    else if (change.type === 'removed') moved = track(undefined, change.card.record.id);
    else if (isCountChange(change) && (isMine(change.before) || isMine(change.after))) moved = track(change.after, change.after.record.id);
    this.batchChanged ||= moved;
    // The counts of waiting and failed photos may have moved even when the batch's did not.
    if (moved || isCountChange(change)) this.updateSoon();
  }

  private updateSoon(): void {
    this.cachedView = null;
    if (this.updatePending) return;
    this.updatePending = true;
    this.coalesce(() => {
      this.updatePending = false;
      this.update();
    });
  }

  private update(): void {
    const changed = this.batchChanged;
    this.batchChanged = false;
    this.cachedView = null;
    const snapshot = this.tracker.snapshot();
    const paused = this.host.queue.paused;
    if (snapshot.total) this.coordinator.publish({ snapshot, paused });
    const shown = snapshot.active ? snapshot : (this.coordinator.remote?.snapshot ?? null);
    // Setting document.title reaches the browser's tab strip each time, even when it is unchanged.
    const title = progressTitle(shown, this.baseTitle);
    if (title !== this.shownTitle) this.setTitle((this.shownTitle = title));
    if (changed && snapshot.total > 1) {
      this.lastBatchChangeAt = this.now();
      this.offer(progressSentence(snapshot, paused));
    }
    const estimate = this.estimates.due(this.view.estimate ?? null);
    if (estimate) this.speak(estimate);
    this.dispatchEvent(new Event('change'));
  }

  private speak(message: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: message }));
  }

  private offer(message: string): void {
    const now = this.throttle.offer(message);
    if (now) return this.speak(now);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => {
      this.flushScheduled = false;
      const due = this.throttle.takeDue();
      if (due) this.speak(due);
    }, this.throttle.msUntilDue() ?? 0);
  }
}

/** A change that moves "waiting" or "failed" of this tab's photos. */
function isCountChange(change: CardChange): boolean {
  if (change.type !== 'changed') return true;
  const { before, after } = change;
  return before.canRetry !== after.canRetry || before.record.status !== after.record.status;
}

/** Photos this tab can act on: added here, so their originals are in memory. */
export function isMine(card: CardView): boolean {
  return card.canRetry;
}

export const MINE_QUEUED = 'mine:queued';
/** This tab's failed photos that may pass on retry. */
export const MINE_FAILED = 'mine:failed';
/** Every failed photo that retrying cannot help, whichever tab added it: no tab can caption it. */
export const CANNOT_CAPTION = 'cannot-caption';

/** The store's tallies behind "Cancel waiting (N)", "Retry failed photos (N)" and "N files cannot be captioned". */
export const batchCounter: CardCounter = (card, into) => {
  if (isPermanentFailure(card.record)) into.push(CANNOT_CAPTION);
  if (!isMine(card)) return;
  if (card.record.status === 'queued') into.push(MINE_QUEUED);
  else if (isRetryableFailure(card.record)) into.push(MINE_FAILED);
};
