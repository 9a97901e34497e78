import { html, LitElement } from 'lit';
import type { AltscribeController } from '../../app/altscribe-controller';
import type { BatchControls } from '../../app/batch-controls';
import type { CompareController } from '../../app/compare-controller';
import type { ConsentRequest } from '../../app/download-gate';
import type { DeviceAdvisor } from '../../app/device-advisor';
import type { LoadProgress } from '../../models/model-types';
import { DEFAULT_MODEL_ID, findModel } from '../../models/registry';
import { applyResultsView, countByStatus, DEFAULT_RESULTS_VIEW, showingText, type ResultsView } from '../../app/result-filters';
import type { ResultsTransfer } from '../../app/results-transfer';
import type { ModelLibrary } from '../../app/model-library';
import type { OriginalsReopener } from '../../app/reopen-originals';
import type { CustomModels } from '../../app/custom-models';
import type { ModelFolderSelectedEvent, ModelUrlSubmittedEvent } from '../add-model/add-model';
import '../add-model/add-model';
import '../batch-progress/batch-progress';
import '../caption-card/caption-card';
import { cardListStyles } from '../card-list/card-list.styles';
import '../card-list/card-list';
import '../compare-view/compare-view';
import '../device-panel/device-panel';
import '../download-consent/download-consent';
import '../model-manager/model-manager';
import type { DropZone, FilesSelectedEvent } from '../drop-zone/drop-zone';
import '../drop-zone/drop-zone';
import { PageDropTarget } from './page-drop-target';
import { frameAfter } from '../shared/next-frame';
import { runCardAction } from './card-actions';
import '../live-announcer/live-announcer';
import '../model-panel/model-panel';
import '../reopen-originals/reopen-originals';
import type { ExportRequestedEvent, ImportFileSelectedEvent, ResultsViewChangeEvent } from '../results-toolbar/results-toolbar';
import '../results-toolbar/results-toolbar';
import '../review-mode/review-mode';
import { sharedStyles } from '../shared/shared-styles';
import { altscribeAppStyles } from './altscribe-app.styles';

/** Longer lists (the card list's windowed size too) render at most once per frame... */
const COALESCE_ABOVE_CARDS = 50;
/**
 * ...and at most this often: a batch streams about 80 words a second, and each render of a long
 * list walks every card (counts, offsets). Ten renders a second still show every word arrive.
 */
const RENDER_GAP_MS = 100;
/**
 * The page: model panel, drop zone, the list of cards, and one polite live region through
 * which everything that happens out of sight (caption finished, model ready) is announced.
 */
export class AltscribeApp extends LitElement {
  static override styles = [sharedStyles, altscribeAppStyles, cardListStyles];
  static override properties = { controller: { attribute: false }, compare: { attribute: false }, library: { attribute: false }, advisor: { attribute: false }, customModels: { attribute: false }, batch: { attribute: false }, transfer: { attribute: false }, reopen: { attribute: false }, resultsView: { state: true }, importing: { state: true } };

  declare controller: AltscribeController;
  /** Optional: the compare view is only shown when main.ts provides its controller. */
  declare compare: CompareController | undefined;
  /** Optional: the model manager is only shown when main.ts provides the library. */
  declare library: ModelLibrary | undefined;
  /** Optional: the "This device" panel is only shown when main.ts provides the advisor. */
  declare advisor: DeviceAdvisor | undefined;
  /** Optional: "Add a model" (a folder or a folder URL) is only shown when main.ts provides it. */
  declare customModels: CustomModels | undefined;
  /** Optional: pause/resume/cancel/retry over the queue and its progress, when main.ts provides them. */
  declare batch: BatchControls | undefined;
  /** Optional: export and import are only offered when main.ts provides the transfer. */
  declare transfer: ResultsTransfer | undefined;
  /** Optional: reopening unfinished photos from kept file handles, when main.ts provides it. */
  declare reopen: OriginalsReopener | undefined;
  declare private resultsView: ResultsView;
  declare private importing: boolean;
  /** The download the person agreed to, kept to show its progress until the model is ready. */
  private accepted: ConsentRequest | null = null;

  constructor() {
    super();
    this.resultsView = DEFAULT_RESULTS_VIEW;
    this.importing = false;
  }

  private readonly pageDrop = new PageDropTarget(this, () => this.renderRoot.querySelector('drop-zone'));

  private get dropZone(): DropZone {
    return this.renderRoot.querySelector('drop-zone') as DropZone;
  }

  private readonly rerender = (): void => this.requestUpdate();
  // While several photos are captioned, the batch's throttled summary speaks instead of each photo.
  private readonly onAnnounce = (event: Event): void => {
    const message = (event as CustomEvent<string>).detail;
    if (!this.batch?.swallows(message)) this.announce(message);
  };
  private readonly onBatchAnnounce = (event: Event): void => this.announce((event as CustomEvent<string>).detail);

  override connectedCallback(): void {
    super.connectedCallback();
    this.controller.addEventListener('change', this.rerender);
    this.controller.addEventListener('announce', this.onAnnounce);
    this.controller.addEventListener('models-changed', this.onModelsChanged);
    this.library?.addEventListener('change', this.rerender);
    this.advisor?.addEventListener('change', this.rerender);
    this.customModels?.addEventListener('change', this.rerender);
    this.batch?.addEventListener('change', this.rerender);
    this.batch?.addEventListener('announce', this.onBatchAnnounce);
    this.reopen?.addEventListener('change', this.rerender);
    this.reopen?.addEventListener('announce', this.onBatchAnnounce);
    void this.library?.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller.removeEventListener('change', this.rerender);
    this.controller.removeEventListener('announce', this.onAnnounce);
    this.controller.removeEventListener('models-changed', this.onModelsChanged);
    this.library?.removeEventListener('change', this.rerender);
    this.advisor?.removeEventListener('change', this.rerender);
    this.customModels?.removeEventListener('change', this.rerender);
    this.batch?.removeEventListener('change', this.rerender);
    this.batch?.removeEventListener('announce', this.onBatchAnnounce);
    this.reopen?.removeEventListener('change', this.rerender);
    this.reopen?.removeEventListener('announce', this.onBatchAnnounce);
  }

  /**
   * A running batch changes the list many times a second (each save, each streamed word), each
   * change in its own task; with a long list, rendering once per frame instead keeps every task
   * short. A short list renders at once, so every streamed word shows. Hidden tabs get no
   * frames, so a timer stands in there.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.controller.cards.length > COALESCE_ABOVE_CARDS) await frameAfter(this.renderedAt, RENDER_GAP_MS);
    this.renderedAt = performance.now();
    super.scheduleUpdate();
  }

  private renderedAt = Number.NEGATIVE_INFINITY;

  override render() {
    const { cards, model } = this.controller;
    const shown = applyResultsView(cards, this.resultsView, (c) => c.record);
    const download = this.renderDownload();
    return html`
      <header>
        <h1>Altscribe</h1>
        <p>Alt-text for your photos, written by a model that runs in this browser tab.</p>
      </header>
      <main>
        ${this.controller.problem ? html`<p class="problem" role="alert" data-role="problem">${this.controller.problem}</p>` : ''}
        <model-panel .model=${model} .progressElsewhere=${this.accepted !== null} .customModels=${this.customModels?.catalog.custom ?? []} @settings-change=${(e: CustomEvent) => void this.controller.setSettings(e.detail)}></model-panel>
        ${download}
        ${this.advisor
          ? html`<details class="device">
              <summary>What this device can run</summary>
              ${this.advisor.error ? html`<p role="alert">${this.advisor.error}</p>` : ''}
              <device-panel .capabilities=${this.advisor.capabilities} .recommendation=${this.advisor.recommendation}></device-panel>
            </details>`
          : ''}
        ${this.compare
          ? html`<details @toggle=${this.onCompareToggle}>
              <summary>Compare models</summary>
              <compare-view .controller=${this.compare}></compare-view>
            </details>`
          : ''}
        <drop-zone @files-selected=${(e: FilesSelectedEvent) => void this.controller.addFiles(e.detail.items ?? e.detail.files).then(this.reportIntake)}></drop-zone>
        ${this.reopen ? html`<reopen-originals .offer=${this.reopen.offer} ?busy=${this.reopen.busy} @reopen-requested=${() => void this.reopen?.requestAccess()}></reopen-originals>` : ''}
        ${this.library
          ? html`<model-manager
              .models=${this.library.models}
              .storage=${this.library.storage}
              .busy=${this.library.busy}
              @model-delete-requested=${(e: CustomEvent<{ modelId: string }>) => void this.deleteModel(e.detail.modelId)}
              @persist-requested=${() => void this.library?.persist()}
            ></model-manager>`
          : ''}
        ${this.customModels
          ? html`<add-model
              .busy=${this.customModels.busy}
              .error=${this.customModels.error}
              .message=${this.customModels.message}
              @model-folder-selected=${(e: ModelFolderSelectedEvent) => void this.addModel(this.customModels?.addFolder(e.detail.files))}
              @model-url-submitted=${(e: ModelUrlSubmittedEvent) => void this.addModel(this.customModels?.addUrl(e.detail.url))}
            ></add-model>`
          : ''}
        ${this.batch ? html`<batch-progress .view=${this.batch.view} @batch-action=${this.onBatchAction}></batch-progress>` : ''}
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">Photos (${cards.length})</h2>
          <results-toolbar .view=${this.resultsView} .shown=${shown.length} .total=${cards.length} .counts=${countByStatus(cards, (c) => c.record)} ?transfer=${this.transfer !== undefined} ?busy=${this.importing} .message=${this.transfer?.message ?? null} @results-view-change=${this.onViewChange} @export-requested=${this.onExport} @import-file-selected=${this.onImport}></results-toolbar>
          <review-mode .cards=${shown} .controller=${this.controller}></review-mode>
          ${cards.length === 0
            ? html`<p class="empty">No photos yet. Added photos and their alt-text are kept in this browser until you delete them.</p>`
            : shown.length === 0
            ? html`<p class="empty" data-role="no-match">No photos match these filters.</p>`
            : html`<card-list .cards=${shown} @card-action=${this.onCardAction} @edit-text=${this.onEdit}></card-list>`}
        </section>
      </main>
      <live-announcer></live-announcer>
    `;
  }

  /** The consent prompt before a first download, then that download's progress and Cancel. */
  private renderDownload() {
    const { model } = this.controller;
    // Kept from Download until the load settles: between the two the phase briefly reads idle.
    if (model.consent || model.phase === 'ready' || model.phase === 'failed') this.accepted = null;
    const request = model.consent ?? this.accepted;
    if (!request) return '';
    return html`<download-consent
      .model=${{ id: request.modelId, label: request.label, licence: request.licence, note: request.note }}
      .size=${request.size}
      .storage=${{ ...(request.freeBytes !== undefined ? { freeBytes: request.freeBytes } : {}), ...(request.quotaBytes !== undefined ? { quotaBytes: request.quotaBytes } : {}) }}
      .progress=${model.consent ? null : (model.progress ?? startingProgress(request))}
      @download-requested=${() => {
        this.accepted = model.consent;
        this.controller.session.accept();
      }}
      @download-declined=${() => this.controller.session.decline()}
      @download-cancelled=${() => this.controller.session.cancel()}
    ></download-consent>`;
  }

  /** The summary stays visible under the drop zone and is spoken through the one live region. */
  private readonly reportIntake = (summary: string | void): void => {
    this.dropZone.report(summary);
    if (summary) this.announce(summary);
  };

  private readonly onModelsChanged = (): void => void this.library?.refresh();

  /** A model the person just added becomes the selected one; a folder's copied files show in the manager. */
  private async addModel(adding: Promise<{ id: string } | null> | undefined): Promise<void> {
    const entry = await adding;
    if (!entry) return;
    await this.controller.setSettings({ modelId: entry.id });
    if (this.customModels?.message) this.announce(this.customModels.message);
    await this.library?.refresh();
  }

  private async deleteModel(modelId: string): Promise<void> {
    await this.library?.remove(modelId);
    const gone = await this.customModels?.forgetIfFolder(modelId);
    // A folder model has no other source: the selection must not keep pointing at nothing.
    if (!gone || this.controller.model.settings.modelId !== modelId) return;
    const next = this.advisor?.recommendation?.modelId ?? DEFAULT_MODEL_ID;
    await this.controller.setSettings({ modelId: next });
    this.announce(`The deleted model was selected; ${findModel(next)?.label ?? next} is selected now.`);
  }

  private announce(message: string): void {
    // Before the first render the region does not exist yet; the message waits for it.
    void this.updateComplete.then(() => this.renderRoot.querySelector('live-announcer')?.announce(message));
  }

  /** Models downloaded since the page loaded should be offered too. */
  private onCompareToggle = (event: Event): void => {
    if ((event.target as HTMLDetailsElement).open) void this.compare?.refreshModels();
  };

  private onBatchAction = (event: Event): void => {
    const { action } = (event as CustomEvent<{ action: 'pause' | 'resume' | 'cancel-waiting' | 'retry-failed' }>).detail;
    if (action === 'pause') this.batch?.pause();
    else if (action === 'resume') this.batch?.resume();
    else if (action === 'cancel-waiting') this.batch?.cancelWaiting();
    else this.batch?.retryFailed();
  };

  private onViewChange = (event: ResultsViewChangeEvent): void => {
    this.resultsView = event.detail;
    const { cards } = this.controller;
    this.announce(`${showingText(applyResultsView(cards, this.resultsView, (c) => c.record).length, cards.length)}.`);
  };

  private onExport = (event: ExportRequestedEvent): void => {
    const { cards } = this.controller;
    const records = (event.detail.scope === 'shown' ? applyResultsView(cards, this.resultsView, (c) => c.record) : cards).map((c) => c.record);
    if (this.transfer) this.announce(this.transfer.export(records, event.detail.format));
  };

  private onImport = async (event: ImportFileSelectedEvent): Promise<void> => {
    if (!this.transfer) return;
    this.importing = true;
    const summary = await this.transfer.importFile(event.detail.file);
    this.importing = false;
    this.announce(summary);
  };

  private onEdit = (event: Event): void => {
    const { id, text } = (event as CustomEvent<{ id: string; text: string }>).detail;
    void this.controller.editText(id, text);
  };

  private onCardAction = (event: Event): Promise<void> =>
    runCardAction(event, this.controller, {
      announce: (message) => this.announce(message),
      // The focused button is gone: put focus somewhere predictable.
      focusAfterDelete: () => this.dropZone.shadowRoot?.querySelector('button')?.focus(),
    });
}

/** Before the worker's first progress message: the accepted download, nothing received yet. */
function startingProgress(request: ConsentRequest): LoadProgress {
  return { loadedBytes: 0, totalBytes: request.size.exact ? request.size.bytes : null, percent: request.size.exact ? 0 : null, file: null, filesDone: 0, filesTotal: request.size.files, phase: 'downloading' };
}

customElements.define('altscribe-app', AltscribeApp);

declare global {
  interface HTMLElementTagNameMap {
    'altscribe-app': AltscribeApp;
  }
}
