/**
 * Jobs that run ahead of the code that uses their results, in order: hashing the next photos
 * while the cards of the previous ones are stored. At most `parallel` jobs run at once, holding
 * at most `bytes` of files between them (each holds a whole file in memory while it is read; one
 * bigger file still runs, alone), and none starts more than `ahead` places past the last result
 * taken, so a folder of 10,000 photos is never read all at once.
 */
export class WorkAhead<T> {
  private readonly running = new Map<number, Promise<T>>();
  private readonly finished = new Set<number>();
  private started = 0;
  private inProgress = 0;
  private taken = 0;
  private bytesInProgress = 0;

  constructor(
    private readonly count: number,
    private readonly job: (index: number) => Promise<T>,
    private readonly limits: { parallel: number; ahead: number; bytes?: number },
    /** Job `index`'s file size, for the `bytes` limit. */
    private readonly sizeOf: (index: number) => number = () => 0,
  ) {
    this.fill();
  }

  /** Whether job `index`'s result is there to take without waiting. */
  isDone(index: number): boolean {
    return this.finished.has(index);
  }

  /** Job `index`'s result; each index is taken once, in order. */
  async take(index: number): Promise<T> {
    this.taken = Math.max(this.taken, index + 1);
    this.fill();
    const result = this.running.get(index);
    if (!result) throw new RangeError(`no job ${index} (of ${this.count}), or it was taken already`);
    try {
      return await result;
    } finally {
      this.running.delete(index);
      this.finished.delete(index);
    }
  }

  private fill(): void {
    const { parallel, ahead, bytes = Infinity } = this.limits;
    while (this.inProgress < parallel && this.started < this.count && this.started < this.taken + ahead && (this.inProgress === 0 || this.bytesInProgress + this.sizeOf(this.started) <= bytes)) {
      this.start(this.started++);
    }
  }

  private start(index: number): void {
    const size = this.sizeOf(index);
    this.inProgress++;
    this.bytesInProgress += size;
    const settle = () => {
      this.inProgress--;
      this.bytesInProgress -= size;
      if (this.running.has(index)) this.finished.add(index);
      this.fill();
    };
    const result = this.job(index);
    result.then(settle, settle);
    this.running.set(index, result);
  }
}
