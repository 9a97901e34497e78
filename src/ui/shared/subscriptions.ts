import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Stops one subscription. */
export type Unsubscribe = () => void;

/** addEventListener with its removal as the return value, for Subscriptions. */
export function listen(target: EventTarget, type: string, handler: (event: Event) => void): Unsubscribe {
  target.addEventListener(type, handler);
  return () => target.removeEventListener(type, handler);
}

/**
 * The one way an element follows state outside itself: `connect` subscribes (store, events) when the
 * element enters the page and returns the stops, which run when it leaves. Nothing leaks when an
 * element is removed, and a re-added element subscribes again.
 */
export class Subscriptions implements ReactiveController {
  private stops: Unsubscribe[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly connect: () => readonly Unsubscribe[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stops = [...this.connect()];
  }

  hostDisconnected(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }
}
