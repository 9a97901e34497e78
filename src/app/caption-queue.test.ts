import { describe, expect, it } from 'vitest';
import { SerialQueue } from './caption-queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

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
