import { html, LitElement, nothing } from 'lit';
import { emit, type AltscribeEvent } from '../shared/events';
import { panelStyles, sharedStyles } from '../shared/shared-styles';
import { addModelStyles } from './add-model.styles';

export type ModelFolderSelectedEvent = AltscribeEvent<'model-folder-selected'>;
export type ModelUrlSubmittedEvent = AltscribeEvent<'model-url-submitted'>;

/**
 * Adds a model the person brings: a folder on this device (its files are copied into the
 * browser, so it works offline) or a folder URL (a mirror, a server on an air-gapped network).
 * The element only asks; the app adds the model and hands back `busy`, `error` and `message`.
 * Buttons stay focusable while busy (aria-disabled), so focus never drops to the page.
 */
export class AddModel extends LitElement {
  static override styles = [sharedStyles, panelStyles, addModelStyles];
  static override properties = { busy: { type: Boolean }, error: { attribute: false }, message: { attribute: false } };

  declare busy: boolean;
  /** Why the last add failed; shown as an alert next to the controls. */
  declare error: string | null;
  /** What the last add did. */
  declare message: string | null;

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.message = null;
  }

  private get folderInput(): HTMLInputElement {
    return this.renderRoot.querySelector('input[type=file]') as HTMLInputElement;
  }

  override render() {
    return html`
      <section aria-labelledby="add-model-heading">
        <h2 id="add-model-heading">Add a model</h2>
        <p class="hint" id="add-model-help">
          A model exported for transformers.js: a folder with config.json, the tokenizer files and an onnx folder. A folder you choose is copied into this browser and
          works offline; a folder URL is downloaded when first used.
        </p>
        <button type="button" data-role="choose-folder" aria-describedby="add-model-help" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.openPicker}>Choose model folder…</button>
        <input class="visually-hidden" type="file" webkitdirectory multiple tabindex="-1" aria-hidden="true" @change=${this.picked} />
        <form novalidate @submit=${this.submit}>
          <label>
            Model folder URL
            <input
              type="url"
              name="url"
              data-role="model-url"
              inputmode="url"
              autocomplete="url"
              spellcheck="false"
              placeholder="https://mirror.example/models/my-model/"
              aria-invalid=${this.error ? 'true' : 'false'}
              aria-describedby=${this.error ? 'add-model-error' : nothing}
            />
          </label>
          <button type="submit" data-role="add-url" aria-disabled=${this.busy ? 'true' : 'false'}>Add</button>
        </form>
        ${this.busy ? html`<p role="status" data-role="add-model-busy">Adding the model…</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert" id="add-model-error" data-role="add-model-error">Could not add the model: ${this.error}</p>` : nothing}
        ${this.message && !this.error && !this.busy ? html`<p data-role="add-model-message">${this.message}</p>` : nothing}
      </section>
    `;
  }

  openPicker(): void {
    if (!this.busy) this.folderInput.click();
  }

  private picked(): void {
    const files = [...(this.folderInput.files ?? [])];
    this.folderInput.value = ''; // choosing the same folder again must fire change again
    if (files.length) emit(this, 'model-folder-selected', { files });
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('[data-role=model-url]');
    const url = input?.value.trim() ?? '';
    if (!url) {
      this.error = 'type the address of a model folder first.';
      input?.focus();
      return;
    }
    emit(this, 'model-url-submitted', { url });
  }
}

customElements.define('add-model', AddModel);

declare global {
  interface HTMLElementTagNameMap {
    'add-model': AddModel;
  }
}
