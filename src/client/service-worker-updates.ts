/** What ServiceWorkerUpdates needs from the browser; a seam for tests. */
export interface ServiceWorkerHost {
  /** navigator.serviceWorker */
  container: Pick<ServiceWorkerContainer, 'controller' | 'addEventListener'>;
  reload: () => void;
}

const browserHost = (): ServiceWorkerHost => ({ container: navigator.serviceWorker, reload: () => location.reload() });

/**
 * A new version installs in the background and then waits (the worker never skips waiting by
 * itself). This notices the waiting worker, says so ('change'), and switches only when asked:
 * the person chooses the moment, and the caller refuses while a caption runs.
 */
export class ServiceWorkerUpdates extends EventTarget {
  private waiting: ServiceWorker | null = null;
  private switching = false;

  constructor(private readonly host: ServiceWorkerHost = browserHost()) {
    super();
  }

  /** True when a new version is installed and waiting for the person. */
  get available(): boolean {
    return this.waiting !== null;
  }

  watch(registration: ServiceWorkerRegistration | null): void {
    if (!registration) return;
    if (registration.waiting) this.found(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') this.found(installing);
      });
    });
    this.host.container.addEventListener('controllerchange', () => {
      // Only a switch this page asked for reloads it; another tab's choice reloads that tab only
      // (this page keeps running the version it loaded, which is still served from its cache).
      if (this.switching) this.host.reload();
    });
  }

  /** Activates the waiting version; the page reloads once it controls the page. */
  apply(): boolean {
    if (!this.waiting) return false;
    this.switching = true;
    // Another tab already switched: this page is the last one on the old version.
    if (this.waiting.state === 'activated') {
      this.host.reload();
      return true;
    }
    this.waiting.postMessage('skip-waiting');
    return true;
  }

  private found(worker: ServiceWorker): void {
    // The very first install has nothing to replace: it simply becomes the active worker.
    if (!this.host.container.controller) return;
    this.waiting = worker;
    this.dispatchEvent(new Event('change'));
  }
}
