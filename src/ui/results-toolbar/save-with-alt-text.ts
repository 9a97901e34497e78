import { html, LitElement, nothing } from 'lit';
import type { TargetFolder } from '../../metadata-export/metadata-export';
import type { TransferMessage } from '../../app/results-transfer';
import type { ExportScope } from '../shared/events';
import { sharedStyles } from '../shared/shared-styles';
import type { SaveSource } from '../../metadata-export/save-source';
import { resultsToolbarStyles } from './results-toolbar.styles';

type FolderPicker = (options: { mode: 'readwrite'; id?: string }) => Promise<TargetFolder>;

const folderPicker = (): FolderPicker | undefined => (window as { showDirectoryPicker?: FolderPicker }).showDirectoryPicker;

/**
 * Next to Export CSV/JSON: the photos themselves with their alt-text inside (XMP), as a zip or
 * copies in a folder, and in Chromium written into the originals after a confirmation that names
 * the count. Its own status region says the outcome, with one line per photo that was not saved.
 */
export class SaveWithAltText extends LitElement {
  static override styles = [sharedStyles, resultsToolbarStyles];
  static override properties = {
    scope: { type: String },
    source: { attribute: false },
    busy: { state: true },
    question: { state: true },
    outcome: { state: true },
  };

  declare scope: ExportScope;
  /** Given by tests; in the page it is found from the app element at the first click. */
  declare source: SaveSource | null;
  declare private busy: string | null;
  declare private question: string | null;
  declare private outcome: TransferMessage | null;
  private answer: ((yes: boolean) => void) | null = null;

  constructor() {
    super();
    this.scope = 'all';
    this.source = null;
    this.busy = null;
    this.question = null;
    this.outcome = null;
  }

  override render() {
    const picker = folderPicker() !== undefined;
    const outcome = this.outcome;
    return html`
      <fieldset class="transfer">
        <legend>Photos with their alt-text inside</legend>
        <button type="button" data-role="save-zip" ?disabled=${this.busy !== null} @click=${() => this.run('Saving…', (s, r) => s.exporter.saveZip(r))}>Save copies as zip</button>
        ${picker ? html`<button type="button" data-role="save-folder" ?disabled=${this.busy !== null} @click=${this.saveToFolder}>Save copies to a folder…</button>` : nothing}
        ${picker ? html`<button type="button" data-role="write-originals" ?disabled=${this.busy !== null} @click=${this.writeOriginals}>Write into originals…</button>` : nothing}
        <p class="hint">JPEG, PNG and WebP carry the alt-text in their metadata (IPTC Alt Text), where WordPress and photo tools read it; the image itself is not changed.</p>
      </fieldset>
      ${this.question
        ? html`<div class="message" data-role="confirm-write">
            <p id="confirm-question" tabindex="-1">${this.question}</p>
            <button type="button" data-role="confirm-yes" @click=${() => this.reply(true)}>Write into the originals</button>
            <button type="button" data-role="confirm-no" @click=${() => this.reply(false)}>Cancel</button>
          </div>`
        : nothing}
      <div role="status" data-role="save-status">
        ${this.busy ? html`<p>${this.busy}</p>` : nothing}
        ${outcome
          ? html`<div class="message ${outcome.failed ? 'failed' : ''}" data-role="save-message">
              <p>${outcome.text}</p>
              ${outcome.details.length
                ? html`<details>
                    <summary>Photos not saved (${outcome.details.length})</summary>
                    <ul>${outcome.details.map((d) => html`<li>${d}</li>`)}</ul>
                  </details>`
                : nothing}
            </div>`
          : nothing}
      </div>
    `;
  }

  private saveSource(): SaveSource | null {
    return this.source;
  }

  private async run(busy: string, work: (source: SaveSource, records: ReturnType<SaveSource['records']>) => Promise<TransferMessage | null>): Promise<void> {
    const source = this.saveSource();
    if (!source || this.busy) return;
    this.busy = busy;
    this.outcome = null;
    try {
      this.outcome = (await work(source, source.records(this.scope))) ?? { text: 'Nothing was written.', details: [], failed: false };
    } catch (error) {
      this.outcome = { text: `Saving stopped: ${error instanceof Error ? error.message : String(error)}`, details: [], failed: true };
    } finally {
      this.busy = null;
      this.question = null;
    }
  }

  private saveToFolder = async (): Promise<void> => {
    let folder: TargetFolder;
    try {
      folder = await folderPicker()!({ mode: 'readwrite', id: 'altscribe-copies' });
    } catch {
      return; // the person closed the picker
    }
    await this.run('Saving…', (s, r) => s.exporter.saveToFolder(r, folder));
  };

  private writeOriginals = (): Promise<void> => this.run('Writing…', (s, r) => s.exporter.writeOriginals(r, (question) => this.confirm(question)));

  /** The explicit yes before any original is opened for writing; focus goes to the question. */
  private async confirm(question: string): Promise<boolean> {
    this.question = question;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-question')?.focus();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private reply(yes: boolean): void {
    this.answer?.(yes);
    this.answer = null;
    this.question = null;
    // Focus stays in the toolbar: the button that asked.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-role=write-originals]')?.focus());
  }
}

customElements.define('save-with-alt-text', SaveWithAltText);

declare global {
  interface HTMLElementTagNameMap {
    'save-with-alt-text': SaveWithAltText;
  }
}
