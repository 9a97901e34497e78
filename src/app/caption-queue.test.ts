import { describe, expect, it, vi } from 'vitest';
import { SerialQueue } from './caption-queue';
import { promisesSettled, until } from '../test-support/wait';

// The queue is promises alone: once they have settled, whatever it was going to start has started.
const tick = promisesSettled;

describe('SerialQueue', () => {
  it('runs jobs one at a time, in order', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const job = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
    };
    await Promise.all([q.push(job('a')), q.push(job('b')), q.push(job('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a job fails, and reports that failure to its caller', async () => {
    const q = new SerialQueue();
    const failed = q.push(async () => {
      throw new Error('bad photo');
    });
    const after = q.push(async () => {});
    await expect(failed).rejects.toThrow('bad photo');
    await expect(after).resolves.toBeUndefined();
    expect(q.size).toBe(0);
  });
});

describe('SerialQueue pause and resume', () => {
  function gatedJob(log: string[], name: string) {
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    return { finish, job: async () => { log.push(`start ${name}`); await gate; log.push(`end ${name}`); } };
  }

  it('lets the running job finish, then holds the rest until resume', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const a = gatedJob(log, 'a');
    const pa = q.push(a.job);
    const pb = q.push(async () => void log.push('b'));
    const pc = q.push(async () => void log.push('c'));
    await until(q, 'change', () => q.busy);
    expect(log).toEqual(['start a']);
    q.pause();
    expect(q.paused).toBe(true);
    a.finish();
    await pa;
    await tick();
    expect(log).toEqual(['start a', 'end a']);
    expect(q.size).toBe(2);
    expect(q.busy).toBe(false);
    q.resume();
    await Promise.all([pb, pc]);
    expect(log).toEqual(['start a', 'end a', 'b', 'c']);
    expect(q.size).toBe(0);
  });

  it('queues jobs pushed while paused without starting them', async () => {
    const q = new SerialQueue();
    q.pause();
    let ran = false;
    const p = q.push(async () => void (ran = true));
    await tick();
    expect(ran).toBe(false);
    expect(q.size).toBe(1);
    q.resume();
    await p;
    expect(ran).toBe(true);
  });

  it('runs each stretch of work inside the hold, and starts a new stretch for later jobs', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    q.holdWith(async (drain) => {
      log.push('acquire');
      await drain();
      log.push('release');
    });
    await Promise.all([q.push(async () => void log.push('a')), q.push(async () => void log.push('b'))]);
    await tick();
    await q.push(async () => void log.push('c'));
    await tick();
    expect(log).toEqual(['acquire', 'a', 'b', 'release', 'acquire', 'c', 'release']);
  });

  it('runs jobs directly when the hold itself fails', async () => {
    const q = new SerialQueue();
    q.holdWith(async () => {
      throw new Error('no locks here');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let ran = false;
    await q.push(async () => void (ran = true));
    expect(ran).toBe(true);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('tells listeners when its state changes', async () => {
    const q = new SerialQueue();
    let changes = 0;
    q.addEventListener('change', () => changes++);
    q.pause();
    q.pause();
    q.resume();
    expect(changes).toBe(2);
  });
});
