import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { formatBytes, formatFilesSize } from '../../models/format-bytes';
import type { LoadProgress } from '../../models/model-types';
import { emit } from '../shared/events';
import { panelStyles, sharedStyles } from '../shared/shared-styles';
import { downloadConsentStyles } from './download-consent.styles';

export interface ConsentModel {
  id: string;
  label: string;
  licence: string;
  note: string;
}

/**
 * `exact` when the server reported every file's size; otherwise the registry's estimate.
 * `stored`: the model's files already on this device, so the whole reads as the manager lists it.
 */
export interface DownloadSize {
  bytes: number;
  exact: boolean;
  files: number;
  stored?: { bytes: number; files: number };
  /** The browser that downloads and keeps the model itself (its Prompt API), outside this site's storage. */
  managedBy?: string;
}

/** From navigator.storage.estimate(); either part may be unknown. */
export interface StorageRoom {
  freeBytes?: number;
  quotaBytes?: number;
}

type View = 'consent' | 'progress' | 'ready';

/**
 * Asks before anything large downloads, then shows the download. The prompt names the real
 * size and the free space, and warns when the model will not fit; the person decides.
 * Focus lands on Download when the prompt appears so keyboard users need not hunt for it,
 * and on Cancel once the download starts, because the button they pressed is gone.
 */
export class DownloadConsent extends LitElement {
  static override styles = [sharedStyles, panelStyles, downloadConsentStyles];
  static override properties = {
    model: { attribute: false },
    size: { attribute: false },
    storage: { attribute: false },
    progress: { attribute: false },
    error: { attribute: false },
  };

  declare model: ConsentModel;
  declare size: DownloadSize;
  declare storage: StorageRoom | null;
  declare progress: LoadProgress | null;
  declare error: string | null;

  constructor() {
    super();
    this.storage = null;
    this.progress = null;
    this.error = null;
  }

  private shownView: View | null = null;
  private focusWasInside = false;

  private get view(): View {
    if (!this.progress) return 'consent';
    return this.progress.phase === 'ready' ? 'ready' : 'progress';
  }

  override render() {
    if (this.view === 'consent') return this.renderConsent();
    if (this.view === 'ready') return html`<p class="done" role="status" tabindex="-1" data-role="download-done">${this.model.label} is downloaded and ready.</p>`;
    return this.renderProgress(this.progress as LoadProgress);
  }

  private renderConsent() {
    const { model, size } = this;
    const free = this.storage?.freeBytes;
    // The browser keeps its own model outside this site's storage: the site's free space does not limit it.
    const shortfall = free !== undefined && !size.managedBy && size.bytes > free ? size.bytes - free : 0;
    return html`
      <section aria-labelledby="consent-heading" data-role="consent">
        <h2 id="consent-heading">Download ${model.label}?</h2>
        <p class="note">${model.note} Licence: ${model.licence}.</p>
        <dl>
          <div>
            <dt>Download size</dt>
            <dd><span data-role="size">${this.sizeText()}</span>${this.storedText()}</dd>
          </div>
          <div>
            <dt>Free space for this site</dt>
            <dd data-role="free-space">${this.freeSpaceText()}</dd>
          </div>
        </dl>
        ${shortfall > 0
          ? html`<p class="warning" role="alert" data-role="quota-warning">
              Not enough space: this download needs about ${formatBytes(shortfall)} more than the ${formatBytes(free ?? 0)} free. Delete models you no longer use or free up disk space first.
            </p>`
          : nothing}
        ${this.error ? html`<p class="error" role="alert" data-role="error">${this.error}</p>` : nothing}
        <p class="hint">The model is stored in this browser, so this happens only once. Your photos never leave this device.</p>
        <div class="actions">
          <button type="button" class="primary" data-role="download" @click=${() => this.answer('download-requested')}>Download</button>
          <button type="button" data-role="decline" @click=${() => this.answer('download-declined')}>Not now</button>
        </div>
      </section>
    `;
  }

  private renderProgress(progress: LoadProgress) {
    const preparing = progress.phase === 'initializing';
    const percent = progress.percent === null ? null : Math.max(0, Math.min(100, progress.percent));
    return html`
      <section aria-labelledby="progress-heading" data-role="download-progress" aria-busy="true">
        <h2 id="progress-heading">${preparing ? `Preparing ${this.model.label}` : `Downloading ${this.model.label}`}</h2>
        <progress id="download-bar" max="100" value=${percent ?? nothing} aria-labelledby="progress-heading" aria-describedby="progress-text"></progress>
        <p id="progress-text" data-role="progress-text">${preparing ? 'Download complete; starting the model…' : progressText(progress, percent)}</p>
        <p class="visually-hidden" role="status" data-role="download-announcement">${announcement(this.model.label, progress, percent)}</p>
        ${this.error ? html`<p class="error" role="alert" data-role="error">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="button" data-role="cancel-download" @click=${() => this.answer('download-cancelled')}>Cancel download</button>
        </div>
      </section>
    `;
  }

  /** Formatted as the model manager formats a model, so both views give the same figure. */
  private sizeText(): string {
    const { bytes, exact, files, managedBy } = this.size;
    if (managedBy) return `about ${formatBytes(bytes)}, downloaded and managed by ${managedBy}, shared with other sites`;
    if (!exact) return `about ${formatBytes(bytes)} (estimate)${files > 0 ? ` in ${files} file${files === 1 ? '' : 's'}` : ''}`;
    return files > 0 ? formatFilesSize(bytes, files) : formatBytes(bytes);
  }

  /** Files an earlier download left: stated with the whole, which is what the manager will list. */
  private storedText(): string {
    const { stored, bytes, files, exact } = this.size;
    if (!stored || stored.files === 0 || !exact) return '';
    return `; with ${stored.files === 1 ? 'the file' : `the ${stored.files} files`} already on this device, ${formatFilesSize(bytes + stored.bytes, files + stored.files)} in all`;
  }

  private freeSpaceText(): string {
    if (this.size.managedBy) return `Not used: ${this.size.managedBy} stores its model outside this site's storage`;
    const free = this.storage?.freeBytes;
    const quota = this.storage?.quotaBytes;
    if (free === undefined) return quota === undefined ? 'Unknown (this browser does not say)' : `Unknown, of ${formatBytes(quota)} allowed`;
    return quota === undefined ? `${formatBytes(free)} free` : `${formatBytes(free)} free of ${formatBytes(quota)} allowed`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.focusWasInside = this.shadowRoot?.activeElement != null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.view;
    if (view === this.shownView) return;
    const previous = this.shownView;
    this.shownView = view;
    if (view === 'consent') {
      this.focusRole('download');
      return;
    }
    // Follow only a person who was working in this element (a download shown on page load
    // must not pull focus away). Safari does not focus a clicked button, so after Download
    // focus may already have fallen to the page.
    if (view === 'progress' && previous === 'consent' && (this.focusWasInside || focusIsLost(this))) this.focusRole('cancel-download');
    if (view === 'ready' && this.focusWasInside) this.focusRole('download-done');
  }

  private focusRole(role: string): void {
    this.shadowRoot?.querySelector<HTMLElement>(`[data-role="${role}"]`)?.focus();
  }

  private answer(type: 'download-requested' | 'download-declined' | 'download-cancelled'): void {
    emit(this, type, { modelId: this.model.id });
  }
}

/** "12 MB of 46 MB (27%) · file 2 of 5"; parts the worker could not report are left out. */
export function progressText(progress: LoadProgress, percent: number | null): string {
  // The browser's own download reports a fraction and no bytes.
  if (progress.totalBytes === null && progress.loadedBytes === 0 && progress.filesTotal === 0 && percent !== null) return `${Math.floor(percent)}% downloaded by the browser`;
  const bytes = progress.totalBytes
    ? `${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`
    : `${formatBytes(progress.loadedBytes)} downloaded`;
  const share = percent === null ? '' : ` (${Math.floor(percent)}%)`;
  const files = progress.filesTotal > 0 ? ` · file ${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${progress.filesTotal}` : '';
  return `${bytes}${share}${files}`;
}

/**
 * What the live region says. It changes only at quarter steps, so a screen reader hears
 * a handful of updates instead of one per network chunk.
 */
function announcement(label: string, progress: LoadProgress, percent: number | null): string {
  if (progress.phase === 'initializing') return `${label} downloaded. Starting the model.`;
  if (percent === null) return `Downloading ${label}.`;
  const step = Math.floor(percent / 25) * 25;
  return step === 0 ? `Downloading ${label}.` : `${label}: ${step}% downloaded.`;
}

/** True when the focused control was removed and the browser dropped focus to the page. */
function focusIsLost(host: HTMLElement): boolean {
  const active = host.ownerDocument.activeElement;
  return active === null || active === host.ownerDocument.body || active === host;
}

customElements.define('download-consent', DownloadConsent);

declare global {
  interface HTMLElementTagNameMap {
    'download-consent': DownloadConsent;
  }
}
