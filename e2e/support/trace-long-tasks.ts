/**
 * A Chromium trace of the page's main thread for the backlog run: which tasks took over 50 ms,
 * how much of that was CPU time (a task far longer than its CPU time waited for a core), and
 * what ran inside them (major GCs, layouts, script). The long-task observer says that a task was
 * long; the trace says why. Used by `BACKLOG_TRACE_MS` (e2e/backlog.spec.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export interface TracedTask {
  wallMs: number;
  cpuMs: number;
  /** The heaviest events inside the task, "name×count wall ms (cpu ms)". */
  inside: string[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'toplevel', 'blink'];

/** Traces the page for `ms`, writes the raw trace to `file`, and returns the main thread's tasks over 50 ms. */
export async function traceFor(page: Page, ms: number, file: string): Promise<TracedTask[]> {
  const browser = page.context().browser();
  if (!browser) return [];
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.waitForTimeout(ms);
  const buffer = await browser.stopTracing();
  writeFileSync(file, buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return longMainThreadTasks(Array.isArray(parsed) ? parsed : parsed.traceEvents);
}

export function longMainThreadTasks(events: readonly TraceEvent[]): TracedTask[] {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const slices = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  // Chromium nests ThreadControllerImpl::RunTask around RunTask: count the outer one only.
  const tasks = slices.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000);
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const totals = new Map<string, { n: number; dur: number; tdur: number }>();
    for (const e of slices) {
      if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > end || /RunTask/.test(e.name)) continue;
      const t = totals.get(e.name) ?? { n: 0, dur: 0, tdur: 0 };
      totals.set(e.name, { n: t.n + 1, dur: t.dur + (e.dur ?? 0), tdur: t.tdur + (e.tdur ?? 0) });
    }
    const inside = [...totals].sort((a, b) => b[1].dur - a[1].dur).slice(0, 6).map(([name, t]) => `${name}×${t.n} ${Math.round(t.dur / 1000)} ms (cpu ${Math.round(t.tdur / 1000)})`);
    return { wallMs: Math.round((task.dur ?? 0) / 1000), cpuMs: Math.round((task.tdur ?? 0) / 1000), inside };
  });
}
