import { html, LitElement, nothing } from 'lit';
import type { CompareCell, CompareController, CompareModelChoice } from '../../app/compare-controller';
import { sharedStyles } from '../shared/shared-styles';
import { listen, Subscriptions } from '../shared/subscriptions';
import { compareViewStyles } from './compare-view.styles';

const ORIGIN_TEXT: Record<CompareModelChoice['origin'], string> = { app: 'served by this app', cached: 'downloaded' };
const WAITING_TEXT = { waiting: 'Waiting', loading: 'Loading the model…', cancelled: 'Cancelled' } as const;

/** "0.4 s": one decimal is as precise as a single run's timing deserves. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Several models on the same images, side by side: a real table (images as rows, models as
 * columns) with each caption, the time it took, and a button to keep it as the photo's result.
 */
export class CompareView extends LitElement {
  static override styles = [sharedStyles, compareViewStyles];
  static override properties = { controller: { attribute: false } };

  declare controller: CompareController;
  private wasRunning = false;

  private readonly subscriptions = new Subscriptions(this, () => {
    void this.controller.refreshModels();
    return [listen(this.controller, 'change', () => this.requestUpdate())];
  });

  private button(role: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-role=${role}]`);
  }

  /** Run and Cancel swap being disabled: focus follows, so it is never left on a dead button. */
  override updated(): void {
    const { running } = this.controller;
    if (running === this.wasRunning) return;
    const focused = this.shadowRoot?.activeElement;
    if (running && focused === this.button('run')) this.button('cancel')?.focus();
    if (!running && focused === this.button('cancel')) this.button('run')?.focus();
    this.wasRunning = running;
  }

  override render() {
    const { choices, selected, images, running, status, table } = this.controller;
    const hasCaptions = !!table?.cells.some((row) => row.some((c) => c.status === 'done'));
    return html`
      <p class="intro">Run several models on the same photos and keep the caption you like best. Only models that need no download are listed.</p>
      <fieldset ?disabled=${running}>
        <legend>Models to compare</legend>
        ${choices.length === 0
          ? html`<p>No models are available yet.</p>`
          : choices.map(
              (c) => html`<label class="choice">
                <input type="checkbox" .checked=${selected.includes(c.modelId)} @change=${(e: Event) => this.controller.setSelected(c.modelId, (e.target as HTMLInputElement).checked)} />
                ${c.label} <span class="origin">(${ORIGIN_TEXT[c.origin]})</span>
              </label>`,
            )}
      </fieldset>
      <div class="row">
        <button type="button" data-role="choose-images" aria-describedby="compare-images" ?disabled=${running} @click=${this.openPicker}>Choose photos…</button>
        <input class="visually-hidden" type="file" accept="image/*" multiple tabindex="-1" aria-hidden="true" @change=${this.picked} />
        <span id="compare-images" data-role="image-summary">${images.length ? `${images.length} photo${images.length === 1 ? '' : 's'}: ${images.map((f) => f.name).join(', ')}` : 'No photos chosen.'}</span>
      </div>
      <div class="row">
        <button type="button" class="primary" data-role="run" ?disabled=${running} @click=${() => void this.controller.run()}>Run comparison</button>
        <button type="button" data-role="cancel" ?disabled=${!running} @click=${() => this.controller.cancel()}>Cancel</button>
        <button type="button" data-role="export" ?disabled=${running || !hasCaptions} @click=${this.exportJson}>Export JSON</button>
      </div>
      <p class="status" role="status" aria-live="polite" data-role="compare-status">${status}</p>
      ${table ? this.renderTable(table) : nothing}
    `;
  }

  private renderTable(table: NonNullable<CompareController['table']>) {
    return html`
      <div class="table-wrap" role="region" aria-labelledby="compare-caption" tabindex="0">
        <table>
          <caption id="compare-caption">Captions by photo and model</caption>
          <thead>
            <tr>
              <th scope="col">Photo</th>
              ${table.models.map((m) => html`<th scope="col">${m.label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${table.images.map(
              (file, i) => html`<tr>
                <th scope="row">${file.name}</th>
                ${table.models.map((model, m) => this.renderCell(table.cells[i]?.[m], file.name, model, i, m))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderCell(cell: CompareCell | undefined, image: string, model: CompareModelChoice, i: number, m: number) {
    if (!cell) return html`<td></td>`;
    switch (cell.status) {
      case 'done':
        return html`<td data-status="done">
          <p class="text" data-role="caption">${cell.text}</p>
          <p class="time" data-role="time">${formatSeconds(cell.durationMs ?? 0)}</p>
          <button type="button" data-role="use" aria-label=${`Use this caption for ${image} from ${model.label}`} @click=${() => void this.controller.useCaption(i, m)}>Use this caption</button>
          ${cell.adopted ? html`<p class="adopted" data-role="adopted">Added to your photos.</p>` : nothing}
        </td>`;
      case 'running':
        return html`<td data-status="running"><p class="state">Writing…</p><p class="text streaming">${cell.text}</p></td>`;
      case 'failed':
        return html`<td data-status="failed"><p class="error" data-role="error">Failed: ${cell.error}</p></td>`;
      default:
        return html`<td data-status=${cell.status}><p class="state">${WAITING_TEXT[cell.status]}</p></td>`;
    }
  }

  private get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input[type=file]') as HTMLInputElement;
  }

  private openPicker = (): void => this.input.click();

  private picked = (): void => {
    const files = [...(this.input.files ?? [])];
    this.input.value = ''; // picking the same images again must fire change again
    if (files.length) this.controller.setImages(files);
  };

  private exportJson = (): void => {
    const file = this.controller.exportFile(new Date());
    const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    // The click starts the download synchronously; the URL only has to outlive this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
}

customElements.define('compare-view', CompareView);

declare global {
  interface HTMLElementTagNameMap {
    'compare-view': CompareView;
  }
}
