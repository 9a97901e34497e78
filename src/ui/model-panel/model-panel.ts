import { html, LitElement, nothing } from 'lit';
import type { ModelView } from '../../app/altscribe-controller';
import { findModel, type ModelEntry } from '../../models/registry';
import { formatBytes } from '../../models/format-bytes';
import { sharedStyles } from '../shared/shared-styles';
import { modelPanelStyles } from './model-panel.styles';

/**
 * The page's one line about the model: "Florence-2 base · ready on WASM, q8 · 230 MB on this
 * device · Change…". What runs, where, and how far its download is, said once; choosing
 * lives in the settings view (`#settings`). Says plainly when WebGPU failed and WASM took over.
 */
export class ModelPanel extends LitElement {
  static override styles = [sharedStyles, modelPanelStyles];
  static override properties = {
    model: { attribute: false },
    customModels: { attribute: false },
    progressElsewhere: { attribute: false },
    bytesOnDevice: { attribute: false },
  };

  declare model: ModelView;
  /** Models the person added, so their labels can be shown. */
  declare customModels: readonly ModelEntry[];
  /** The download prompt below shows this load's progress: one progress bar, not two. */
  declare progressElsewhere: boolean;
  /** What the selected model's files take in this browser; 0 before its first download. */
  declare bytesOnDevice: number;

  constructor() {
    super();
    this.customModels = [];
    this.progressElsewhere = false;
    this.bytesOnDevice = 0;
  }

  override render() {
    const { modelId } = this.model.settings;
    const label = (findModel(modelId) ?? this.customModels.find((m) => m.id === modelId))?.label ?? modelId;
    const dot = html`<span class="dot" aria-hidden="true">·</span>`;
    return html`
      <section aria-labelledby="model-heading">
        <h2 id="model-heading" class="visually-hidden">Model</h2>
        <p class="line">
          <strong data-role="model-label">${label}</strong> ${dot} ${this.renderState()}
          ${this.bytesOnDevice > 0 ? html`${dot} <span data-role="on-device">${formatBytes(this.bytesOnDevice)} on this device</span>` : nothing} ${dot}
          <a href="#settings" data-role="change-model">Change<span class="visually-hidden"> model or settings</span>…</a>
        </p>
        ${this.renderDetail()}
      </section>
    `;
  }

  /** The short state, inside the line. */
  private renderState() {
    const { phase, ready, progress } = this.model;
    if (phase === 'loading') {
      const verb = progress?.phase === 'initializing' ? 'preparing…' : this.model.fromDevice ? 'loading from this device…' : 'downloading…';
      return html`<span data-role="model-state" data-phase="loading">${verb}${this.progressElsewhere ? ' (progress below)' : ''}</span>`;
    }
    if (phase === 'failed') return html`<span data-role="model-state" data-phase="failed" class="error">could not be loaded</span>`;
    if (phase === 'ready' && ready) {
      const threads = ready.device === 'wasm' ? `, ${ready.wasmThreads} thread${ready.wasmThreads === 1 ? '' : 's'}` : '';
      if (ready.device === 'browser') return html`<span data-role="model-state" data-phase="ready">ready, run by <span data-role="backend">the browser</span></span>`;
      return html`<span data-role="model-state" data-phase="ready">ready on <span data-role="backend">${ready.device.toUpperCase()}</span>, <span data-role="dtype">${ready.dtype}</span> weights${threads}</span>`;
    }
    return html`<span data-role="model-state" data-phase="idle">loads when you add the first photo</span>`;
  }

  /** Below the line: the download's progress, the failure, or the WebGPU fallback. */
  private renderDetail() {
    const { phase, progress, ready, error } = this.model;
    if (phase === 'loading' && !this.progressElsewhere) {
      const percent = progress?.percent ?? null;
      // The browser's own download reports a fraction and no bytes.
      const byBrowser = progress !== null && progress.totalBytes === null && progress.loadedBytes === 0 && progress.filesTotal === 0;
      const bytes = progress && !byBrowser ? `${formatBytes(progress.loadedBytes)}${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''}` : byBrowser ? 'Downloaded by the browser' : '';
      const files = progress?.filesTotal ? ` · file ${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${progress.filesTotal}` : '';
      return html`<div class="detail" data-role="model-progress">
        <progress aria-label=${this.model.fromDevice ? 'Model loading' : 'Model download'} max="100" value=${percent ?? nothing}></progress>
        ${progress?.phase === 'initializing' ? nothing : html`<div>${bytes}${percent !== null ? ` (${percent.toFixed(0)} %)` : ''}${files}</div>`}
      </div>`;
    }
    if (phase === 'failed') return html`<p class="detail error" data-role="model-error"><strong>The model could not be loaded.</strong> ${error}</p>`;
    if (phase === 'ready' && ready?.fallbackNotice) return html`<p class="detail notice" data-role="fallback-notice">${ready.fallbackNotice}</p>`;
    return nothing;
  }
}

customElements.define('model-panel', ModelPanel);

declare global {
  interface HTMLElementTagNameMap {
    'model-panel': ModelPanel;
  }
}
