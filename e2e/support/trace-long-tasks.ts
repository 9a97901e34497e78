/**
 * A Chromium trace of the page's main thread for the backlog run: which tasks took over 50 ms,
 * how much of that was CPU time (a task far longer than its CPU time waited for a core), and
 * what ran inside them (major GCs, layouts, script). The long-task observer says that a task was
 * long; the trace says why. Every backlog run streams a light trace (streamLongTaskTrace);
 * `BACKLOG_TRACE_MS` and `BACKLOG_TRACE=all` (e2e/backlog.spec.ts) also write the raw trace.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

/** Why a task was long: its own CPU work, a garbage collection inside it, or waiting for a core. */
export type LongTaskCause = 'work' | 'gc' | 'waited';

export interface TracedTask {
  wallMs: number;
  cpuMs: number;
  /** CPU time outside garbage collection: the work the app's own code can shorten. */
  ownCpuMs: number;
  cause: LongTaskCause;
  /** The heaviest events inside the task, "name×count wall ms (cpu ms)", small ones included. */
  inside: string[];
  /** Where Chromium posted the task from ("file:function"): says what kind of task it was when nothing inside it does. */
  postedFrom?: string;
}

export interface TraceSummary {
  tasks: number;
  /** Tasks by cause; `work` is what the app's own code can shorten. */
  work: number;
  gc: number;
  waited: number;
  /** The most CPU any one task used (ms). */
  maxCpuMs: number;
  /** The most CPU any one task used outside garbage collection (ms): the goal is under 50. */
  maxOwnCpuMs: number;
  /** Tasks with 50 ms or more of CPU outside garbage collection, however long they waited. */
  ownWorkOver50: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; src_file?: string; src_func?: string };
}

/** Everything: layouts, GC phases, script. About 4 MB of trace per second of the batch. */
const DETAILED = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'toplevel', 'blink', 'blink.user_timing'];
/** Tasks, GCs, style and layout: light enough to trace a whole 1,000-photo run. */
const LIGHT = ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.gc', 'cppgc', 'blink.user_timing'];
const GC_EVENTS = new Set(['MajorGC', 'MinorGC', 'V8.GCFinalizeMC', 'V8.GC_MARK_COMPACTOR', 'V8.GCScavenger', 'V8.GC_SCAVENGER', 'V8.GCIncrementalMarking', 'BlinkGC.AtomicPhase']);
/** Blink's C++ heap (Oilpan) collects on the main thread too; its events are CppGC.*. */
const isGcEvent = (name: string) => GC_EVENTS.has(name) || name.startsWith('CppGC.');
/**
 * Tasks V8's heap posts for itself (v8/src/heap/…: Oilpan's incremental sweep, incremental
 * marking, the memory reducer): all their time is the collector's, even when the trace has no
 * GC event inside them to say so.
 */
const GC_POSTED = /^v8\/src\/heap\//;

/** Starts tracing the page; the returned function stops, writes the raw trace to `file`, and returns the main thread's tasks over 50 ms. */
export async function startTrace(page: Page, detail: 'detailed' | 'light'): Promise<(file: string) => Promise<TracedTask[]>> {
  const browser = page.context().browser();
  if (!browser) return async () => [];
  await browser.startTracing(page, { categories: detail === 'detailed' ? DETAILED : LIGHT });
  return async (file) => {
    const buffer = await browser.stopTracing();
    writeFileSync(file, buffer);
    const parsed = JSON.parse(buffer.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
    return longMainThreadTasks(Array.isArray(parsed) ? parsed : parsed.traceEvents);
  };
}

/** Traces the page for `ms` with every category. */
export async function traceFor(page: Page, ms: number, file: string): Promise<TracedTask[]> {
  const stop = await startTrace(page, 'detailed');
  await page.waitForTimeout(ms);
  return stop(file);
}

/** What a streamed trace cost: events the browser sent, and those kept to classify long tasks. */
export interface TraceCost {
  events: number;
  kept: number;
  seconds: number;
}

/** How long one piece of the streamed trace runs before it is handed over and a new one starts. */
const SEGMENT_MS = 60_000;

/** The page marks its main thread with this at every load (and when a trace starts), so a streamed trace can tell it apart. */
export const MAIN_THREAD_MARK = 'backlog:main-thread';

/**
 * The light trace for every run: events are streamed from the browser and filtered as they come
 * (the page's main thread, events of 1 ms or more, harness marks), so memory stays small however
 * long the run. The raw trace is not kept. The returned function stops it and classifies the
 * main thread's tasks over 50 ms.
 */
export async function streamLongTaskTrace(page: Page, cdp: CDPSession): Promise<() => Promise<{ tasks: TracedTask[]; cost: TraceCost }>> {
  const mains = new Set<string>();
  let waiting: TraceEvent[] | null = []; // everything until the main thread is known (moments)
  const kept: TraceEvent[] = [];
  // The main thread's events of the current segment, of any length, until it ends: then the
  // events inside a long task are kept whatever their length (a task of many short calls is
  // still attributed), and elsewhere only those of 1 ms or more.
  let pending: TraceEvent[] = [];
  let events = 0;
  const keep = (e: TraceEvent) => {
    const thread = `${e.pid}:${e.tid}`;
    if (e.name === MAIN_THREAD_MARK) mains.add(thread);
    if (!mains.has(thread)) return;
    if (e.name === HARNESS_MARKS.start || e.name === HARNESS_MARKS.end || e.ph === 'X') pending.push(e);
  };
  const settle = () => {
    kept.push(...keptOfSegment(pending));
    pending = [];
  };
  const collected = (payload: { value: object[] }) => {
    const value = payload.value as TraceEvent[];
    events += value.length;
    if (waiting) waiting.push(...value);
    else for (const e of value) keep(e);
    if (waiting && value.some((e) => e.name === MAIN_THREAD_MARK)) {
      for (const e of waiting.filter((e) => e.name === MAIN_THREAD_MARK)) keep(e);
      for (const e of waiting) if (e.name !== MAIN_THREAD_MARK) keep(e);
      waiting = null;
    }
  };
  cdp.on('Tracing.dataCollected', collected);
  const started = Date.now();
  const markMainThread = () => page.evaluate((mark) => performance.mark(mark), MAIN_THREAD_MARK).catch(() => undefined);
  const begin = async () => {
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: LIGHT, recordMode: 'recordContinuously' } });
    await markMainThread();
  };
  const end = async () => {
    const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.end');
    await complete;
    settle();
  };
  await begin();
  // Chromium hands a ReportEvents trace over when it ends, from a ring buffer: a 10,000-photo run
  // (30 min) kept only its last minutes. So the trace is ended and started again every
  // SEGMENT_MS; a task that spans a restart (a few ms) is not seen.
  let segments: Promise<void> = Promise.resolve();
  const restart = setInterval(() => {
    segments = segments.then(end).then(begin).catch(() => undefined);
  }, SEGMENT_MS);
  // Marked again now and then and after each load: a reload may bring a new renderer thread.
  const remark = setInterval(() => void markMainThread(), 10_000);
  page.on('load', markMainThread);
  return async () => {
    clearInterval(restart);
    clearInterval(remark);
    page.off('load', markMainThread);
    await segments;
    await end();
    cdp.off('Tracing.dataCollected', collected);
    const threadNames = [...mains].map((thread) => {
      const [pid, tid] = thread.split(':').map(Number) as [number, number];
      return { name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name: 'CrRendererMain' } };
    });
    return { tasks: longMainThreadTasks([...threadNames, ...kept]), cost: { events, kept: kept.length, seconds: Math.round((Date.now() - started) / 1000) } };
  };
}

/** Of one segment's main-thread events: marks, events of 1 ms or more, and every event inside a task over 50 ms. */
export function keptOfSegment(segment: readonly TraceEvent[]): TraceEvent[] {
  const long = segment.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000).map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const);
  const insideLong = (e: TraceEvent) => long.some(([from, to]) => e.ts >= from && e.ts + (e.dur ?? 0) <= to);
  return segment.filter((e) => e.ph !== 'X' || (e.dur ?? 0) >= 1000 || insideLong(e));
}

/** performance.mark names around the harness's own reads of storage, whose tasks are not the app's. */
export const HARNESS_MARKS = { start: 'backlog:harness-read', end: 'backlog:harness-read-end' } as const;

export function longMainThreadTasks(events: readonly TraceEvent[]): TracedTask[] {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const slices = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const harness = harnessWindows(events);
  // Chromium nests ThreadControllerImpl::RunTask around RunTask: count the outer one only.
  const tasks = slices.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000 && !harness.some(([from, to]) => e.ts <= to && e.ts + (e.dur ?? 0) >= from));
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const totals = new Map<string, { n: number; dur: number; tdur: number }>();
    for (const e of slices) {
      if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > end || /RunTask/.test(e.name)) continue;
      const t = totals.get(e.name) ?? { n: 0, dur: 0, tdur: 0 };
      totals.set(e.name, { n: t.n + 1, dur: t.dur + (e.dur ?? 0), tdur: t.tdur + (e.tdur ?? 0) });
    }
    const wallMs = Math.round((task.dur ?? 0) / 1000);
    const cpuMs = Math.round((task.tdur ?? 0) / 1000);
    // GC events nest (MajorGC > V8.GC_MARK_COMPACTOR > …): the longest one stands for the pause.
    const gc = [...totals].filter(([name]) => isGcEvent(name)).map(([, t]) => t);
    const collectorTask = GC_POSTED.test(task.args?.src_file ?? '');
    const gcMs = collectorTask ? wallMs : Math.max(0, ...gc.map((t) => t.dur / 1000));
    const ownCpuMs = collectorTask ? 0 : Math.max(0, cpuMs - Math.round(Math.max(0, ...gc.map((t) => t.tdur / 1000))));
    const inside = [...totals].sort((a, b) => b[1].dur - a[1].dur).slice(0, 6).map(([name, t]) => `${name}×${t.n} ${Math.round(t.dur / 1000)} ms (cpu ${Math.round(t.tdur / 1000)})`);
    const postedFrom = task.args?.src_file ? `${task.args.src_file.split('/').pop()}:${task.args.src_func ?? '?'}` : undefined;
    return { wallMs, cpuMs, ownCpuMs, cause: causeOf(wallMs, cpuMs, gcMs, ownCpuMs), inside, ...(postedFrom ? { postedFrom } : {}) };
  });
}

/** [start, end] of each harness read, from its performance marks. */
function harnessWindows(events: readonly TraceEvent[]): Array<[number, number]> {
  const marks = (name: string) => events.filter((e) => e.name === name).map((e) => e.ts).sort((a, b) => a - b);
  const ends = marks(HARNESS_MARKS.end);
  return marks(HARNESS_MARKS.start).map((from) => [from, ends.find((to) => to >= from) ?? Number.POSITIVE_INFINITY]);
}

/**
 * A task with 50 ms or more of CPU outside GC is work, however long it also waited; otherwise one
 * that got less than half its time on a core was mostly waiting (2 cores shared with the model's
 * threads); one whose time was mostly a GC pause was the collector's; the rest is work.
 */
export function causeOf(wallMs: number, cpuMs: number, gcMs: number, ownCpuMs: number): LongTaskCause {
  if (ownCpuMs >= 50) return 'work';
  if (gcMs * 2 >= wallMs) return 'gc';
  if (cpuMs * 2 < wallMs) return 'waited';
  return 'work';
}

export function summarize(tasks: readonly TracedTask[]): TraceSummary {
  const count = (cause: LongTaskCause) => tasks.filter((t) => t.cause === cause).length;
  return {
    tasks: tasks.length,
    work: count('work'),
    gc: count('gc'),
    waited: count('waited'),
    maxCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)),
    maxOwnCpuMs: Math.max(0, ...tasks.map((t) => t.ownCpuMs)),
    ownWorkOver50: tasks.filter((t) => t.ownCpuMs >= 50).length,
  };
}
