/**
 * Main-thread measurements for the backlog run: long tasks with long-animation-frame
 * attribution, per phase; heap size; a sampled CPU profile.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

/** One main-thread task over 50 ms, with what Chromium says caused it. */
export interface LongTask {
  phase: string;
  startMs: number;
  durationMs: number;
  /** From long-animation-frame entries overlapping the task: the scripts that ran, longest first. */
  scripts: string[];
}


declare global {
  interface Window {
    __backlogPhase: string;
    __backlogLongTasks: LongTask[];
  }
}

/** Installed before any page script, on every load: long tasks and the frames that explain them. */
export function observeLongTasks(): void {
  // MAIN_THREAD_MARK (trace-long-tasks.ts), spelled out: an init script cannot import. It tells a
  // streamed trace which thread is this page's main thread, also after a reload.
  performance.mark('backlog:main-thread');
  window.__backlogPhase = 'boot';
  window.__backlogLongTasks = [];
  const frames: { start: number; end: number; scripts: string[] }[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { renderStart?: number; styleAndLayoutStart?: number; scripts?: { duration: number; invoker: string; sourceURL: string; sourceFunctionName: string; sourceCharPosition: number; forcedStyleAndLayoutDuration?: number }[] })[]) {
        const scripts = [...(e.scripts ?? [])].sort((a, b) => b.duration - a.duration);
        const described = scripts.map((s) => `${Math.round(s.duration)} ms ${s.invoker} ${s.sourceFunctionName || '?'} @ ${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}${s.forcedStyleAndLayoutDuration ? ` (forced layout ${Math.round(s.forcedStyleAndLayoutDuration)} ms)` : ''}`);
        // The frame's own style and layout after its scripts: work no script entry accounts for.
        const end = e.startTime + e.duration;
        if (e.styleAndLayoutStart) described.push(`${Math.round(end - e.styleAndLayoutStart)} ms style and layout`);
        if (e.renderStart && e.styleAndLayoutStart) described.push(`${Math.round(e.styleAndLayoutStart - e.renderStart)} ms rendering callbacks`);
        frames.push({ start: e.startTime, end, scripts: described });
        if (frames.length > 500) frames.shift();
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // Without LoAF, long tasks are still counted, just not explained.
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const phase = window.__backlogPhase;
      // LoAF entries arrive after the task; look them up a moment later.
      setTimeout(() => {
        const scripts = frames.filter((f) => f.start <= e.startTime + e.duration && f.end >= e.startTime).flatMap((f) => f.scripts);
        window.__backlogLongTasks.push({ phase, startMs: Math.round(e.startTime), durationMs: Math.round(e.duration), scripts: scripts.slice(0, 5) });
      }, 200);
    }
  }).observe({ type: 'longtask', buffered: true });
}

export async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** Samples the main thread for `ms`, saves the profile, and sums self time per function. */
export async function profileFor(cdp: CDPSession, ms: number, file: string): Promise<string[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await new Promise((done) => setTimeout(done, ms));
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, t]) => `${Math.round(t)} ms ${key}`);
}

export const setPhase = (page: Page, phase: string) => page.evaluate((p) => (window.__backlogPhase = p), phase);
/** Long tasks so far; waits out the moment each entry takes to be explained and recorded. */
export async function takeLongTasks(page: Page): Promise<LongTask[]> {
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__backlogLongTasks.splice(0));
}

