import { html, LitElement } from 'lit';
import { emit } from '../shared/events';
import { panelStyles, sharedStyles } from '../shared/shared-styles';
import { eraseDataStyles } from './erase-data.styles';

export type EraseState = 'idle' | 'confirming' | 'erasing' | 'done' | 'failed';

export const BUSY_NOTE = 'Erasing waits until the photos being captioned are done (or pause and cancel them).';
export const DONE_TEXT = 'All Altscribe data is erased from this browser: photos, alt-text, settings and downloaded models.';

/**
 * "Your data": says what is kept in this browser and offers "Erase all data…", which asks once
 * more before anything is deleted. The page does the erasing (event 'erase-requested') and
 * reports back through `state`; focus follows each step so keyboard and screen-reader users
 * land on the question, then on the outcome.
 */
export class EraseData extends LitElement {
  static override styles = [sharedStyles, panelStyles, eraseDataStyles];
  static override properties = { state: { type: String }, busy: { type: Boolean }, error: { type: String } };

  declare state: EraseState;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.state = 'idle';
    this.busy = false;
    this.error = '';
  }

  override render() {
    return html`<footer>
      <section aria-labelledby="your-data-heading">
        <h2 id="your-data-heading">Your data</h2>
        <p>Photos, their alt-text, your settings and downloaded models are kept only in this browser. Nothing is uploaded.</p>
        ${this.renderStep()}
      </section>
    </footer>`;
  }

  private renderStep() {
    switch (this.state) {
      case 'confirming':
        return html`<p id="erase-question" tabindex="-1" data-role="question"><strong>Erase every photo, all alt-text, your settings and all downloaded models from this browser?</strong> This cannot be undone. Export your alt-text first if you want to keep it. Close other Altscribe tabs before you erase.</p>
          <div class="actions" role="group" aria-labelledby="erase-question">
            <button class="danger" data-role="confirm" @click=${this.onConfirm}>Erase everything</button>
            <button data-role="keep" @click=${this.onKeep}>Keep my data</button>
          </div>`;
      case 'erasing':
        return html`<p role="status" data-role="progress">Erasing…</p>`;
      case 'done':
        return html`<p role="status" tabindex="-1" data-role="done">${DONE_TEXT}</p>
          <div class="actions"><button class="primary" data-role="restart" @click=${() => emit(this, 'restart-requested')}>Start again</button></div>`;
      default:
        return html`${this.state === 'failed' ? html`<p class="error" role="alert" data-role="error">Could not erase everything: ${this.error}</p>` : ''}
          ${this.busy ? html`<p id="erase-busy" data-role="busy-note">${BUSY_NOTE}</p>` : ''}
          <div class="actions">
            <button data-role="erase" aria-disabled=${this.busy ? 'true' : 'false'} aria-describedby=${this.busy ? 'erase-busy' : ''} @click=${this.onErase}>Erase all data…</button>
          </div>`;
    }
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (!changed.has('state')) return;
    const target = { confirming: 'question', done: 'done', idle: changed.get('state') === 'confirming' ? 'erase' : null }[this.state as string];
    if (target) this.renderRoot.querySelector<HTMLElement>(`[data-role=${target}]`)?.focus();
  }

  private onErase = (): void => {
    if (!this.busy) this.state = 'confirming';
  };

  private onKeep = (): void => {
    this.state = 'idle';
  };

  private onConfirm = (): void => {
    if (this.busy) return void (this.state = 'idle');
    this.state = 'erasing';
    emit(this, 'erase-requested');
  };
}

customElements.define('erase-data', EraseData);

declare global {
  interface HTMLElementTagNameMap {
    'erase-data': EraseData;
  }
}
