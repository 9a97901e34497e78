import { html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { sharedStyles } from '../shared/shared-styles';

interface Announcement {
  id: number;
  text: string;
}

/**
 * Older messages are dropped from the region (they were spoken when they were added), so a
 * long session does not grow the page; ten covers a burst of them.
 */
export const KEPT_MESSAGES = 10;

/**
 * The page's one polite live region. Each message is appended as its own node instead of
 * replacing the last one, so a batch summary arriving a second after "Showing 1 of 3 photos."
 * is heard after it, not instead of it, and an identical message repeated is a new node a
 * screen reader speaks again.
 */
export class LiveAnnouncer extends LitElement {
  static override styles = [sharedStyles];
  static override properties = { messages: { state: true } };

  declare private messages: Announcement[];
  private nextId = 0;

  constructor() {
    super();
    this.messages = [];
  }

  announce(text: string): void {
    if (!text) return;
    this.messages = [...this.messages, { id: this.nextId++, text }].slice(-KEPT_MESSAGES);
  }

  /** The newest message, for tests and for anything that mirrors what was last said. */
  get latest(): string {
    return this.messages.at(-1)?.text ?? '';
  }

  override render() {
    return html`<div class="visually-hidden" role="log" aria-live="polite" aria-relevant="additions" data-role="announcer">
      ${repeat(this.messages, (m) => m.id, (m) => html`<p>${m.text}</p>`)}
    </div>`;
  }
}

customElements.define('live-announcer', LiveAnnouncer);

declare global {
  interface HTMLElementTagNameMap {
    'live-announcer': LiveAnnouncer;
  }
}
