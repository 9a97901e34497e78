import { html, LitElement } from 'lit';
import type { AppServices } from './app-services';
import type { BatchView } from '../../app/batch-controls';
import type { ConsentRequest } from '../../model-manager/download-gate';
import type { LoadProgress } from '../../models/model-types';
import { formatCount } from '../../models/format-count';
import { MODELS } from '../../models/registry';
import type { ReviewBand } from '../../models/review-signals';
import { showingText, statusCounts, type StatusFilter } from '../../app/result-filters';
import { bandCounts } from '../../app/review-bands';
import '../batch-progress/batch-progress';
import '../caption-card/caption-card';
import { cardListStyles } from '../card-list/card-list.styles';
import '../card-list/card-list';
import '../download-consent/download-consent';
import { modelReadsContextOf } from '../drop-zone/batch-context';
import type { DropZone, FilesSelectedEvent } from '../drop-zone/drop-zone';
import '../drop-zone/drop-zone';
import { PageDropTarget } from './page-drop-target';
import { runCardAction } from './card-actions';
import '../live-announcer/live-announcer';
import '../model-panel/model-panel';
import '../reopen-originals/reopen-originals';
import type { ExportRequestedEvent, ImportFileSelectedEvent, ResultsViewChangeEvent } from '../results-toolbar/results-toolbar';
import '../results-toolbar/results-toolbar';
import '../review-mode/review-mode';
import { sharedStyles } from '../shared/shared-styles';
import { listen, Subscriptions } from '../shared/subscriptions';
import type { SettingsView } from '../settings-view/settings-view';
import type { BatchAction } from '../shared/events';
import { altscribeAppStyles } from './altscribe-app.styles';
import { PageViews } from './page-views';
import { renderReviewPriority, reviewPriorityVerbs } from './review-priority-wiring';

/**
 * The page: model panel, drop zone, the list of cards, and one polite live region through
 * which everything that happens out of sight (caption finished, model ready) is announced.
 * A card's change re-renders this element once per task (lit batches), costing the same at 10
 * or 10,000 cards; a streamed word does not reach it at all (CardStreams).
 */
export class AltscribeApp extends LitElement {
  static override styles = [sharedStyles, altscribeAppStyles, cardListStyles];
  static override properties = { services: { attribute: false }, importing: { state: true } };

  /** Built in main.ts; set before the element is added to the page. */
  declare services: AppServices;
  declare private importing: boolean;
  /** The download the person agreed to, kept to show its progress until the model is ready. */
  private accepted: ConsentRequest | null = null;
  private countsAt: { revision: number; counts: Record<StatusFilter, number>; bands: Record<ReviewBand, number> } | null = null;

  constructor() {
    super();
    this.importing = false;
  }

  private readonly views = new PageViews(this, {
    settingsHeading: async () => {
      await this.loadSettingsView();
      const view = this.renderRoot.querySelector<SettingsView>('settings-view');
      await view?.updateComplete;
      return view?.renderRoot.querySelector<HTMLElement>('#settings-heading') ?? null;
    },
    fallback: () => this.renderRoot.querySelector('model-panel')?.shadowRoot?.querySelector<HTMLElement>('[data-role=change-model]') ?? null,
  });

  /** The settings view's module, loaded the first time it is opened rather than at start-up. */
  private settingsModule: Promise<void> | null = null;
  private settingsLoaded = false;

  private loadSettingsView(): Promise<void> {
    this.settingsModule ??= import('../settings-view/settings-view').then(() => {
      this.settingsLoaded = true;
      this.requestUpdate();
      return this.updateComplete.then(() => undefined);
    });
    return this.settingsModule;
  }

  private readonly announceFn = (message: string): void => this.announce(message);

  /** Keeps a focused card from scrolling under the progress while it sticks (WCAG 2.4.11); no padding when it scrolls away. */
  private readonly stickyHeight = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.syncScrollPadding());

  private wasSticky = false;
  private syncScrollPadding(): void {
    const holder = this.renderRoot.querySelector<HTMLElement>('.progress');
    const sticks = holder !== null && getComputedStyle(holder).position === 'sticky';
    document.documentElement.style.scrollPaddingTop = sticks ? `${Math.ceil(holder.getBoundingClientRect().height) + 8}px` : '';
  }

  override firstUpdated(): void {
    const sticky = this.renderRoot.querySelector('.progress');
    if (sticky) this.stickyHeight?.observe(sticky);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stickyHeight?.disconnect();
  }

  override updated(): void {
    if (this.views.settingsOpened) void this.loadSettingsView();
    // Measured only when the progress starts or stops sticking (and on resize), not on every render.
    const sticky = this.renderRoot.querySelector('.progress')?.classList.contains('sticky') ?? false;
    if (sticky !== this.wasSticky) this.syncScrollPadding();
    this.wasSticky = sticky;
  }

  private readonly pageDrop = new PageDropTarget(this, () => this.renderRoot.querySelector('drop-zone'));

  private get dropZone(): DropZone {
    return this.renderRoot.querySelector('drop-zone') as DropZone;
  }

  private get controller(): AppServices['controller'] {
    return this.services.controller;
  }

  private readonly rerender = (): void => this.requestUpdate();
  // While several photos are captioned, the batch's throttled summary speaks instead of each photo.
  private readonly onAnnounce = (event: Event): void => {
    const { detail, photoId } = event as CustomEvent<string> & { photoId?: string };
    if (!this.services.batch.swallows(photoId)) this.announce(detail);
  };
  private readonly onBatchAnnounce = (event: Event): void => this.announce((event as CustomEvent<string>).detail);

  private readonly subscriptions = new Subscriptions(this, () => {
    const { controller, library, customModels, batch, reopen } = this.services;
    void library.refresh();
    return [
      controller.store.subscribe(this.rerender),
      listen(controller, 'change', this.rerender),
      listen(controller, 'announce', this.onAnnounce),
      listen(controller, 'models-changed', this.onModelsChanged),
      listen(controller.reviews, 'change', this.rerender),
      ...(controller.secondOpinions ? [listen(controller.secondOpinions, 'change', this.rerender)] : []),
      ...[library, customModels, batch, reopen].map((service) => listen(service, 'change', this.rerender)),
      listen(batch, 'announce', this.onBatchAnnounce),
      listen(reopen, 'announce', this.onBatchAnnounce),
    ];
  });

  /** Counts per status filter and per review band, from the store's tallies; the same objects until a card changes. */
  private counts(): { counts: Record<StatusFilter, number>; bands: Record<ReviewBand, number> } {
    const { store } = this.controller;
    if (this.countsAt?.revision !== store.revision) this.countsAt = { revision: store.revision, counts: statusCounts(store), bands: bandCounts(store) };
    return this.countsAt;
  }

  private readonly reviewVerbs = reviewPriorityVerbs(() => this.controller, (message) => this.announce(message));

  override render() {
    const { model } = this.controller;
    const { customModels, library } = this.services;
    const settings = this.views.current === 'settings';
    return html`
      <header>
        <div class="title">
          <h1>Altscribe</h1>
          <p>Alt-text for your photos, written by a model that runs in this browser tab.</p>
        </div>
        <!-- Hidden, not removed, in the settings view: leaving it returns focus to this same link. -->
        <a href="#settings" data-role="open-settings" ?hidden=${settings}>Settings</a>
      </header>
      <main>
        ${this.controller.problem ? html`<p class="problem" role="alert" data-role="problem">${this.controller.problem}</p>` : ''}
        <model-panel
          .model=${model}
          .progressElsewhere=${this.accepted !== null}
          .customModels=${customModels.catalog.custom}
          .bytesOnDevice=${library.models.find((m) => m.modelId === model.settings.modelId)?.bytes ?? 0}
        ></model-panel>
        ${this.renderDownload()}
        <div class="view" ?hidden=${settings} data-view="photos">${this.renderPhotos()}</div>
        ${this.views.settingsOpened && this.settingsLoaded
          ? html`<div class="view" ?hidden=${!settings} data-view="settings"><settings-view .services=${this.services} .announce=${this.announceFn}></settings-view></div>`
          : ''}
      </main>
      <live-announcer></live-announcer>
    `;
  }

  /** The photos view: where photos go in, the batch's progress (sticky), and the list. */
  private renderPhotos() {
    const { store, shown, streams } = this.controller;
    const { reopen, batch, transfer } = this.services;
    const total = store.size;
    const { counts, bands } = this.counts();
    const scored = bands['needs-review'] + bands.check + bands.fine > 0;
    return html`
      <drop-zone ?compact=${total > 0} .modelReadsContext=${modelReadsContextOf(this.controller.model.settings.modelId, [...MODELS, ...this.services.customModels.catalog.custom])} @files-selected=${(e: FilesSelectedEvent) => void this.controller.addFiles(e.detail.items ?? e.detail.files).then(this.reportIntake)}></drop-zone>
      <reopen-originals .offer=${reopen.offer} ?busy=${reopen.busy} @reopen-requested=${() => void reopen.requestAccess()}></reopen-originals>
      <div class=${batchActive(batch.view) ? 'progress sticky' : 'progress'}><batch-progress .view=${batch.view} @batch-action=${this.onBatchAction}></batch-progress></div>
      ${renderReviewPriority(this.controller, this.services.customModels.catalog.custom, counts, bands, this.reviewVerbs)}
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Photos (${formatCount(total)})</h2>
        <results-toolbar .view=${shown.current} .shown=${shown.length} .total=${total} .counts=${counts} .bands=${scored ? bands : null} transfer ?busy=${this.importing} .message=${transfer.message} .saveSource=${this.services.save} @results-view-change=${this.onViewChange} @export-requested=${this.onExport} @import-file-selected=${this.onImport}></results-toolbar>
        <review-mode .source=${shown} .revision=${store.revision} .controller=${this.controller}></review-mode>
        ${total === 0
          ? html`<p class="empty">No photos yet. Added photos and their alt-text are kept in this browser until you delete them.</p>`
          : shown.length === 0
          ? html`<p class="empty" data-role="no-match">No photos match these filters.</p>`
          : html`<card-list .ids=${shown.ids} .source=${store} .streams=${streams} @card-action=${this.onCardAction} @edit-text=${this.onEdit}></card-list>`}
      </section>
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

  private readonly onModelsChanged = (): void => void this.services.library.refresh();

  private announce(message: string): void {
    // Before the first render the region does not exist yet; the message waits for it.
    void this.updateComplete.then(() => this.renderRoot.querySelector('live-announcer')?.announce(message));
  }

  private onBatchAction = (event: Event): void => {
    const { batch } = this.services;
    const verbs: Record<BatchAction, () => void> = { pause: () => batch.pause(), resume: () => batch.resume(), 'cancel-waiting': () => batch.cancelWaiting(), 'retry-failed': () => batch.retryFailed(), 'use-faster-model': () => batch.useFasterModel() };
    verbs[(event as CustomEvent<{ action: BatchAction }>).detail.action]();
  };

  private onViewChange = (event: ResultsViewChangeEvent): void => {
    const { shown, store } = this.controller;
    shown.setView(event.detail);
    this.requestUpdate();
    this.announce(`${showingText(shown.length, store.size)}.`);
  };

  private onExport = (event: ExportRequestedEvent): void => {
    const { shown, store } = this.controller;
    const records = (event.detail.scope === 'shown' ? shown.cards() : store.list()).map((c) => c.record);
    this.announce(this.services.transfer.export(records, event.detail.format));
  };

  private onImport = async (event: ImportFileSelectedEvent): Promise<void> => {
    this.importing = true;
    const summary = await this.services.transfer.importFile(event.detail.file);
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

/** While photos are being captioned (here or in another tab) the progress stays in sight; a finished batch scrolls away. */
function batchActive(view: BatchView | null): boolean {
  return Boolean(view?.snapshot?.active || view?.remote?.snapshot.active);
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
