import { html, LitElement, nothing } from 'lit';
import type { ModelView } from '../../app/altscribe-controller';
import type { Capabilities, DevicePreference } from '../../models/model-types';
import { MODELS, findModel, isBrowserModel, type ModelEntry } from '../../models/registry';
import { emit } from '../shared/events';
import { settingsPanelStyles } from '../shared/panel-styles';
import { sharedStyles } from '../shared/shared-styles';
import { languageField, languageNote } from './language-field';
import { modelSettingsStyles } from './model-settings.styles';
import { secondOpinionChoices } from './second-opinion-choices';
import { secondOpinionFields, type SecondOpinionPatch } from './second-opinion-fields';

const DEVICE_LABELS: Record<DevicePreference, string> = { auto: 'Automatic (best available)', webgpu: 'WebGPU (graphics card)', wasm: 'WASM (CPU)' };

/**
 * The settings view's model form: which model captions, where it runs, the alt-text language,
 * why that runtime was chosen, and the second opinion. What is running right now is said once, on the page's model
 * line (`<model-panel>`), not again here.
 */
export class ModelSettings extends LitElement {
  static override styles = [sharedStyles, settingsPanelStyles, modelSettingsStyles];
  static override properties = {
    model: { attribute: false },
    customModels: { attribute: false },
    downloaded: { attribute: false },
    secondWaiting: { attribute: false },
    promptApi: { attribute: false },
  };

  declare model: ModelView;
  /** Models the person added (a folder or a folder URL), listed in their own group. */
  declare customModels: readonly ModelEntry[];
  /** Ids of the models with files on this device: with the app's own, the second opinions on offer. */
  declare downloaded: readonly string[];
  /** Photos waiting for the second model. */
  declare secondWaiting: number;
  /** The browser's own model for images, as the page probed it; its entry is offered only when not 'unavailable'. */
  declare promptApi: Capabilities['promptApi'];

  constructor() {
    super();
    this.customModels = [];
    this.downloaded = [];
    this.secondWaiting = 0;
  }

  private readonly lookup = (id: string): ModelEntry | undefined => findModel(id) ?? this.customModels.find((m) => m.id === id);

  override render() {
    const { settings, ready, phase } = this.model;
    const entry = this.lookup(settings.modelId);
    const choices = secondOpinionChoices(entry, this.downloaded, this.lookup);
    return html`
      <section aria-labelledby="model-settings-heading">
        <h2 id="model-settings-heading">Model and device</h2>
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
          ${languageField(settings.language, (language) => this.change({ language }))}
        </div>
        ${entry ? html`<p class="note">${entry.note} Licence: ${entry.licence}.</p>` : nothing}
        ${languageNote(settings.language, entry)}
        ${phase === 'ready' && ready ? html`<p class="note" data-role="reason">Why this runtime: ${ready.reason}</p>` : nothing}
        ${secondOpinionFields(settings, choices, this.secondWaiting, (id) => this.lookup(id)?.label ?? id, (patch) => this.change(patch))}
      </section>
    `;
  }

  private options(models: readonly ModelEntry[]) {
    const selected = this.model.settings.modelId;
    const offered = this.promptApi !== undefined && this.promptApi !== 'unavailable';
    // A model chosen already (from the URL, say) stays listed, so the select never shows another.
    return models.filter((m) => offered || m.id === selected || !isBrowserModel(m)).map((m) => html`<option value=${m.id} ?selected=${m.id === selected}>${m.label}</option>`);
  }

  private change(patch: { modelId?: string; device?: DevicePreference; language?: string | undefined } | SecondOpinionPatch): void {
    emit(this, 'settings-change', patch);
  }
}

customElements.define('model-settings', ModelSettings);

declare global {
  interface HTMLElementTagNameMap {
    'model-settings': ModelSettings;
  }
}
