/**
 * Wraps one uninterrupted stretch of work (from the first job until the queue is empty) so that
 * only one tab runs captions at a time: with Web Locks the stretch holds the lock.
 */
export type HoldWhileBusy = (drain: () => Promise<void>) => Promise<void>;

interface Entry {
  job: () => Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const runDirectly: HoldWhileBusy = (drain) => drain();

/**
 * Runs caption jobs strictly one after another. The model can only run one caption at a time
 * and a person reviewing results wants them in the order they dropped the photos.
 * Pausing lets the running job finish and holds the rest until resume.
 */
export class SerialQueue extends EventTarget {
  private readonly entries: Entry[] = [];
  private running = false;
  private draining = false;
  private pausedFlag = false;
  private wake: (() => void) | null = null;
  private hold: HoldWhileBusy = runDirectly;

  /** Jobs not yet finished, the running one included. */
  get size(): number {
    return this.entries.length + (this.running ? 1 : 0);
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** True while a job runs (a paused queue finishes its running job first). */
  get busy(): boolean {
    return this.running;
  }

  /** Set before the first push; later stretches of work use it too. */
  holdWith(hold: HoldWhileBusy): void {
    this.hold = hold;
  }

  pause(): void {
    if (this.pausedFlag) return;
    this.pausedFlag = true;
    this.changed();
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.wake?.();
    this.wake = null;
    this.changed();
  }

  push(job: () => Promise<void>): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.entries.push({ job, resolve, reject }));
    this.start();
    this.changed();
    return done;
  }

  private start(): void {
    if (this.draining) return;
    this.draining = true;
    void this.hold(() => this.drain())
      .catch((error: unknown) => {
        // Without the lock, captioning in this tab still beats captioning nowhere.
        console.warn('Could not coordinate the caption queue with other tabs; running here.', error);
        this.hold = runDirectly;
      })
      .finally(() => {
        this.draining = false;
        // A job pushed while the hold was being released needs a stretch of its own.
        if (this.entries.length) this.start();
      });
  }

  private async drain(): Promise<void> {
    // Jobs start after the caller's synchronous code, as a promise chain would run them.
    await Promise.resolve();
    for (;;) {
      while (this.pausedFlag) await new Promise<void>((resolve) => (this.wake = resolve));
      const entry = this.entries.shift();
      if (!entry) return;
      this.running = true;
      this.changed();
      try {
        await entry.job();
        entry.resolve();
      } catch (error) {
        // One failing job must not stop the ones queued after it.
        entry.reject(error);
      } finally {
        this.running = false;
        this.changed();
      }
    }
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
