import { flagAltText } from '../alttext';
import type { CaptionClient } from '../client/caption-client';
import { findModel, type ModelEntry } from '../models/registry';
import { StoredElsewhere } from './stored-elsewhere';
import { adoptedRecord, type CardView } from './card-view';
import { CardStore, CardStreams } from './card-store';
import { ShownCards, statusCounter } from './result-filters';
import { batchCounter } from './batch-controls';
import { deleteResult, getMeta, listResults, putResult, setMeta, type CaptionRecord } from '../storage';
import { Intake, type IntakeItem, type IntakeStep, type KnownItem, type PlannedStep } from '../intake';
import { SerialQueue } from './caption-queue';
import type { DownloadGate } from '../model-manager/download-gate';
import { ModelSession, type ModelView } from '../model-manager/model-session';
import { regenerateText, useEarlierVersion, type RegenerateOptions, type RegenerateResult, type TextHost } from './regenerate';
import { CardWrites } from './card-writes';
import { IntakeApplier } from './intake-apply';
import { resolveSettings, type Settings } from '../models/settings';
import { reviewInputsOf, ReviewScorer } from './review-scorer';
import { bandCounter } from './review-bands';
import { SecondOpinions, swapped, type SecondOpinionClient } from './second-opinion';
import { CaptionRunner } from './caption-runner';
import { nextTask } from '../intake/when-idle';
import { planRefresh, refreshAiTexts, type RefreshPlan } from './refresh-ai-texts';

export type { ModelView } from '../model-manager/model-session';

/** The controller's 'announce' event: a sentence for the live region, and the photo it is about. */
export class Announcement extends CustomEvent<string> {
  constructor(
    message: string,
    readonly photoId?: string,
  ) {
    super('announce', { detail: message });
  }
}

const SETTINGS_KEY = 'settings';
const STORED_CARDS_PER_TASK = 250;

/**
 * The app's verbs, between the UI and the worker client and storage (which do the work). Cards
 * live in `store` (per-record changes and counts), streamed words in `streams`; this class's own
 * 'change' event is for the rest (model, problem). Every change is saved before it is shown as saved.
 */
export class AltscribeController extends EventTarget {
  readonly store = new CardStore([statusCounter, batchCounter, bandCounter]);
  readonly streams = new CardStreams();
  /** The person's filters and sort over the store: what the list, review mode and "export shown" show. */
  readonly shown = new ShownCards(this.store);
  /** A storage failure the person must know about (disk full, private mode); null when all is saved. */
  problem: string | null = null;
  readonly queue = new SerialQueue();
  /** The chosen model: consent, download, load (the app calls its verbs directly). */
  readonly session: ModelSession;
  private readonly originals = new Map<string, File>();
  /** Saved, then shown; a failed save becomes `problem` (card-writes.ts). */
  private readonly writes = new CardWrites(this.store, { current: () => this.problem, set: (problem) => this.setProblem(problem) });
  private readonly runner: CaptionRunner;
  private readonly intakeApplier: IntakeApplier;
  private readonly elsewhere: StoredElsewhere;
  /** Sniffs and hashes added files; main.ts gives it the intake worker. */
  readonly intake = new Intake();
  /** Review priority, band and reasons per result, calibrated to the person's decisions. */
  readonly reviews: ReviewScorer;
  /** The second model's pass over results in doubt; absent without a second client (tests). */
  readonly secondOpinions: SecondOpinions | null;

  constructor(
    private readonly client: Pick<CaptionClient, 'ensureModel' | 'caption'> & Partial<Pick<CaptionClient, 'abortAll'>>,
    /** Asks before a model's first download; without one (tests) models load directly. */
    downloads?: DownloadGate,
    /** Resolves ids over the built-in registry and the models the person added. */
    private readonly lookupModel: (id: string) => ModelEntry | undefined = findModel,
    options: { elsewherePollMs?: number; secondClient?: SecondOpinionClient } = {},
  ) {
    super();
    this.reviews = new ReviewScorer(this.store, (entries) => this.writes.patchAll(entries, 'the review priorities'));
    this.secondOpinions = options.secondClient
      ? new SecondOpinions(options.secondClient, {
          store: this.store,
          queue: this.queue,
          original: (id) => this.originals.get(id),
          settings: () => this.model.settings,
          lookupModel: (id) => this.lookupModel(id),
          assess: (inputs) => this.reviews.assess(inputs),
          patch: (id, p) => this.writes.patch(id, p),
          announce: (message, id) => this.announce(message, id),
        })
      : null;
    this.elsewhere = new StoredElsewhere((records) => this.showRecords(records), undefined, options.elsewherePollMs);
    this.intakeApplier = new IntakeApplier({
      store: this.store,
      originals: this.originals,
      save: (write, what) => this.writes.save(write, what),
      patchAll: (entries, what) => this.writes.patchAll(entries, what),
      enqueue: (id) => void this.queue.push(() => this.runner.captionOne(id)),
      elsewhere: this.elsewhere,
    });
    this.session = new ModelSession(client, downloads);
    this.runner = new CaptionRunner({
      client,
      downloads,
      store: this.store,
      streams: this.streams,
      originals: this.originals,
      session: this.session,
      lookupModel: (id) => this.lookupModel(id),
      reviews: this.reviews,
      secondOpinions: this.secondOpinions,
      patch: (id, p) => this.writes.patch(id, p),
      announce: (message, id) => this.announce(message, id),
    });
    this.session.addEventListener('change', () => this.changed());
    this.session.addEventListener('announce', (e) => this.announce((e as CustomEvent<string>).detail));
    this.session.addEventListener('models-changed', () => this.dispatchEvent(new Event('models-changed')));
    this.session.addEventListener('problem', (e) => this.setProblem((e as CustomEvent<string>).detail));
  }

  /** The chosen model, its download and load state. */
  get model(): ModelView {
    return this.session.view;
  }

  /** Every card, oldest first: a copy for a person's action (export, import), not for hot paths. */
  get cards(): readonly CardView[] {
    return this.store.list();
  }

  /** The photo as added in this tab, while it is still here (saving copies with alt-text reads it). */
  original = (id: string): File | undefined => this.originals.get(id);

  async init(search: string, queueOwnedElsewhere = false): Promise<void> {
    const saved = await getMeta(SETTINGS_KEY).catch(() => undefined);
    this.session.update({ settings: resolveSettings(search, saved, (id) => this.lookupModel(id) !== undefined) });
    const savedModel = typeof saved === 'object' && saved !== null && 'modelId' in saved;
    this.session.modelChosen = new URLSearchParams(search).has('model') || savedModel;
    await this.reviews.init();
    const stored = await listResults();
    // Unless another tab runs them; reopen-originals.ts may give them their photos back.
    const records = queueOwnedElsewhere ? stored : this.writes.interruptions.show(stored);
    // A chunk per task: thousands of stored cards must not make one long task, nor share one with
    // the storage answer before them or the first render after them (main.ts renders once this resolves).
    for (let start = 0; start < records.length; start += STORED_CARDS_PER_TASK) {
      await nextTask();
      this.store.add(records.slice(start, start + STORED_CARDS_PER_TASK).map((record) => ({ record, canRetry: false })));
    }
    await nextTask();
  }

  async setSettings(patch: Partial<Settings>): Promise<void> {
    this.session.update({ settings: { ...this.model.settings, ...patch } });
    const { modelId, device, secondModelId, secondScope, zoomCheck, language } = this.model.settings;
    // English is saved as 'en', not left out: absent would mean the browser's language next time.
    await setMeta(SETTINGS_KEY, { modelId, device, secondModelId: secondModelId ?? null, secondScope: secondScope ?? null, zoomCheck: zoomCheck ?? null, language: language ?? 'en' });
  }

  /** Photos and folders, sniffed and hashed (src/intake); resolves to a sentence on what became of them. */
  addFiles(files: readonly (File | IntakeItem)[]): Promise<string> {
    this.session.askAgain();
    return this.intake.add(files, { lookup: (key) => this.known(key), applyBatch: (batch) => this.applyIntakeBatch(batch) });
  }

  private known(key: string): KnownItem | undefined {
    const card = this.store.getByKey(key);
    return card && { record: card.record, hasOriginal: this.originals.has(card.record.id) };
  }

  /** Intake decisions made real, a chunk at a time (intake-apply.ts); answers with the step that really happened for each. */
  applyIntakeBatch(batch: readonly PlannedStep[]): Promise<readonly (IntakeStep | void)[]> {
    return this.intakeApplier.apply(batch);
  }

  /** Stores the interruption of cards whose photo does not come back by itself now (reopen-originals.ts). */
  storeInterrupted(ids: readonly string[]): Promise<void> {
    return this.writes.interruptions.store(ids);
  }

  retry(id: string): void {
    if (!this.originals.has(id)) return;
    this.session.askAgain();
    void this.writes.patch(id, { status: 'queued', error: undefined, text: '', modelText: undefined, flags: undefined, regenerated: undefined, ...NO_REVIEW }).then(() => this.queue.push(() => this.runner.captionOne(id)));
  }

  cancel(id: string): void {
    if (this.runner.abort(id)) return;
    if (this.store.get(id)?.record.status === 'queued') void this.writes.patch(id, { status: 'cancelled' });
  }

  /** The person's own words: from now on this text is theirs, not the model's, and the flags judge theirs. */
  async editText(id: string, text: string): Promise<void> {
    const card = this.store.get(id);
    if (!card || card.record.text === text) return;
    await this.writes.patch(id, { text, review: 'edited', flags: flagAltText(text) });
  }

  async approve(id: string): Promise<void> {
    await this.writes.patch(id, { review: 'approved' });
  }

  /** What "Re-caption AI texts nobody reviewed, with model X" would redo, and how long it would take. */
  refreshPlan(modelId: string): RefreshPlan {
    return planRefresh(this.store, modelId);
  }

  /** Redoes those texts with `modelId` (which becomes the model); see refresh-ai-texts.ts. */
  refreshAiTexts(modelId: string): Promise<{ queued: number; waiting: number }> {
    this.session.askAgain();
    return refreshAiTexts(
      { store: this.store, useModel: (id) => this.setSettings({ modelId: id }), patchAll: (entries) => this.writes.patchAll(entries, 'the texts to re-caption'), enqueue: (id) => void this.queue.push(() => this.runner.captionOne(id)) },
      modelId,
    );
  }

  /** "Use this one": the second model's text becomes the result, approved by the person; the first goes into the history. */
  async useSecondOpinion(id: string): Promise<void> {
    const record = this.store.get(id)?.record;
    const opinion = record?.secondOpinion;
    if (!record || !opinion || record.status !== 'done') return;
    const merged = swapped(record, opinion, opinion.text, {}, (modelId) => this.lookupModel(modelId)?.label);
    await this.writes.patch(id, { ...merged, ...this.reviews.assess(reviewInputsOf({ ...record, ...merged })), review: 'approved' });
  }

  /** Describes the photo again, keeping the old text in the history; see regenerate.ts. */
  regenerate(id: string, options: RegenerateOptions = {}): Promise<RegenerateResult> {
    return regenerateText(this.textHost, id, options);
  }

  useVersion(id: string, index: number): Promise<boolean> {
    return useEarlierVersion(this.textHost, id, index);
  }

  private readonly textHost: TextHost = { find: (id) => this.store.get(id), patch: (id, p) => this.writes.patch(id, p), retry: (id) => this.retry(id) };

  /** Records stored by someone else (an import, see results-transfer.ts): updated in place or added. */
  showRecords(records: readonly CaptionRecord[]): void {
    const added: CardView[] = [];
    for (const record of records) {
      this.writes.interruptions.forget(record.id); // storage holds what it shows now
      if (!this.store.update(record.id, (card) => ({ ...card, record }))) added.push({ record, canRetry: false });
    }
    this.store.add(added);
  }

  async remove(id: string): Promise<void> {
    this.runner.abort(id);
    await deleteResult(id);
    this.writes.interruptions.forget(id);
    this.originals.delete(id);
    this.streams.clear(id);
    this.store.remove(id);
  }

  /** A problem is spoken when it arises; its end only changes what the page shows. */
  private setProblem(problem: string | null): void {
    this.problem = problem;
    if (problem) this.announce(problem);
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** `photoId`: the photo a message is about, so a running batch can speak a summary for it instead. */
  private announce(message: string, photoId?: string): void {
    this.dispatchEvent(new Announcement(message, photoId));
  }

  /** A caption picked in the compare view becomes a finished card, still marked as the model's unreviewed words. */
  async adoptCaption(file: File, text: string, source: { modelId: string; durationMs: number }): Promise<void> {
    const record = adoptedRecord(file, text, source);
    await this.writes.save(() => putResult(record), `the card for ${record.fileName}`);
    this.store.add([{ record, original: file.type.startsWith('image/') ? file : undefined, canRetry: false }]);
    this.announce(`Added ${record.fileName} to your photos with the chosen alt-text: ${text}`);
  }
}

/** A result going back to the model has no priority until the model has written again. */
const NO_REVIEW = { confidence: undefined, secondOpinion: undefined, reviewPriority: undefined, reviewBand: undefined, reviewReasons: undefined } as const;

