import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchSnapshot } from '../models/batch-progress';
import { SerialQueue } from './caption-queue';
import { PUBLISH_EVERY_MS, QUEUE_LOCK, TabCoordinator, type ProgressChannel, type QueueLocks } from './tab-coordinator';

type Mode = 'exclusive' | 'shared';

/** Web Locks as the spec has them, for one name space: requests granted in order, shared ones together. */
class FakeLocks implements QueueLocks {
  private held: { name: string; mode: Mode }[] = [];
  private pending: { name: string; mode: Mode; grant: () => void }[] = [];

  request(name: string, options: { mode: Mode }, callback: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry = {
        name,
        mode: options.mode,
        grant: () => {
          const lock = { name, mode: options.mode };
          this.held.push(lock);
          void callback()
            .then(resolve, reject)
            .finally(() => {
              this.held = this.held.filter((l) => l !== lock);
              this.grantWaiting();
            });
        },
      };
      this.pending.push(entry);
      this.grantWaiting();
    });
  }

  async query() {
    return { held: this.held.map(({ name, mode }) => ({ name, mode })), pending: this.pending.map(({ name, mode }) => ({ name, mode })) };
  }

  /** A crashed tab: its held locks vanish without its callback finishing. */
  dropAll(name: string): void {
    this.held = this.held.filter((l) => l.name !== name);
    this.grantWaiting();
  }

  private grantWaiting(): void {
    while (this.pending.length) {
      const next = this.pending[0]!;
      const held = this.held.filter((l) => l.name === next.name);
      const free = next.mode === 'shared' ? held.every((l) => l.mode === 'shared') : held.length === 0;
      if (!free) return;
      this.pending.shift();
      next.grant();
    }
  }
}

/** BroadcastChannel between fake tabs: a message reaches every other channel, asynchronously. */
class FakeBus {
  private channels = new Set<FakeChannel>();
  open(): FakeChannel {
    const channel = new FakeChannel(this.channels);
    this.channels.add(channel);
    return channel;
  }
}

class FakeChannel implements ProgressChannel {
  private listeners: ((event: MessageEvent) => void)[] = [];
  constructor(private readonly peers: Set<FakeChannel>) {}
  postMessage(message: unknown): void {
    const copy = structuredClone(message);
    for (const peer of this.peers) if (peer !== this) setTimeout(() => peer.listeners.forEach((l) => l({ data: copy } as MessageEvent)));
  }
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.push(listener);
  }
}

/**
 * Delivers every message on the (fake-timed) bus, the answers to it and the lock hand-overs
 * they lead to, until nothing is left to run.
 */
async function tick(): Promise<void> {
  await vi.runAllTimersAsync();
}

const snapshot = (settled: number, total: number): BatchSnapshot => ({ total, done: settled, failed: 0, cancelled: 0, settled, perMinute: null, etaMs: null, active: settled < total });

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

function tab(locks: FakeLocks, bus: FakeBus) {
  const coordinator = new TabCoordinator(locks, bus.open());
  const queue = new SerialQueue();
  queue.holdWith(coordinator.hold);
  return { coordinator, queue };
}

describe('TabCoordinator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets only one tab caption at a time; the other starts when the first is done', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const a = tab(locks, bus);
    const b = tab(locks, bus);
    const log: string[] = [];
    const first = gate();
    const doneA = a.queue.push(async () => {
      log.push('a start');
      await first.opened;
      log.push('a end');
    });
    await tick();
    const doneB = b.queue.push(async () => void log.push('b'));
    await tick();
    expect(log).toEqual(['a start']);
    expect(a.coordinator.holding).toBe(true);
    expect(b.coordinator.waiting).toBe(true);
    first.open();
    await Promise.all([doneA, doneB]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('shows the running tab’s progress in other tabs, and clears it when that tab is idle', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const a = tab(locks, bus);
    const b = tab(locks, bus);
    const work = gate();
    const done = a.queue.push(() => work.opened);
    await tick();
    a.coordinator.publish({ snapshot: snapshot(3, 10), paused: false });
    await tick();
    expect(b.coordinator.remote?.snapshot).toMatchObject({ settled: 3, total: 10 });
    work.open();
    await done;
    await tick();
    expect(b.coordinator.remote).toBeNull();
  });

  it('answers a newly opened tab with the current progress', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const a = tab(locks, bus);
    const work = gate();
    void a.queue.push(() => work.opened);
    await tick();
    a.coordinator.publish({ snapshot: snapshot(5, 40), paused: true });
    const late = new TabCoordinator(locks, bus.open());
    await tick();
    expect(late.remote).toEqual({ snapshot: snapshot(5, 40), paused: true });
    work.open();
  });

  it('sends a burst of progress as one message now and the latest state once the interval has passed', async () => {
    vi.useFakeTimers();
    try {
      const locks = new FakeLocks();
      const bus = new FakeBus();
      const a = tab(locks, bus);
      const seen: number[] = [];
      bus.open().addEventListener('message', (e) => (e.data as { type: string }).type === 'progress' && seen.push((e.data as { snapshot: BatchSnapshot }).snapshot.settled));
      const work = gate();
      void a.queue.push(() => work.opened);
      await vi.advanceTimersByTimeAsync(0);
      for (let settled = 1; settled <= 20; settled++) a.coordinator.publish({ snapshot: snapshot(settled, 40), paused: false });
      await vi.advanceTimersByTimeAsync(0);
      expect(seen).toEqual([1]);
      await vi.advanceTimersByTimeAsync(PUBLISH_EVERY_MS + 1);
      expect(seen).toEqual([1, 20]);
      work.open();
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not publish from a tab that is not running the queue', async () => {
    const bus = new FakeBus();
    const locks = new FakeLocks();
    const a = new TabCoordinator(locks, bus.open());
    const b = new TabCoordinator(locks, bus.open());
    a.publish({ snapshot: snapshot(1, 2), paused: false });
    await tick();
    expect(b.remote).toBeNull();
  });

  it('notices a crashed running tab through the lock, without any message', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const a = tab(locks, bus);
    const b = new TabCoordinator(locks, bus.open());
    void a.queue.push(() => new Promise<void>(() => {})); // never finishes: the tab dies mid-caption
    await tick();
    a.coordinator.publish({ snapshot: snapshot(2, 9), paused: false });
    await tick();
    expect(b.remote).not.toBeNull();
    locks.dropAll(QUEUE_LOCK);
    await tick();
    expect(b.remote).toBeNull();
  });

  it('says when another tab owns the queue, so its queued photos are not marked interrupted', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const a = tab(locks, bus);
    const fresh = new TabCoordinator(locks, bus.open());
    expect(await fresh.queueOwnedElsewhere()).toBe(false);
    const work = gate();
    const done = a.queue.push(() => work.opened);
    await tick();
    expect(await fresh.queueOwnedElsewhere()).toBe(true);
    work.open();
    await done;
    await tick();
    expect(await fresh.queueOwnedElsewhere()).toBe(false);
  });

  it('passes a pause chosen in one tab to the others', async () => {
    const bus = new FakeBus();
    const locks = new FakeLocks();
    const a = new TabCoordinator(locks, bus.open());
    const b = new TabCoordinator(locks, bus.open());
    const heard: boolean[] = [];
    b.addEventListener('set-paused', (e) => heard.push((e as CustomEvent<boolean>).detail));
    let echoed = 0;
    a.addEventListener('set-paused', () => echoed++);
    a.sharePause(true);
    a.sharePause(false);
    await tick();
    expect(heard).toEqual([true, false]);
    expect(echoed).toBe(0);
  });

  it('runs the queue directly where the browser has no Web Locks', async () => {
    const coordinator = new TabCoordinator(undefined, undefined);
    const queue = new SerialQueue();
    queue.holdWith(coordinator.hold);
    let ran = false;
    await queue.push(async () => void (ran = true));
    expect(ran).toBe(true);
    expect(await coordinator.queueOwnedElsewhere()).toBe(false);
  });
});
