import { html, LitElement, nothing } from 'lit';
import {
  BAND_FILTER_LABELS,
  BAND_FILTERS,
  DEFAULT_RESULTS_VIEW,
  FLAG_FILTER_LABELS,
  FLAG_FILTERS,
  SORT_ORDER_LABELS,
  SORT_ORDERS,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  showingText,
  type ResultsView,
  type StatusFilter,
} from '../../app/result-filters';
import type { TransferMessage } from '../../app/results-transfer';
import type { ReviewBand } from '../../models/review-signals';
import { emit, type AltscribeEvent, type ExportScope } from '../shared/events';
import { sharedStyles } from '../shared/shared-styles';
import { resultsToolbarStyles } from './results-toolbar.styles';
import type { SaveSource } from '../../metadata-export/save-source';
import './save-with-alt-text';

export type ResultsViewChangeEvent = AltscribeEvent<'results-view-change'>;
export type ExportRequestedEvent = AltscribeEvent<'export-requested'>;
export type ImportFileSelectedEvent = AltscribeEvent<'import-file-selected'>;

/**
 * Above the photo list: status, flag and sort selects, "Showing N of M", and export and import
 * of alt-texts. It owns no data: every choice is an event, and the app decides. Nothing here is
 * a live region; the app announces filter results and import summaries once, through its own.
 */
export class ResultsToolbar extends LitElement {
  static override styles = [sharedStyles, resultsToolbarStyles];
  static override properties = {
    view: { attribute: false },
    shown: { type: Number },
    total: { type: Number },
    counts: { attribute: false },
    bands: { attribute: false },
    transfer: { type: Boolean },
    busy: { type: Boolean },
    message: { attribute: false },
    saveSource: { attribute: false },
    scope: { state: true },
  };

  declare view: ResultsView;
  declare shown: number;
  declare total: number;
  /** Per status filter, how many photos it would show; shown in its option when given. */
  declare counts: Readonly<Record<StatusFilter, number>> | null;
  /** Results in doubt per review band; null hides the band filter (nothing has a priority yet). */
  declare bands: Readonly<Record<ReviewBand, number>> | null;
  /** Offer export and import (the app has a transfer to do them). */
  declare transfer: boolean;
  /** An import is being saved: the import button waits. */
  declare busy: boolean;
  declare message: TransferMessage | null;
  /** Saving photos with their alt-text written in; built in main.ts. */
  declare saveSource: SaveSource | null;
  declare private scope: ExportScope;

  constructor() {
    super();
    this.view = DEFAULT_RESULTS_VIEW;
    this.shown = 0;
    this.total = 0;
    this.counts = null;
    this.bands = null;
    this.transfer = false;
    this.busy = false;
    this.message = null;
    this.scope = 'all';
  }

  private get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input[type=file]') as HTMLInputElement;
  }

  override render() {
    const filtered = this.shown !== this.total;
    return html`
      <fieldset class="view">
        <legend>Show</legend>
        <span class="field">
          <label for="status">Status</label>
          <select id="status" data-role="status" @change=${(e: Event) => this.change({ status: value(e) as ResultsView['status'] })}>
            ${STATUS_FILTERS.map((s) => html`<option value=${s} ?selected=${this.view.status === s}>${STATUS_FILTER_LABELS[s]}${this.counts ? ` (${this.counts[s]})` : ''}</option>`)}
          </select>
        </span>
        <span class="field">
          <label for="flag">Flags</label>
          <select id="flag" data-role="flag" @change=${(e: Event) => this.change({ flag: value(e) as ResultsView['flag'] })}>
            ${FLAG_FILTERS.map((f) => html`<option value=${f} ?selected=${this.view.flag === f}>${FLAG_FILTER_LABELS[f]}</option>`)}
          </select>
        </span>
        ${this.renderBand()}
        <span class="field">
          <label for="sort">Sort by</label>
          <select id="sort" data-role="sort" @change=${(e: Event) => this.change({ sort: value(e) as ResultsView['sort'] })}>
            ${SORT_ORDERS.map((s) => html`<option value=${s} ?selected=${this.view.sort === s}>${SORT_ORDER_LABELS[s]}</option>`)}
          </select>
        </span>
        <p class="showing" data-role="showing">${showingText(this.shown, this.total)}</p>
      </fieldset>
      ${this.transfer ? this.renderTransfer(filtered) : nothing}
    `;
  }

  /** Shown once anything has a priority, or while a band is chosen (so the choice can be undone). */
  private renderBand() {
    const band = this.view.band ?? 'all';
    const bands = this.bands;
    if (!bands && band === 'all') return nothing;
    const count = (b: (typeof BAND_FILTERS)[number]): string => (bands && b !== 'all' ? ` (${bands[b].toLocaleString('en')})` : '');
    return html`<span class="field">
      <label for="band">Review</label>
      <select id="band" data-role="band" @change=${(e: Event) => this.change({ band: value(e) as ResultsView['band'] })}>
        ${BAND_FILTERS.map((b) => html`<option value=${b} ?selected=${band === b}>${BAND_FILTER_LABELS[b]}${count(b)}</option>`)}
      </select>
    </span>`;
  }

  private renderTransfer(filtered: boolean) {
    const message = this.message;
    return html`
      <fieldset class="transfer">
        <legend>Export and import alt-text</legend>
        <span class="field">
          <label for="scope">Export</label>
          <select id="scope" data-role="scope" @change=${(e: Event) => (this.scope = value(e) as ExportScope)}>
            <option value="all" ?selected=${this.scope === 'all'}>All photos (${this.total})</option>
            <option value="shown" ?selected=${this.scope === 'shown'} ?disabled=${!filtered}>Only the ${this.shown} shown</option>
          </select>
        </span>
        <button type="button" @click=${() => this.requestExport('csv')}>Export CSV</button>
        <button type="button" @click=${() => this.requestExport('json')}>Export JSON</button>
        <button type="button" aria-describedby="import-hint" ?disabled=${this.busy} @click=${() => this.input.click()}>${this.busy ? 'Importing…' : 'Import alt-texts…'}</button>
        <input class="visually-hidden" type="file" accept=".csv,.json,text/csv,application/json" tabindex="-1" aria-hidden="true" @change=${this.picked} />
        <p id="import-hint" class="hint">Import a CSV with a file name (or path) column and an alt-text column, or an Altscribe JSON export. Imported texts are never replaced by a batch.</p>
      </fieldset>
      <save-with-alt-text .scope=${filtered ? this.scope : 'all'} .source=${this.saveSource}></save-with-alt-text>
      ${message
        ? html`<div class="message ${message.failed ? 'failed' : ''}" data-role="transfer-message">
            <p>${message.text}</p>
            ${message.details.length > 0
              ? html`<details>
                  <summary>Rows not imported (${message.details.length})</summary>
                  <ul>${message.details.map((d) => html`<li>${d}</li>`)}</ul>
                </details>`
              : nothing}
          </div>`
        : nothing}
    `;
  }

  /** The selects follow `view` even after the person's own choice was overruled by the app. */
  override updated(): void {
    const set = (role: string, value: string): void => {
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`select[data-role=${role}]`);
      if (select && select.value !== value) select.value = value;
    };
    set('status', this.view.status);
    set('flag', this.view.flag);
    set('sort', this.view.sort);
    set('band', this.view.band ?? 'all');
  }

  private change(patch: Partial<ResultsView>): void {
    emit(this, 'results-view-change', { ...this.view, ...patch });
  }

  private requestExport(format: 'csv' | 'json'): void {
    // "Only the shown" means nothing once the filters show everything again.
    const scope = this.shown !== this.total ? this.scope : 'all';
    emit(this, 'export-requested', { format, scope });
  }

  private picked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so choosing the same file again (after fixing it) still fires change.
    input.value = '';
    if (file) emit(this, 'import-file-selected', { file });
  };
}

function value(event: Event): string {
  return (event.target as HTMLSelectElement).value;
}

customElements.define('results-toolbar', ResultsToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'results-toolbar': ResultsToolbar;
  }
}
