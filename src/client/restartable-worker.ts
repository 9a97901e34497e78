import { wrap, type Remote } from 'comlink';

/**
 * A comlink worker started on first use and replaced after a crash. A crash (an uncaught error,
 * e.g. a photo too big to read at once) fails only the calls that were running in it; the next
 * call gets a fresh worker. The intake and metadata clients share this; the caption client has
 * its own because it must also reload a model and resume interrupted work.
 */
export class RestartableWorker<Api> {
  private worker: Worker | null = null;
  private api: Remote<Api> | null = null;
  private crashed: ((error: Error) => void)[] = [];

  /** `role` names the worker in the error a crash gives, e.g. "the file reader". */
  constructor(
    private readonly createWorker: () => Worker,
    private readonly role: string,
  ) {}

  /** Runs `run` on the worker's API; rejects if the worker crashes before it settles. */
  async call<T>(run: (api: Remote<Api>) => Promise<T>): Promise<T> {
    const api = this.connect();
    let fail: (error: Error) => void = () => {};
    const crash = new Promise<never>((_, reject) => (fail = reject));
    this.crashed.push(fail);
    try {
      return await Promise.race([run(api), crash]);
    } finally {
      this.crashed = this.crashed.filter((f) => f !== fail);
    }
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private connect(): Remote<Api> {
    if (this.api) return this.api;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = new Error(`${this.role} stopped (${(event as ErrorEvent).message || 'unknown error'})`);
      const pending = this.crashed;
      this.crashed = [];
      if (this.worker === worker) this.dispose();
      for (const fail of pending) fail(error);
    });
    this.worker = worker;
    this.api = wrap<Api>(worker);
    return this.api;
  }
}
