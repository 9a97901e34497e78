import { html, LitElement, nothing } from 'lit';
import type { ReopenOffer } from '../../intake/reopen-originals';
import { emit } from '../shared/events';
import { statusPanelStyles } from '../shared/panel-styles';
import { sharedStyles } from '../shared/shared-styles';
import { reopenOriginalsStyles } from './reopen-originals.styles';

/** "Reopen 37 photos from “Holiday 2019”": the button text names what a click brings back. */
export function reopenLabel(offer: ReopenOffer): string {
  return `Reopen ${offer.count} photo${offer.count === 1 ? '' : 's'} from “${offer.folder}”`;
}

/**
 * Unfinished photos whose folder the browser will only let the page read again after asking
 * (File System Access). The prompt needs a click, so this offers one button per folder, one
 * folder at a time. Not a live region: what happens is spoken through the page's announcer.
 */
export class ReopenOriginals extends LitElement {
  static override styles = [sharedStyles, statusPanelStyles, reopenOriginalsStyles];
  static override properties = { offer: { attribute: false }, busy: { type: Boolean } };

  declare offer: ReopenOffer | null;
  /** The browser is asking, or the files are being read: a second click would do nothing. */
  declare busy: boolean;

  constructor() {
    super();
    this.offer = null;
    this.busy = false;
  }

  override render() {
    const offer = this.offer;
    if (!offer) return nothing;
    const one = offer.count === 1;
    return html`<section aria-labelledby="reopen-heading">
      <h2 id="reopen-heading">Unfinished photos</h2>
      <p id="reopen-why">
        ${one ? 'One photo' : `${offer.count} photos`} from “${offer.folder}” ${one ? 'was' : 'were'} not finished when the page was closed. Altscribe kept a link to ${one ? 'it' : 'them'}, not a copy; your browser asks before it lets this page read the folder again.
      </p>
      <button type="button" data-role="reopen" aria-describedby="reopen-why" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.request}>${reopenLabel(offer)}</button>
      ${offer.moreFolders ? html`<p data-role="more">Photos from ${offer.moreFolders === 1 ? 'one more folder wait' : `${offer.moreFolders} more folders wait`} after these.</p>` : nothing}
    </section>`;
  }

  private request(): void {
    if (this.busy) return;
    emit(this, 'reopen-requested');
  }
}

customElements.define('reopen-originals', ReopenOriginals);

declare global {
  interface HTMLElementTagNameMap {
    'reopen-originals': ReopenOriginals;
  }
}
