/**
 * Runs `work` once the page has nothing else to do, or after `timeoutMs` at the latest: work the
 * first view does not need (probing the device, registering the service worker) must not make
 * the first render a longer task. Where there is no requestIdleCallback (Safari), after the
 * next task.
 */
export function whenIdle(work: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: timeoutMs });
  else setTimeout(work, 0);
}

/** Yields to the event loop so input and rendering can run between chunks of a long job. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
