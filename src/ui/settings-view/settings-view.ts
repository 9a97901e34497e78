import { html, LitElement } from 'lit';
import type { AppServices } from '../altscribe-app/app-services';
import { DEFAULT_MODEL_ID, findModel } from '../../models/registry';
import type { ModelFolderSelectedEvent, ModelUrlSubmittedEvent } from '../add-model/add-model';
import '../add-model/add-model';
import '../compare-view/compare-view';
import '../device-panel/device-panel';
import '../model-manager/model-manager';
import '../model-settings/model-settings';
import { sharedStyles } from '../shared/shared-styles';
import { listen, Subscriptions } from '../shared/subscriptions';
import { settingsViewStyles } from './settings-view.styles';

/**
 * The settings view (`#settings`): model and device choice, the second opinion, what this
 * device can run, comparing models, the models on this device and adding one. Rendered the
 * first time the person opens it, so none of it costs anything on the photos view.
 */
export class SettingsView extends LitElement {
  static override styles = [sharedStyles, settingsViewStyles];
  static override properties = { services: { attribute: false }, announce: { attribute: false } };

  /** Built in main.ts, shared with the page element. */
  declare services: AppServices;
  /** Speaks through the page's one live region. */
  declare announce: (message: string) => void;

  constructor() {
    super();
    this.announce = () => undefined;
  }

  private readonly rerender = (): void => this.requestUpdate();

  private readonly subscriptions = new Subscriptions(this, () => {
    const { controller, library, advisor, customModels } = this.services;
    void library.refresh();
    // The device report is asked for now; the probe the page started when idle is reused.
    void advisor.detect();
    return [
      listen(controller, 'change', this.rerender),
      ...(controller.secondOpinions ? [listen(controller.secondOpinions, 'change', this.rerender)] : []),
      ...[library, advisor, customModels].map((service) => listen(service, 'change', this.rerender)),
    ];
  });

  /** The heading takes focus when the view opens, so a screen reader starts at its top. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#settings-heading')?.focus();
  }

  override render() {
    const { controller, advisor, compare, library, customModels } = this.services;
    return html`
      <div class="top">
        <h2 id="settings-heading" tabindex="-1">Settings</h2>
        <a href="#" data-role="back-to-photos">Back to photos</a>
      </div>
      <model-settings
        .model=${controller.model}
        .customModels=${customModels.catalog.custom}
        .downloaded=${library.models.filter((m) => m.files > 0).map((m) => m.modelId)}
        .secondWaiting=${controller.secondOpinions?.size ?? 0}
        .promptApi=${advisor.capabilities?.promptApi}
        @settings-change=${(e: CustomEvent) => void controller.setSettings(e.detail)}
      ></model-settings>
      <div class="panel">
        ${advisor.error ? html`<p role="alert">${advisor.error}</p>` : ''}
        <device-panel .capabilities=${advisor.capabilities} .recommendation=${advisor.recommendation}></device-panel>
      </div>
      <details class="panel" @toggle=${this.onCompareToggle}>
        <summary>Compare models</summary>
        <compare-view .controller=${compare}></compare-view>
      </details>
      <model-manager
        .models=${library.models}
        .storage=${library.storage}
        .busy=${library.busy}
        @model-delete-requested=${(e: CustomEvent<{ modelId: string }>) => void this.deleteModel(e.detail.modelId)}
        @persist-requested=${() => void library.persist()}
      ></model-manager>
      <add-model
        .busy=${customModels.busy}
        .error=${customModels.error}
        .message=${customModels.message}
        @model-folder-selected=${(e: ModelFolderSelectedEvent) => void this.addModel(customModels.addFolder(e.detail.files))}
        @model-url-submitted=${(e: ModelUrlSubmittedEvent) => void this.addModel(customModels.addUrl(e.detail.url))}
      ></add-model>
    `;
  }

  /** A model the person just added becomes the selected one; a folder's copied files show in the manager. */
  private async addModel(adding: Promise<{ id: string } | null>): Promise<void> {
    const entry = await adding;
    if (!entry) return;
    await this.services.controller.setSettings({ modelId: entry.id });
    if (this.services.customModels.message) this.announce(this.services.customModels.message);
    await this.services.library.refresh();
  }

  private async deleteModel(modelId: string): Promise<void> {
    const { library, customModels, controller, advisor } = this.services;
    await library.remove(modelId);
    const gone = await customModels.forgetIfFolder(modelId);
    // A folder model has no other source: the selection must not keep pointing at nothing.
    if (!gone || controller.model.settings.modelId !== modelId) return;
    const next = advisor.recommendation?.modelId ?? DEFAULT_MODEL_ID;
    await controller.setSettings({ modelId: next });
    this.announce(`The deleted model was selected; ${findModel(next)?.label ?? next} is selected now.`);
  }

  /** Models downloaded since the page loaded should be offered too. */
  private onCompareToggle = (event: Event): void => {
    if ((event.target as HTMLDetailsElement).open) void this.services.compare.refreshModels();
  };
}

customElements.define('settings-view', SettingsView);

declare global {
  interface HTMLElementTagNameMap {
    'settings-view': SettingsView;
  }
}
