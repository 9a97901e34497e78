import { html, LitElement } from 'lit';
import { emit } from '../shared/events';
import { sharedStyles } from '../shared/shared-styles';
import { updateBannerStyles } from './update-banner.styles';

export const UPDATE_TEXT = 'Update available: a new version of Altscribe is ready.';
export const BUSY_TEXT = 'You can update once the photos being captioned are done.';

/**
 * Says a new version is waiting and lets the person choose when to switch. Switching reloads
 * the page, so while photos are being captioned the button explains why it waits instead of
 * acting (aria-disabled keeps it focusable, so the reason can be found). "Later" hides it for
 * this visit; the new version also starts by itself once every Altscribe tab is closed.
 */
export class UpdateBanner extends LitElement {
  static override styles = [sharedStyles, updateBannerStyles];
  static override properties = { available: { type: Boolean }, busy: { type: Boolean }, dismissed: { state: true } };

  declare available: boolean;
  declare busy: boolean;
  declare private dismissed: boolean;

  constructor() {
    super();
    this.available = false;
    this.busy = false;
    this.dismissed = false;
  }

  override render() {
    const shown = this.available && !this.dismissed;
    // The status paragraph is always in the page, so the text appearing in it is announced.
    return html`<div class="banner ${shown ? '' : 'hidden'}" data-role="update-banner">
      <p role="status">${shown ? UPDATE_TEXT : ''}</p>
      ${shown
        ? html`${this.busy ? html`<p id="busy-note" data-role="busy-note">${BUSY_TEXT}</p>` : ''}
            <div class="actions">
              <button class="primary" data-role="update" aria-disabled=${this.busy ? 'true' : 'false'} aria-describedby=${this.busy ? 'busy-note' : ''} @click=${this.onUpdate}>Update now</button>
              <button data-role="later" @click=${this.onLater}>Later</button>
            </div>`
        : ''}
    </div>`;
  }

  private onUpdate = (): void => {
    if (this.busy) return;
    emit(this, 'update-requested');
  };

  private onLater = (): void => {
    this.dismissed = true;
  };
}

customElements.define('update-banner', UpdateBanner);

declare global {
  interface HTMLElementTagNameMap {
    'update-banner': UpdateBanner;
  }
}
