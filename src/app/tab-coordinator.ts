import type { BatchSnapshot } from '../models/batch-progress';
import type { HoldWhileBusy } from './caption-queue';

export const QUEUE_LOCK = 'altscribe-queue';
export const PROGRESS_CHANNEL = 'altscribe-progress';
/** Progress goes to other tabs at most this often; the last state always follows. */
export const PUBLISH_EVERY_MS = 250;

/** The part of the Web Locks API the coordinator uses (navigator.locks in a browser). */
export interface QueueLocks {
  request(name: string, options: { mode: 'exclusive' | 'shared' }, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string; mode?: string }[]; pending?: { name?: string; mode?: string }[] }>;
}

/** The part of BroadcastChannel the coordinator uses. */
export interface ProgressChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface SharedProgress {
  snapshot: BatchSnapshot;
  paused: boolean;
}

type Message = { type: 'hello' } | { type: 'idle' } | { type: 'set-paused'; paused: boolean } | ({ type: 'progress' } & SharedProgress);

/**
 * Only one tab captions at a time: the tab with photos to caption holds a Web Lock while its
 * queue has work, and tells the other tabs how far it is over a BroadcastChannel. Without
 * either API (old browsers) the tab simply runs on its own.
 */
export class TabCoordinator extends EventTarget {
  /** Progress of the batch another tab is running; null when no other tab is captioning. */
  remote: SharedProgress | null = null;
  /** This tab holds the queue lock. */
  holding = false;
  /** This tab has photos waiting for the lock another tab holds. */
  waiting = false;
  private lastPublished: SharedProgress | null = null;
  private lastPostAt = -Infinity;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private watching = false;

  constructor(
    private readonly locks: QueueLocks | undefined,
    private readonly channel: ProgressChannel | undefined,
  ) {
    super();
    channel?.addEventListener('message', (event) => this.receive(event.data as Message));
    // A tab opened mid-batch asks the running tab where it is.
    this.post({ type: 'hello' });
  }

  /** For SerialQueue.holdWith: each stretch of work runs inside the lock. */
  readonly hold: HoldWhileBusy = async (drain) => {
    if (!this.locks) return drain();
    this.waiting = true;
    this.changed();
    await this.locks.request(QUEUE_LOCK, { mode: 'exclusive' }, async () => {
      this.waiting = false;
      this.holding = true;
      this.remote = null;
      this.changed();
      try {
        await drain();
      } finally {
        this.holding = false;
        this.lastPublished = null;
        if (this.publishTimer !== null) clearTimeout(this.publishTimer);
        this.publishTimer = null;
        this.post({ type: 'idle' });
        this.changed();
      }
    });
  };

  /**
   * Another tab holds the queue or waits for it, so the queued and running photos in storage
   * are its own and must not be marked interrupted.
   */
  async queueOwnedElsewhere(): Promise<boolean> {
    if (!this.locks) return false;
    try {
      const { held = [], pending = [] } = await this.locks.query();
      return [...held, ...pending].some((lock) => lock.name === QUEUE_LOCK && lock.mode === 'exclusive');
    } catch {
      return false;
    }
  }

  /** The running tab shares its progress; other tabs ignore this tab's while it is not running. */
  publish(progress: SharedProgress): void {
    if (!this.holding) return;
    this.lastPublished = progress;
    // A batch changes many times a second (every save, every streamed word); other tabs need a
    // few updates a second, and each post is work on this tab's main thread.
    if (this.publishTimer !== null) return;
    const wait = this.lastPostAt + PUBLISH_EVERY_MS - Date.now();
    if (wait <= 0) return this.postProgress();
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      this.postProgress();
    }, wait);
  }

  private postProgress(): void {
    if (!this.holding || !this.lastPublished) return;
    this.lastPostAt = Date.now();
    this.post({ type: 'progress', ...this.lastPublished });
  }

  /** Pause is one setting for every tab (it is stored once): the others follow this tab's choice. */
  sharePause(paused: boolean): void {
    this.post({ type: 'set-paused', paused });
  }

  private receive(message: Message): void {
    switch (message.type) {
      case 'set-paused':
        return void this.dispatchEvent(new CustomEvent('set-paused', { detail: message.paused }));
      case 'hello':
        if (this.lastPublished) this.post({ type: 'progress', ...this.lastPublished });
        return;
      case 'progress':
        if (this.holding) return;
        this.remote = { snapshot: message.snapshot, paused: message.paused };
        this.watchRelease();
        return this.changed();
      case 'idle':
        if (!this.remote) return;
        this.remote = null;
        return this.changed();
    }
  }

  /**
   * A tab that crashes sends no 'idle'; its lock is released all the same. A shared request is
   * granted once no tab holds the queue, which tells this tab the other one is gone.
   */
  private watchRelease(): void {
    if (!this.locks || this.watching) return;
    this.watching = true;
    void this.locks
      .request(QUEUE_LOCK, { mode: 'shared' }, async () => {})
      .catch(() => {})
      .finally(() => {
        this.watching = false;
        if (this.remote && !this.holding) {
          this.remote = null;
          this.changed();
        }
      });
  }

  private post(message: Message): void {
    try {
      this.channel?.postMessage(message);
    } catch (error) {
      console.warn('Could not share progress with other tabs.', error);
    }
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** The coordinator over the browser's own APIs, where they exist. */
export function browserTabCoordinator(): TabCoordinator {
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? (navigator.locks as QueueLocks) : undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(PROGRESS_CHANNEL) : undefined;
  return new TabCoordinator(locks, channel);
}
