import { PhotoPace } from './batch-estimate';

/** One photo as the batch sees it: its id and its queue state. */
export interface BatchItem {
  id: string;
  status: string;
}

export interface BatchSnapshot {
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Done, failed or cancelled: what the bar and the title count. */
  settled: number;
  /** Photos per minute at the measured pace (batch-estimate.ts); null until it is known. */
  perMinute: number | null;
  etaMs: number | null;
  /** True while photos of this batch are still waiting or running. */
  active: boolean;
}

/** What a finished photo's record says about who captioned it, and the model's own time. */
export interface FinishedBy {
  modelId?: string | undefined;
  device?: string | undefined;
  durationMs?: number | undefined;
}

const PENDING = new Set(['queued', 'running']);
const SETTLED = new Set(['done', 'failed', 'cancelled', 'skipped']);

/** 'cancelled' stands for every other settled state (skipped too): the bar counts them as one. */
function settledKind(status: string): 'done' | 'failed' | 'cancelled' | null {
  if (status === 'done' || status === 'failed') return status;
  return SETTLED.has(status) ? 'cancelled' : null;
}

/**
 * Follows one batch: the photos queued since the queue was last idle. A later photo joins the
 * running batch; once every photo has settled, the next queued photo starts a new batch.
 */
export class BatchTracker {
  private members = new Map<string, string>();
  /** Members per settled kind, kept per change so a snapshot costs the same at 10 or 10,000 photos. */
  private settledCounts = { done: 0, failed: 0, cancelled: 0 };
  /** When each running photo started: only running time is measured, so a pause never counts. */
  private readonly runningSince = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    /** This batch's time per photo on this device. */
    readonly pace = new PhotoPace(),
  ) {}

  /**
   * One photo's state (undefined: it left the list); returns whether the snapshot's counts
   * changed. `by`: the finished photo's record, for who captioned it and the model's own time.
   */
  update(id: string, status: string | undefined, by?: FinishedBy): boolean {
    const before = this.countsKey();
    const previous = this.members.get(id);
    if (status !== undefined && PENDING.has(status) && previous === undefined && !this.counts().active) this.reset();
    if (status === undefined) {
      if (previous !== undefined) this.setMember(id, previous, undefined);
    } else if (previous === undefined) {
      if (PENDING.has(status)) this.setMember(id, undefined, status);
    } else {
      if (previous === 'running' && status === 'done') this.measure(id, by);
      this.setMember(id, previous, status);
    }
    if (status !== 'running') this.runningSince.delete(id);
    else if (!this.runningSince.has(id) && this.members.has(id)) this.runningSince.set(id, this.now());
    return this.countsKey() !== before;
  }

  /** A finished photo's running time joins the pace; a failed or cancelled one says nothing about it. */
  private measure(id: string, by: FinishedBy | undefined): void {
    const since = this.runningSince.get(id);
    if (since === undefined || !by?.modelId) return;
    this.pace.add(`${by.modelId}|${by.device ?? ''}`, { wallMs: this.now() - since, ...(by.durationMs !== undefined ? { modelMs: by.durationMs } : {}) });
  }

  private reset(): void {
    this.members.clear();
    this.settledCounts = { done: 0, failed: 0, cancelled: 0 };
    this.pace.reset();
  }

  private setMember(id: string, previous: string | undefined, status: string | undefined): void {
    const was = previous === undefined ? null : settledKind(previous);
    const now = status === undefined ? null : settledKind(status);
    if (was) this.settledCounts[was]--;
    if (now) this.settledCounts[now]++;
    if (status === undefined) this.members.delete(id);
    else this.members.set(id, status);
  }

  private countsKey(): string {
    const { done, failed, cancelled } = this.settledCounts;
    return `${this.members.size}/${done}/${failed}/${cancelled}`;
  }

  snapshot(): BatchSnapshot {
    const counts = this.counts();
    const msPerPhoto = this.pace.msPerPhoto();
    const remaining = counts.total - counts.settled;
    const perMinute = msPerPhoto ? 60_000 / msPerPhoto : null;
    const etaMs = remaining === 0 ? 0 : msPerPhoto === null ? null : remaining * msPerPhoto;
    return { ...counts, perMinute, etaMs };
  }

  private counts() {
    const { done, failed, cancelled } = this.settledCounts;
    const settled = done + failed + cancelled;
    return { total: this.members.size, done, failed, cancelled, settled, active: settled < this.members.size };
  }
}

/** "about 3 min left"; an honest "estimating" before there is a rate to go by. */
export function etaText(snapshot: Pick<BatchSnapshot, 'etaMs' | 'active'>): string {
  if (!snapshot.active) return '';
  if (snapshot.etaMs === null) return 'estimating time left';
  const minutes = Math.round(snapshot.etaMs / 60_000);
  if (minutes < 1) return 'less than a minute left';
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `about ${hours} h ${rest} min left` : `about ${hours} h left`;
}

export function rateText(perMinute: number | null): string {
  if (perMinute === null) return '';
  return `${perMinute >= 10 ? Math.round(perMinute) : perMinute.toFixed(1)} photos per minute`;
}

/** "(12/40) Altscribe" while a batch runs, the plain title otherwise. */
export function progressTitle(snapshot: Pick<BatchSnapshot, 'active' | 'settled' | 'total'> | null, base: string): string {
  return snapshot?.active ? `(${snapshot.settled}/${snapshot.total}) ${base}` : base;
}

/**
 * What a screen reader hears every few seconds: counts and failures. Not the time left: with
 * slow photos that would be spoken after every photo; the estimate is spoken on its own, when
 * first known and then rarely (batch-time-left.ts).
 */
export function progressSentence(snapshot: BatchSnapshot, paused = false): string {
  const failures = snapshot.failed ? `, ${snapshot.failed} failed` : '';
  if (!snapshot.active) return `Batch finished: ${snapshot.done} of ${snapshot.total} photos captioned${failures}.`;
  if (paused) return `Paused: ${snapshot.settled} of ${snapshot.total} photos finished${failures}.`;
  return `${snapshot.settled} of ${snapshot.total} photos finished${failures}.`;
}

/**
 * At most one announcement per interval: a message offered too soon waits, and a newer one
 * replaces it, so a screen reader hears the latest state rather than every item.
 */
export class AnnouncementThrottle {
  private lastSpokenAt = Number.NEGATIVE_INFINITY;
  private waiting: string | null = null;

  constructor(
    private readonly intervalMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The message to speak now, or null when it must wait (see msUntilDue / takeDue). */
  offer(message: string): string | null {
    this.waiting = message;
    return this.takeDue();
  }

  takeDue(): string | null {
    if (this.waiting === null || this.now() - this.lastSpokenAt < this.intervalMs) return null;
    const message = this.waiting;
    this.waiting = null;
    this.lastSpokenAt = this.now();
    return message;
  }

  /** How long until the waiting message may be spoken; null when nothing waits. */
  msUntilDue(): number | null {
    if (this.waiting === null) return null;
    return Math.max(0, this.lastSpokenAt + this.intervalMs - this.now());
  }
}
