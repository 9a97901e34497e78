import { describe, expect, it } from 'vitest';
import { WorkAhead } from './work-ahead';

/** A job per index that finishes when the test says so. */
function heldJobs() {
  const started: number[] = [];
  const finish = new Map<number, () => void>();
  const job = (i: number) => {
    started.push(i);
    return new Promise<string>((resolve) => finish.set(i, () => resolve(`result ${i}`)));
  };
  return { started, finish: (i: number) => finish.get(i)?.(), job };
}
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WorkAhead', () => {
  it('runs at most `parallel` jobs at once and starts the next as one finishes', async () => {
    const jobs = heldJobs();
    const ahead = new WorkAhead(10, jobs.job, { parallel: 3, ahead: 100 });
    expect(jobs.started).toEqual([0, 1, 2]);
    jobs.finish(1);
    await settle();
    expect(jobs.started).toEqual([0, 1, 2, 3]);
    expect([ahead.isDone(0), ahead.isDone(1)]).toEqual([false, true]);
    expect(await ahead.take(1)).toBe('result 1');
  });

  it('holds at most `bytes` of files at once, but always runs one, however big', async () => {
    const jobs = heldJobs();
    const sizes = [40, 50, 20, 200, 10, 10];
    const ahead = new WorkAhead(sizes.length, jobs.job, { parallel: 5, ahead: 100, bytes: 100 }, (i) => sizes[i]!);
    expect(jobs.started).toEqual([0, 1]); // 40 + 50; the 20 would make 110
    jobs.finish(0);
    await settle();
    expect(jobs.started).toEqual([0, 1, 2]); // 50 + 20; the 200 waits for the others
    jobs.finish(1);
    jobs.finish(2);
    await settle();
    expect(jobs.started).toEqual([0, 1, 2, 3]); // alone
    jobs.finish(3);
    await settle();
    expect(jobs.started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await ahead.take(3)).toBe('result 3');
  });

  it('starts nothing more than `ahead` places past the last result taken', async () => {
    const jobs = heldJobs();
    const ahead = new WorkAhead(10, jobs.job, { parallel: 5, ahead: 2 });
    expect(jobs.started).toEqual([0, 1]);
    jobs.finish(0);
    jobs.finish(1);
    await settle();
    expect(jobs.started).toEqual([0, 1]);
    expect(await ahead.take(0)).toBe('result 0');
    expect(jobs.started).toEqual([0, 1, 2]);
  });

  it('hands a failed job’s error to whoever takes it', async () => {
    const ahead = new WorkAhead(1, async () => Promise.reject(new Error('gone')), { parallel: 1, ahead: 1 });
    await settle();
    expect(ahead.isDone(0)).toBe(true);
    await expect(ahead.take(0)).rejects.toThrow('gone');
  });
});
