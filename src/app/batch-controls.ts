import { getMeta, setMeta } from '../storage';
import type { CardView } from './altscribe-controller';
import { AnnouncementThrottle, BatchTracker, progressSentence, progressTitle, type BatchSnapshot } from './batch-stats';
import type { SerialQueue } from './caption-queue';
import type { SharedProgress, TabCoordinator } from './tab-coordinator';

export const PAUSED_KEY = 'queuePaused';

/** What the batch controls need from the app controller. */
export interface QueueHost extends EventTarget {
  readonly cards: readonly CardView[];
  readonly queue: SerialQueue;
  cancel(id: string): void;
  retry(id: string): void;
}

export interface BatchControlsOptions {
  now?: () => number;
  meta?: { get(key: string): Promise<unknown>; set(key: string, value: unknown): Promise<void> };
  setTitle?: (title: string) => void;
  schedule?: (run: () => void, ms: number) => unknown;
  /** Runs the recount after a burst of list changes; tests pass one that runs at once. */
  coalesce?: (run: () => void) => void;
  announceEveryMs?: number;
}

/** List changes are recounted at most this often: the title and the other tabs need no more. */
export const RECOUNT_EVERY_MS = 100;

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
  retryable: number;
}

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
  /** The records (and whether each is this tab's) last counted: streamed text changes neither. */
  private lastRecords: readonly unknown[] = [];
  private lastMine: readonly boolean[] = [];
  private cachedView: BatchView | null = null;
  private readonly coalesce: (run: () => void) => void;
  private recountPending = false;
  private recountForced = false;
  private shownTitle: string | null = null;

  constructor(
    private readonly host: QueueHost,
    private readonly coordinator: TabCoordinator,
    options: BatchControlsOptions = {},
  ) {
    super();
    const now = (this.now = options.now ?? Date.now);
    this.tracker = new BatchTracker(now);
    this.throttle = new AnnouncementThrottle(options.announceEveryMs ?? 5_000, now);
    this.meta = options.meta ?? { get: getMeta, set: setMeta };
    this.setTitle = options.setTitle ?? ((title) => (document.title = title));
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
    this.coalesce = options.coalesce ?? ((run) => void setTimeout(run, RECOUNT_EVERY_MS));
    this.baseTitle = typeof document === 'undefined' ? 'Altscribe' : document.title || 'Altscribe';
    host.queue.holdWith(coordinator.hold);
    // Every save and every streamed word changes the list; counting a 10,000-card list each time
    // made adding a folder quadratic. One recount per burst sees the same end state.
    host.addEventListener('change', () => this.recountSoon(false));
    // Adding a folder pushes one job per photo: a recount per push made the intake task quadratic too.
    host.queue.addEventListener('change', () => this.recountSoon(true));
    coordinator.addEventListener('change', () => this.recountSoon(true));
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
    const mine = this.mine();
    const snapshot = this.tracker.snapshot();
    return (this.cachedView = {
      snapshot: snapshot.total ? snapshot : null,
      remote: this.coordinator.remote,
      paused: this.host.queue.paused,
      waitingForOtherTab: this.coordinator.waiting && this.coordinator.remote !== null,
      waiting: mine.filter((c) => c.record.status === 'queued').length,
      retryable: mine.filter((c) => c.record.status === 'failed').length,
    });
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
    if (this.host.queue.paused) this.tracker.restartRate();
    this.host.queue.resume();
  }

  cancelWaiting(): void {
    const waiting = this.mine().filter((c) => c.record.status === 'queued');
    for (const card of waiting) this.host.cancel(card.record.id);
    this.speak(`Cancelled ${waiting.length} waiting ${waiting.length === 1 ? 'photo' : 'photos'}.`);
  }

  retryFailed(): void {
    const failed = this.mine().filter((c) => c.record.status === 'failed');
    for (const card of failed) this.host.retry(card.record.id);
    this.speak(`Retrying ${failed.length} failed ${failed.length === 1 ? 'photo' : 'photos'}.`);
  }

  /**
   * While several photos are captioned, each one's own message would drown the reader: the
   * throttled summary speaks for them. A single photo is still announced as it finishes.
   */
  swallows(message: string): boolean {
    const snapshot = this.tracker.snapshot();
    // The last photo's message arrives just after the batch's final summary: it must not replace it.
    const during = snapshot.total > 1 && (snapshot.active || this.throttle.msUntilDue() !== null || this.now() - this.lastBatchChangeAt < 1_000);
    // Only messages about one photo: the intake's summary or a model problem still get through.
    return during && this.mine().some((c) => c.record.fileName && message.includes(c.record.fileName));
  }

  /** Photos this tab can act on: added here, so their originals are in memory. */
  private mine(): readonly CardView[] {
    return this.host.cards.filter((c) => c.canRetry);
  }

  /** One recount per burst of changes; `force` when the queue or another tab changed, not only the list. */
  private recountSoon(force: boolean): void {
    this.recountForced ||= force;
    if (this.recountPending) return;
    this.recountPending = true;
    this.coalesce(() => {
      const forced = this.recountForced;
      this.recountPending = false;
      this.recountForced = false;
      this.update(forced);
    });
  }

  private update(force = false): void {
    const same = this.sameRecords();
    if (same && !force) return;
    this.cachedView = null;
    const changed = !same && this.tracker.observe(this.mine().map((c) => ({ id: c.record.id, status: c.record.status })));
    if (!changed && !force) return;
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
    this.dispatchEvent(new Event('change'));
  }

  /** Cheap enough to run on every streamed word of a 10,000-photo list. */
  private sameRecords(): boolean {
    const cards = this.host.cards;
    let same = cards.length === this.lastRecords.length;
    for (let i = 0; same && i < cards.length; i++) same = cards[i]!.record === this.lastRecords[i] && cards[i]!.canRetry === this.lastMine[i];
    if (same) return true;
    this.lastRecords = cards.map((c) => c.record);
    this.lastMine = cards.map((c) => c.canRetry);
    return false;
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
