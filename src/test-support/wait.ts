import type { Mock } from 'vitest';

/**
 * Waits for unit tests that wait on the thing itself, never on the clock: a test that polls
 * with a timeout (vi.waitFor's default is one second) fails on a busy machine for no reason.
 * None of these gives up on its own; a wait that never ends fails at the test's timeout.
 */

/** Resolves with the next `name` event on `target` that `matches` accepts (any, by default). */
export function nextEvent<E extends Event = Event>(target: EventTarget, name: string, matches: (event: E) => boolean = () => true): Promise<E> {
  return new Promise<E>((resolve, reject) => {
    const listener = (event: Event): void => {
      try {
        if (!matches(event as E)) return;
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
      target.removeEventListener(name, listener);
      resolve(event as E);
    };
    target.addEventListener(name, listener);
  });
}

/**
 * Resolves once `holds()` is true: at once if it already is, otherwise after the `name` event
 * on `target` that makes it so. For controllers that dispatch 'change' whenever their state moves.
 */
export async function until(target: EventTarget, name: string, holds: () => boolean): Promise<void> {
  if (holds()) return;
  await nextEvent(target, name, () => holds());
}

/**
 * Resolves once `holds()` is true of the DOM under `node` (a shadow root, say): at once if it
 * already is, otherwise after the change to its nodes, attributes or text that makes it so.
 * For elements that render what happened but dispatch no event about it.
 */
export function untilMutation(node: Node, holds: () => boolean): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const observer = new MutationObserver(() => {
      if (!holds()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/**
 * Resolves once `mock` has been called `times` times (at once if it already has). It watches the
 * mock's default implementation, which it keeps calling; a call served by a
 * mockImplementationOnce is counted only when a later call arrives.
 */
export function called(mock: Mock, times = 1): Promise<void> {
  if (mock.mock.calls.length >= times) return Promise.resolve();
  const own = mock.getMockImplementation();
  return new Promise<void>((resolve) => {
    mock.mockImplementation(function (this: unknown, ...args: unknown[]): unknown {
      if (mock.mock.calls.length >= times) {
        // Undefined puts back vi.fn's own implementation, as it was before.
        mock.mockImplementation(own as Parameters<Mock['mockImplementation']>[0]);
        resolve();
      }
      return own?.apply(this, args);
    });
  });
}

/**
 * Resolves once every promise job queued so far, and every one those queue, has run: one turn of
 * the event loop, not a length of time. For checking that something did NOT happen in code made
 * of promises alone; work behind a timer, a message port or fake-indexeddb takes more turns.
 */
export function promisesSettled(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise and the function that settles it, for a fake to say that the code reached it. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
