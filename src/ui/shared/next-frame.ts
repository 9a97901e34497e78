/**
 * Resolves at the next animation frame, or after 100 ms where no frames come (a hidden tab
 * gets none, and its work must still show when the person comes back).
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The first frame at least `gapMs` after `since` (a performance.now() time). */
export async function frameAfter(since: number, gapMs: number): Promise<void> {
  const wait = since + gapMs - performance.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  await nextFrame();
}
