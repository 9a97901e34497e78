/**
 * Watches for something that must NOT happen (a download before consent, a paused queue starting
 * a photo). A negative cannot be waited for, only watched for a while: `check` is asserted over
 * the whole window, so a brief violation is caught as well as a lasting one. Call it after
 * waiting for the condition under which the app would misbehave (the prompt shown, the queue
 * idle), and give it a window long enough for the next step the app would take.
 */
export async function stillHoldsFor(windowMs: number, check: () => Promise<void>): Promise<void> {
  const end = Date.now() + windowMs;
  do {
    await check();
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < end);
  await check();
}
