import { html, LitElement, nothing } from 'lit';
import { formatBytes } from '../../models/format-bytes';
import type { Capabilities } from '../../models/model-types';
import { isSoftwareAdapter } from '../../models/pick-runtime';
import type { Recommendation } from '../../models/recommend-model';
import { findModel } from '../../models/registry';
import { settingsPanelStyles } from '../shared/panel-styles';
import { sharedStyles } from '../shared/shared-styles';
import { devicePanelStyles } from './device-panel.styles';

type Fact = readonly [term: string, detail: string];

/**
 * What the probe found on this machine and which model it suggests, with the reasons and the
 * models it ruled out. Every fact is spelled out in words, so nothing depends on colour or icons.
 */
export class DevicePanel extends LitElement {
  static override styles = [sharedStyles, settingsPanelStyles, devicePanelStyles];
  static override properties = {
    capabilities: { attribute: false },
    recommendation: { attribute: false },
  };

  declare capabilities: Capabilities | null;
  declare recommendation: Recommendation | null;

  constructor() {
    super();
    this.capabilities = null;
    this.recommendation = null;
  }

  override render() {
    return html`
      <section aria-labelledby="device-heading">
        <h2 id="device-heading">This device</h2>
        ${this.capabilities
          ? html`<dl data-role="device-facts">${describeDevice(this.capabilities).map(([term, detail]) => html`<dt>${term}</dt><dd>${detail}</dd>`)}</dl>`
          : html`<p data-role="device-pending" role="status">Checking what this device can run…</p>`}
        ${this.recommendation ? this.renderRecommendation(this.recommendation) : nothing}
      </section>
    `;
  }

  private renderRecommendation(rec: Recommendation) {
    const device = rec.runtime.device === 'webgpu' ? 'WebGPU (graphics card)' : 'WASM (CPU)';
    return html`
      <div data-role="recommendation">
        <h3>Recommended model</h3>
        <p class="choice">
          <strong data-role="recommended-model">${labelOf(rec.modelId)}</strong>${rec.byBrowser ? ', run by the browser.' : `, on ${device} with ${rec.runtime.dtype} weights.`}
        </p>
        <ul data-role="reasons">
          ${rec.reasons.map((reason) => html`<li>${reason}</li>`)}
        </ul>
      </div>
      <div data-role="rejected">
        <h3>Not recommended on this device</h3>
        ${rec.rejected.length
          ? html`<ul>
              ${rec.rejected.map((r) => html`<li data-model-id=${r.modelId}><strong>${labelOf(r.modelId)}</strong>: ${r.why}</li>`)}
            </ul>`
          : html`<p>None: every model can run here.</p>`}
      </div>
    `;
  }
}

/** The facts as term–detail pairs, each spelled out so a screen reader hears the whole answer. */
function describeDevice(caps: Capabilities): Fact[] {
  const gpu = caps.webgpu;
  const notApplicable = 'Not applicable (no WebGPU adapter)';
  return [
    ['WebGPU adapter', gpu.adapter ? (gpu.description ?? 'Present (the browser gives no description)') : 'None'],
    ['Software adapter', !gpu.adapter ? notApplicable : isSoftwareAdapter(caps) ? 'Yes: slower than the CPU, so WebGPU is used only if you ask for it' : 'No'],
    ['shader-f16', !gpu.adapter ? notApplicable : gpu.shaderF16 ? 'Supported' : 'Not supported'],
    ['Largest GPU buffer', gpu.adapter ? bytesOrNotReported(gpu.maxBufferSize) : notApplicable],
    ['Largest storage buffer binding', gpu.adapter ? bytesOrNotReported(gpu.maxStorageBufferBindingSize) : notApplicable],
    ['Device memory', describeMemory(caps.deviceMemoryGiB)],
    ['CPU threads', caps.hardwareConcurrency !== undefined ? String(caps.hardwareConcurrency) : 'Not reported'],
    ['Cross-origin isolated', caps.crossOriginIsolated === undefined ? 'Not reported' : caps.crossOriginIsolated ? 'Yes: WASM can use several threads' : 'No: WASM runs on one thread'],
    ['Storage for this site', describeStorage(caps.storage)],
    ...(caps.promptApi ? ([["The browser's own model for images", PROMPT_API_STATES[caps.promptApi]]] as Fact[]) : []),
  ];
}

/** What the Prompt API's availability means for a person. */
const PROMPT_API_STATES: Readonly<Record<NonNullable<Capabilities['promptApi']>, string>> = {
  available: 'Present: the browser has it, nothing to download',
  downloadable: 'Offered: the browser downloads it first (about 4 GB)',
  downloading: 'Downloading in the browser',
  unavailable: 'None (it needs Chrome 148 or later on a desktop computer)',
};

function bytesOrNotReported(bytes: number | undefined): string {
  return bytes === undefined ? 'Not reported' : formatBytes(bytes);
}

function describeMemory(gib: number | undefined): string {
  if (gib === undefined) return 'Not reported by this browser';
  // Chromium caps navigator.deviceMemory at 8 and rounds down to a power of two.
  return gib === 8 ? '8 GB or more (browsers report at most 8 GB)' : `About ${gib} GB`;
}

function describeStorage(storage: Capabilities['storage']): string {
  if (!storage) return 'Not reported';
  const free = Math.max(0, storage.quotaBytes - storage.usageBytes);
  const persistence = storage.persisted === true ? '; kept even when the disk runs low' : storage.persisted === false ? '; the browser may clear it when the disk runs low' : '';
  return `${formatBytes(free)} free of ${formatBytes(storage.quotaBytes)}${persistence}`;
}

function labelOf(modelId: string): string {
  return findModel(modelId)?.label ?? modelId;
}

customElements.define('device-panel', DevicePanel);

declare global {
  interface HTMLElementTagNameMap {
    'device-panel': DevicePanel;
  }
}
