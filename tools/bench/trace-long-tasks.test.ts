import { EventEmitter } from 'node:events';
import type { CDPSession, Page } from '@playwright/test';
import { describe, expect, it, vi } from 'vitest';
import { HARNESS_MARKS, longMainThreadTasks, MAIN_THREAD_MARK, streamLongTaskTrace, summarize } from '../../e2e/support/trace-long-tasks';

const MAIN = { pid: 1, tid: 7 };
const thread = [
  { name: 'thread_name', ph: 'M', ...MAIN, ts: 0, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', pid: 1, tid: 9, ts: 0, args: { name: 'DedicatedWorker thread' } },
];
const task = (ts: number, durMs: number, cpuMs: number, tid = MAIN.tid) => ({ name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: 1, tid, ts, dur: durMs * 1000, tdur: cpuMs * 1000 });
const inner = (name: string, ts: number, durMs: number, cpuMs: number) => ({ name, ph: 'X', ...MAIN, ts, dur: durMs * 1000, tdur: cpuMs * 1000 });

describe('long main-thread tasks in a Chromium trace', () => {
  it('tells work, a GC pause and waiting for a core apart, on the page main thread only', () => {
    const events = [
      ...thread,
      task(1_000_000, 80, 75),
      inner('FunctionCall', 1_000_100, 70, 68),
      task(2_000_000, 70, 40),
      inner('MajorGC', 2_000_100, 50, 30),
      task(3_000_000, 60, 5),
      task(4_000_000, 40, 40),
      task(5_000_000, 90, 90, 9),
      // Waited most of its time, but still did 60 ms of its own work: that is work.
      task(6_000_000, 500, 60),
    ];
    const tasks = longMainThreadTasks(events);
    expect(tasks.map((t) => [t.wallMs, t.cpuMs, t.ownCpuMs, t.cause])).toEqual([
      [80, 75, 75, 'work'],
      [70, 40, 10, 'gc'],
      [60, 5, 5, 'waited'],
      [500, 60, 60, 'work'],
    ]);
    expect(tasks[0]?.inside[0]).toBe('FunctionCall×1 70 ms (cpu 68)');
    expect(summarize(tasks)).toEqual({ tasks: 4, work: 2, gc: 1, waited: 1, maxCpuMs: 75, maxOwnCpuMs: 75, ownWorkOver50: 2 });
  });

  it('names a task with nothing long inside it by its many short calls and where it was posted from', () => {
    const posted = { ...task(1_000_000, 70, 62), args: { src_file: 'third_party/blink/renderer/modules/indexeddb/idb_request.cc', src_func: 'EnqueueResponse' } };
    const calls = Array.from({ length: 120 }, (_, i) => inner('EventDispatch', 1_000_000 + i * 500, 0.5, 0.5));
    const [long] = longMainThreadTasks([...thread, posted, ...calls]);
    expect(long?.postedFrom).toBe('idb_request.cc:EnqueueResponse');
    expect(long?.inside[0]).toBe('EventDispatch×120 60 ms (cpu 60)');
  });

  it("counts Blink's C++ heap collections and the tasks V8's heap posts for itself as GC, not the page's own work", () => {
    const sweep = { ...task(1_000_000, 413, 165), args: { src_file: 'v8/src/heap/cppgc/sweeper.cc', src_func: 'IncrementalSweepTask::Post' } };
    const oilpan = task(2_000_000, 90, 80);
    const [swept, marked] = longMainThreadTasks([...thread, sweep, oilpan, inner('CppGC.AtomicMark', 2_000_100, 85, 75)]);
    expect([swept?.cause, swept?.ownCpuMs, swept?.postedFrom]).toEqual(['gc', 0, 'sweeper.cc:IncrementalSweepTask::Post']);
    expect([marked?.cause, marked?.ownCpuMs]).toEqual(['gc', 5]);
  });

  it('leaves out the tasks of the harness reading storage between its marks', () => {
    const events = [
      ...thread,
      { name: HARNESS_MARKS.start, ph: 'R', ...MAIN, ts: 990_000 },
      task(1_000_000, 80, 75),
      { name: HARNESS_MARKS.end, ph: 'R', ...MAIN, ts: 1_090_000 },
      task(2_000_000, 90, 85),
    ];
    expect(longMainThreadTasks(events).map((t) => t.wallMs)).toEqual([90]);
  });
});

describe('the light trace streamed during every backlog run', () => {
  it('keeps the main thread the page marked, and classifies its long tasks as they stream in', async () => {
    const cdp = Object.assign(new EventEmitter(), {
      send: async (method: string) => {
        if (method === 'Tracing.end') setImmediate(() => cdp.emit('Tracing.tracingComplete', {}));
      },
    });
    const data = (...value: object[]) => cdp.emit('Tracing.dataCollected', { value });
    const page = Object.assign(new EventEmitter(), { evaluate: async () => data({ name: MAIN_THREAD_MARK, ph: 'R', ...MAIN, ts: 1 }) });
    const stop = await streamLongTaskTrace(page as unknown as Page, cdp as unknown as CDPSession);
    data(task(1_000_000, 80, 75), task(2_000_000, 90, 90, 9), inner('MajorGC', 3_000_100, 50, 30), task(3_000_000, 70, 40), inner('V8.GCScavenger', 3_060_000, 0.2, 0.2), inner('FunctionCall', 4_000_000, 0.5, 0.5));
    const { tasks, cost } = await stop();
    expect(tasks.map((t) => [t.wallMs, t.cause])).toEqual([[80, 'work'], [70, 'gc']]);
    // The short scavenge inside a long task is kept; the short call outside any is not.
    expect(cost).toMatchObject({ events: 7, kept: 4 });
    expect(tasks[1]?.inside).toContain('V8.GCScavenger×1 0 ms (cpu 0)');
  });

  it('hands the trace over and starts a new one every minute, so a long run keeps all of it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const sent: string[] = [];
      const cdp = Object.assign(new EventEmitter(), {
        send: async (method: string) => {
          sent.push(method);
          cdp.emit('sent', method);
          if (method === 'Tracing.end') setImmediate(() => cdp.emit('Tracing.tracingComplete', {}));
        },
      });
      const data = (...value: object[]) => cdp.emit('Tracing.dataCollected', { value });
      const page = Object.assign(new EventEmitter(), { evaluate: async () => data({ name: MAIN_THREAD_MARK, ph: 'R', ...MAIN, ts: 1 }) });
      const stop = await streamLongTaskTrace(page as unknown as Page, cdp as unknown as CDPSession);
      data(task(1_000_000, 80, 75));
      const restarted = new Promise<void>((resolve) => cdp.on('sent', (method: string) => method === 'Tracing.start' && resolve()));
      vi.advanceTimersByTime(60_000);
      await restarted;
      data(task(90_000_000, 90, 85));
      const { tasks } = await stop();
      expect(sent).toEqual(['Tracing.start', 'Tracing.end', 'Tracing.start', 'Tracing.end']);
      expect(tasks.map((t) => t.wallMs)).toEqual([80, 90]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the tasks of the thread a reload brings, marked again when the page loads', async () => {
    const cdp = Object.assign(new EventEmitter(), {
      send: async (method: string) => {
        if (method === 'Tracing.end') setImmediate(() => cdp.emit('Tracing.tracingComplete', {}));
      },
    });
    const data = (...value: object[]) => cdp.emit('Tracing.dataCollected', { value });
    let thread = MAIN;
    const page = Object.assign(new EventEmitter(), { evaluate: async () => data({ name: MAIN_THREAD_MARK, ph: 'R', ...thread, ts: 1 }) });
    const stop = await streamLongTaskTrace(page as unknown as Page, cdp as unknown as CDPSession);
    thread = { pid: MAIN.pid + 1, tid: MAIN.tid + 1 };
    page.emit('load');
    await Promise.resolve();
    data({ ...task(5_000_000, 80, 75), ...thread });
    const { tasks } = await stop();
    expect(tasks.map((t) => t.wallMs)).toEqual([80]);
  });
});
