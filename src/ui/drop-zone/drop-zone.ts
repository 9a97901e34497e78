import { html, LitElement } from 'lit';
import { sharedStyles } from '../shared/shared-styles';
import { dropZoneStyles } from './drop-zone.styles';

export type FilesSelectedEvent = CustomEvent<{ files: File[]; via: 'picker' | 'drop' | 'paste' }>;

/**
 * Where photos come in: a real button that opens the file picker (keyboard and screen-reader
 * friendly), plus the visual target for drag and drop. Drops and pastes anywhere on the page
 * are routed here by the app, so a near-miss drop never makes the browser open the file.
 */
export class DropZone extends LitElement {
  static override styles = [sharedStyles, dropZoneStyles];
  static override properties = { active: { type: Boolean, reflect: true } };

  /** Reflects while files are dragged over the page. */
  declare active: boolean;

  constructor() {
    super();
    this.active = false;
  }

  private get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input[type=file]') as HTMLInputElement;
  }

  override render() {
    return html`
      <div class="zone">
        <p id="drop-instructions">Drop photos anywhere on this page, paste one, or</p>
        <button class="primary" type="button" aria-describedby="drop-instructions" @click=${this.openPicker}>Choose photos…</button>
        <input class="visually-hidden" type="file" accept="image/*" multiple tabindex="-1" aria-hidden="true" @change=${this.picked} />
        <p class="hint">Photos stay on this device: the model runs in your browser.</p>
      </div>
    `;
  }

  openPicker(): void {
    this.input.click();
  }

  /** Called by the app for drops and pastes anywhere on the page. */
  deliver(files: File[], via: 'drop' | 'paste'): void {
    if (files.length) this.emit(files, via);
  }

  private picked(): void {
    const files = [...(this.input.files ?? [])];
    this.input.value = ''; // picking the same photo again must fire change again
    if (files.length) this.emit(files, 'picker');
  }

  private emit(files: File[], via: 'picker' | 'drop' | 'paste'): void {
    this.dispatchEvent(new CustomEvent('files-selected', { detail: { files, via }, bubbles: true, composed: true }));
  }
}

customElements.define('drop-zone', DropZone);

declare global {
  interface HTMLElementTagNameMap {
    'drop-zone': DropZone;
  }
}
