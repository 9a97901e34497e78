import { html, LitElement, nothing } from 'lit';
import type { ModelView } from '../../app/altscribe-controller';
import type { DevicePreference } from '../../models/model-types';
import { MODELS, findModel, type ModelEntry } from '../../models/registry';
import { formatBytes } from '../../models/format-bytes';
import { emit } from '../shared/events';
import { settingsPanelStyles } from '../shared/panel-styles';
import { sharedStyles } from '../shared/shared-styles';
import { modelPanelStyles } from './model-panel.styles';
import { secondOpinionChoices } from './second-opinion-choices';
import { secondOpinionFields, type SecondOpinionPatch } from './second-opinion-fields';

const DEVICE_LABELS: Record<DevicePreference, string> = { auto: 'Automatic (best available)', webgpu: 'WebGPU (graphics card)', wasm: 'WASM (CPU)' };

/**
 * Which model runs, where, and how far its download is. Shows the backend and dtype that
 * actually ran, and says so plainly when WebGPU failed and WASM took over.
 */
export class ModelPanel extends LitElement {
  static override styles = [sharedStyles, settingsPanelStyles, modelPanelStyles];
  static override properties = {
    model: { attribute: false },
    customModels: { attribute: false },
    progressElsewhere: { attribute: false },
    downloaded: { attribute: false },
    secondWaiting: { attribute: false },
  };

  declare model: ModelView;
  /** Models the person added (a folder or a folder URL), listed in their own group. */
  declare customModels: readonly ModelEntry[];
  /** The download prompt below shows this load's progress: one progress bar, not two. */
  declare progressElsewhere: boolean;
  /** Ids of the models with files on this device: with the app's own, the second opinions on offer. */
  declare downloaded: readonly string[];
  /** Photos waiting for the second model. */
  declare secondWaiting: number;

  constructor() {
    super();
    this.customModels = [];
    this.progressElsewhere = false;
    this.downloaded = [];
    this.secondWaiting = 0;
  }

  private readonly lookup = (id: string): ModelEntry | undefined => findModel(id) ?? this.customModels.find((m) => m.id === id);

  override render() {
    const { settings } = this.model;
    const entry = this.lookup(settings.modelId);
    const choices = secondOpinionChoices(entry, this.downloaded, this.lookup);
    return html`
      <section aria-labelledby="model-heading">
        <h2 id="model-heading">Model</h2>
        <div class="fields">
          <label>
            Captioning model
            <select data-role="model-select" @change=${(e: Event) => this.change({ modelId: (e.target as HTMLSelectElement).value })}>
              ${this.customModels.length
                ? html`<optgroup label="Built-in models">${this.options(MODELS)}</optgroup>
                    <optgroup label="Models you added" data-role="custom-models">${this.options(this.customModels)}</optgroup>`
                : this.options(MODELS)}
            </select>
          </label>
          <label>
            Run on
            <select data-role="device-select" @change=${(e: Event) => this.change({ device: (e.target as HTMLSelectElement).value as DevicePreference })}>
              ${(Object.keys(DEVICE_LABELS) as DevicePreference[]).map((d) => html`<option value=${d} ?selected=${d === settings.device}>${DEVICE_LABELS[d]}</option>`)}
            </select>
          </label>
        </div>
        ${entry ? html`<p class="note">${entry.note} Licence: ${entry.licence}.</p>` : nothing} ${this.renderState()}
        ${secondOpinionFields(settings, choices, this.secondWaiting, (id) => this.lookup(id)?.label ?? id, (patch) => this.change(patch))}
      </section>
    `;
  }

  private options(models: readonly ModelEntry[]) {
    const selected = this.model.settings.modelId;
    return models.map((m) => html`<option value=${m.id} ?selected=${m.id === selected}>${m.label}</option>`);
  }

  private renderState() {
    const { phase, progress, ready, error } = this.model;
    if (phase === 'loading' && this.progressElsewhere) {
      return html`<p class="state" data-role="model-state" data-phase="loading">Downloading the model; its progress is shown below.</p>`;
    }
    if (phase === 'loading') {
      const percent = progress?.percent ?? null;
      const bytes = progress ? `${formatBytes(progress.loadedBytes)}${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''}` : '';
      const verb = this.model.fromDevice ? 'Loading the model from this device' : 'Downloading the model';
      const label = progress?.phase === 'initializing' ? 'Preparing the model…' : `${verb}: ${bytes}${percent !== null ? ` (${percent.toFixed(0)} %)` : ''}`;
      return html`
        <div class="state" data-role="model-state" data-phase="loading">
          <progress aria-label=${this.model.fromDevice ? 'Model loading' : 'Model download'} max="100" value=${percent ?? nothing}></progress>
          <div>${label}${progress?.filesTotal ? html` · file ${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${progress.filesTotal}` : nothing}</div>
        </div>
      `;
    }
    if (phase === 'failed') return html`<p class="state error" data-role="model-state" data-phase="failed">The model could not be loaded: ${error}</p>`;
    if (phase === 'ready' && ready) {
      return html`
        <div class="state" data-role="model-state" data-phase="ready">
          <div>Ready on <strong data-role="backend">${ready.device.toUpperCase()}</strong> with <strong data-role="dtype">${ready.dtype}</strong> weights${ready.device === 'wasm' ? ` · ${ready.wasmThreads} thread${ready.wasmThreads === 1 ? '' : 's'}` : ''} · loaded in ${(ready.loadMs / 1000).toFixed(1)} s</div>
          <p class="reason">${ready.reason}</p>
          ${ready.fallbackNotice ? html`<p class="notice" data-role="fallback-notice">${ready.fallbackNotice}</p>` : nothing}
        </div>
      `;
    }
    return html`<p class="state" data-role="model-state" data-phase="idle">The model loads when you add the first photo.</p>`;
  }

  private change(patch: { modelId?: string; device?: DevicePreference } | SecondOpinionPatch): void {
    emit(this, 'settings-change', patch);
  }
}

customElements.define('model-panel', ModelPanel);

declare global {
  interface HTMLElementTagNameMap {
    'model-panel': ModelPanel;
  }
}
