import { describe, expect, it } from 'vitest';
import { ServiceWorkerUpdates } from './service-worker-updates';

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  readonly messages: unknown[] = [];
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
  startUpdate(): FakeWorker {
    this.installing = new FakeWorker();
    this.dispatchEvent(new Event('updatefound'));
    return this.installing;
  }
}

function setup(controlled: boolean) {
  const container = Object.assign(new EventTarget(), { controller: controlled ? ({} as ServiceWorker) : null });
  let reloads = 0;
  const updates = new ServiceWorkerUpdates({ container, reload: () => reloads++ });
  const registration = new FakeRegistration();
  let changes = 0;
  updates.addEventListener('change', () => changes++);
  updates.watch(registration as unknown as ServiceWorkerRegistration);
  return { container, registration, updates, reloads: () => reloads, changes: () => changes };
}

describe('ServiceWorkerUpdates', () => {
  it('offers a version that installed while the page was open, and switches only when asked', () => {
    const { container, registration, updates, reloads, changes } = setup(true);
    const next = registration.startUpdate();
    expect(updates.available).toBe(false);
    next.become('installed');
    expect(updates.available).toBe(true);
    expect(changes()).toBe(1);
    expect(next.messages).toEqual([]);

    expect(updates.apply()).toBe(true);
    expect(next.messages).toEqual(['skip-waiting']);
    expect(reloads()).toBe(0);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reloads()).toBe(1);
  });

  it('offers a version that was already waiting when the page loaded', () => {
    const container = Object.assign(new EventTarget(), { controller: {} as ServiceWorker });
    const updates = new ServiceWorkerUpdates({ container, reload: () => undefined });
    const registration = new FakeRegistration();
    registration.waiting = new FakeWorker();
    registration.waiting.state = 'installed';
    updates.watch(registration as unknown as ServiceWorkerRegistration);
    expect(updates.available).toBe(true);
  });

  it('does not call the first install an update', () => {
    const { registration, updates, changes } = setup(false);
    registration.startUpdate().become('installed');
    expect(updates.available).toBe(false);
    expect(changes()).toBe(0);
    expect(updates.apply()).toBe(false);
  });

  it('does not reload when another tab switched versions', () => {
    const { container, registration, reloads } = setup(true);
    registration.startUpdate().become('installed');
    container.dispatchEvent(new Event('controllerchange'));
    expect(reloads()).toBe(0);
  });

  it('reloads at once when the waiting version was already activated by another tab', () => {
    const { registration, updates, reloads } = setup(true);
    const next = registration.startUpdate();
    next.become('installed');
    next.become('activated');
    expect(updates.apply()).toBe(true);
    expect(reloads()).toBe(1);
    expect(next.messages).toEqual([]);
  });

  it('does nothing without a registration', () => {
    const updates = new ServiceWorkerUpdates({ container: Object.assign(new EventTarget(), { controller: null }), reload: () => undefined });
    updates.watch(null);
    expect(updates.available).toBe(false);
  });
});
