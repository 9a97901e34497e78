/**
 * Runs caption jobs strictly one after another. The model can only run one caption at a time
 * and a person reviewing results wants them in the order they dropped the photos.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  get size(): number {
    return this.pending;
  }

  push(job: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.tail.then(job).finally(() => this.pending--);
    // One failing job must not stop the ones queued after it.
    this.tail = run.catch(() => {});
    return run;
  }
}
