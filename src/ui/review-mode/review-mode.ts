import { html, LitElement, nothing } from 'lit';
import type { AltscribeController } from '../../app/altscribe-controller';
import type { CardView } from '../../app/card-view';
import { NEEDS_PHOTO_MESSAGE, needsConfirmation } from '../../app/regenerate';
import type { AltTextEditor } from '../alt-text-editor/alt-text-editor';
import { altTextEditorStyles } from '../alt-text-editor/alt-text-editor.styles';
import { earlierVersionsStyles } from '../caption-card/earlier-versions';
import { doubtViewOf } from '../review-doubt/doubt-parts';
import '../review-doubt/review-doubt';
import { reviewDoubtStyles } from '../review-doubt/review-doubt.styles';
import type { AltscribeEvent } from '../shared/events';
import { sharedStyles } from '../shared/shared-styles';
import { BlobUrl } from '../shared/blob-url';
import { copyControlStyles, copyAltText, followCopyFormat } from '../shared/copy-as-control';
import { renderKeyLegend } from './review-parts';
import { renderReviewPhoto } from './review-photo';
import { nextToReview, positionText, reviewKeyAction, type ReviewKeyAction } from './review-keys';
import { reviewModeStyles } from './review-mode.styles';

/** The verbs the review mode calls; the controller owns the data. */
export type ReviewVerbs = Pick<AltscribeController, 'approve' | 'editText' | 'regenerate' | 'useVersion' | 'useSecondOpinion'>;

/**
 * "Review one by one": a modal dialog showing one photo large with its alt-text, for going
 * through hundreds of results from the keyboard. Single-letter keys act only when focus is not
 * in the text field; every key also has a button. Escape closes and returns focus to the
 * button that opened it. The rest of the page is inert while it is open, so the dialog has its
 * own polite live region for positions and results.
 */
/** What review mode walks through; the cards are built only while it is open. */
export interface ReviewSource {
  readonly length: number;
  cards(): readonly CardView[];
}

const NO_CARDS: ReviewSource = { length: 0, cards: () => [] };

export class ReviewMode extends LitElement {
  static override styles = [sharedStyles, altTextEditorStyles, reviewDoubtStyles, earlierVersionsStyles, copyControlStyles, reviewModeStyles];
  static override properties = {
    source: { attribute: false },
    revision: { attribute: false },
    controller: { attribute: false },
    open: { state: true },
    currentId: { state: true },
    replacing: { state: true },
    message: { state: true },
  };

  /** The photos to go through, in the page's order (the shown cards: filters and sort apply). */
  declare source: ReviewSource;
  /** Moves whenever a card changes, so an open review shows the change. */
  declare revision: number;
  declare controller: ReviewVerbs;
  declare private open: boolean;
  declare private currentId: string | null;
  declare private replacing: boolean;
  /** Shown and announced: position after a move, results, explanations. */
  declare private message: string;

  /** The photos while open; closed, a 10,000-card list is not built on every change. */
  private get cards(): readonly CardView[] {
    return this.open ? this.source.cards() : [];
  }

  /** The last save of the person's typing; moving on waits for it. */
  private saving: Promise<void> = Promise.resolve();
  private readonly thumbnail = new BlobUrl();
  /** The status the current photo had at the last render, to announce a finished regenerate. */
  private lastStatus: { id: string; status: string } | null = null;
  /** Where the current photo was, so a deleted one is followed by its neighbour. */
  private lastIndex = 0;
  private unfollowCopyFormat: (() => void) | null = null;

  constructor() {
    super();
    this.source = NO_CARDS;
    this.revision = 0;
    this.open = false;
    this.currentId = null;
    this.replacing = false;
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unfollowCopyFormat ??= followCopyFormat(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.thumbnail.release();
    this.unfollowCopyFormat?.();
    this.unfollowCopyFormat = null;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** The current photo's text field; it holds the person's unsaved typing. */
  private get editor(): AltTextEditor | null {
    return this.renderRoot.querySelector('alt-text-editor');
  }

  private get index(): number {
    return this.cards.findIndex((c) => c.record.id === this.currentId);
  }

  private get current(): CardView | undefined {
    return this.cards[this.index];
  }

  override render() {
    if (this.source.length === 0 && !this.open) return nothing;
    return html`
      <button type="button" class="open-review" data-role="open-review" aria-haspopup="dialog" @click=${() => void this.show()}>Review one by one</button>
      <dialog aria-labelledby="review-title" tabindex="-1" data-role="review-mode" @keydown=${this.onKeyDown} @cancel=${this.onCancel} @close=${this.onClose}>
        ${this.open ? this.renderBody() : nothing}
      </dialog>
    `;
  }

  private renderBody() {
    const card = this.current;
    return html`
      <header>
        <h2 id="review-title">Review one by one</h2>
        <p class="position" data-role="position">${card ? positionText(this.index, this.cards.length) : 'No photos'}</p>
        <button type="button" data-role="close" aria-keyshortcuts="Escape" @click=${() => this.close()}>Close</button>
      </header>
      ${card ? this.renderPhoto(card) : html`<p>No photos to review.</p>`}
      <p class="message" role="status" data-role="review-status">${this.message}</p>
      ${renderKeyLegend()}
    `;
  }

  private renderPhoto(card: CardView) {
    return renderReviewPhoto(card, {
      // The original when this session has it: the large view deserves more than a thumbnail.
      imageOf: (shown) => this.thumbnail.of(shown.original ?? shown.record.thumbnail),
      replacing: this.replacing ? (this.editor?.edited ? 'edited' : card.record.review) : null,
      save: this.save,
      onDoubtAction: this.onDoubtAction,
      run: (action) => void this.run(action),
      confirmRegenerate: () => void this.regenerate(true),
      keepText: () => void this.keepText(),
      useVersion: (index) => void this.useVersion(index),
    });
  }

  /** Opens on the first photo not reviewed yet (or the first), with focus on the dialog. */
  async show(): Promise<void> {
    const cards = this.source.cards();
    if (cards.length === 0) return;
    if (!cards.some((c) => c.record.id === this.currentId)) this.currentId = (cards[nextToReview(cards, -1)] ?? cards[0])!.record.id;
    this.open = true;
    this.replacing = false;
    this.message = '';
    await this.updateComplete;
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.focus();
    this.say(`${positionText(this.index, this.cards.length)}: ${this.current?.record.fileName ?? ''}`);
  }

  close(): void {
    if (!this.open) return;
    void this.flush();
    this.open = false;
    this.replacing = false;
    this.dialog?.close();
    this.renderRoot.querySelector<HTMLElement>('[data-role=open-review]')?.focus();
  }

  protected override willUpdate(): void {
    if (!this.current && this.open && this.cards.length > 0) this.currentId = this.cards[Math.min(this.cards.length - 1, this.lastIndex)]!.record.id;
    const card = this.current;
    this.lastIndex = Math.max(0, this.index);
    // The rest of the page is inert: a regenerate that finishes is announced from here.
    if (card && this.lastStatus?.id === card.record.id && this.lastStatus.status !== card.record.status && this.open) {
      if (card.record.status === 'done') this.say(`New alt-text for ${card.record.fileName}: ${card.record.text}`);
      if (card.record.status === 'failed') this.say(`Could not caption ${card.record.fileName}: ${card.record.error ?? ''}`);
    }
    this.lastStatus = card ? { id: card.record.id, status: card.record.status } : null;
  }

  private onKeyDown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    // A select takes letters and arrows itself (type-ahead): the Copy as menu is "typing" too.
    const typing = target?.localName === 'textarea' || target?.localName === 'input' || target?.localName === 'select';
    if (event.key === 'Escape') {
      // Handled here so the browser's own close request never fires: Escape means "back" first.
      event.preventDefault();
      if (this.replacing) return void this.keepText();
      if (typing) {
        void this.flush();
        return this.dialog?.focus();
      }
      return this.close();
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = reviewKeyAction(event.key);
    if (!action) return;
    event.preventDefault();
    void this.run(action);
  };

  /** A close request the keydown handler did not see (e.g. a platform gesture): close our way. */
  private onCancel = (event: Event): void => {
    event.preventDefault();
    this.close();
  };

  private onClose = (): void => {
    if (this.open) this.close();
  };

  private async run(action: ReviewKeyAction): Promise<void> {
    const card = this.current;
    if (!card) return;
    switch (action) {
      case 'next':
        return this.moveTo(this.index + 1);
      case 'previous':
        return this.moveTo(this.index - 1);
      case 'skip':
        return this.moveTo(nextToReview(this.cards, this.index), 'Skipped, left as it was. ');
      case 'edit': {
        const editor = this.editor;
        if (!editor) return this.say('No alt-text to edit yet.');
        return editor.focus();
      }
      case 'approve': {
        if (!(card.record.status === 'done' || card.record.text.length > 0)) return this.say('Nothing to approve yet: this photo has no alt-text.');
        // Chosen before approving: with a "not reviewed" filter the approved photo leaves the list.
        const next = this.cards[this.index + 1];
        await this.flush();
        await this.controller.approve(card.record.id);
        if (!next) return this.say(`Approved ${card.record.fileName}. That was the last photo.`);
        return this.moveTo(next, `Approved ${card.record.fileName}. `);
      }
      case 'regenerate':
        return this.regenerate(false);
      case 'use-second':
        return this.useSecondOpinion(card);
      case 'copy': {
        const editor = this.editor;
        if (!editor) return this.say('Nothing to copy yet: this photo has no alt-text.');
        // What the field shows, typing included, as on a card.
        editor.flush();
        return this.say(await copyAltText(editor.value, card.record.fileName));
      }
    }
  }

  /** "Use this one" on the doubt panel: handled here, like every verb of the review mode. */
  private onDoubtAction = (event: AltscribeEvent<'card-action'>): void => {
    event.stopPropagation();
    const card = this.current;
    if (card && event.detail.action === 'use-second-opinion' && event.detail.id === card.record.id) void this.useSecondOpinion(card);
  };

  /** The second model's text becomes the result, approved; like Approve, the review goes on to the next photo. */
  private async useSecondOpinion(card: CardView): Promise<void> {
    if (!doubtViewOf(card.record)?.second) return this.say('No second opinion to use for this photo.');
    const next = this.cards[this.index + 1];
    await this.flush();
    this.editor?.discard();
    await this.controller.useSecondOpinion(card.record.id);
    const lead = `Used the second model's text for ${card.record.fileName}; the first text is in the history. `;
    if (!next) {
      this.dialog?.focus();
      return this.say(`${lead}That was the last photo.`);
    }
    await this.moveTo(next, lead);
    this.dialog?.focus();
  }

  /** Moves by position or to a card; the target is fixed first, as saving may change a filtered list. */
  private async moveTo(target: number | CardView, lead = ''): Promise<void> {
    if (target === -1) return this.say(`${lead}This is the first photo.`);
    const card = typeof target === 'number' ? this.cards[target] : target;
    if (!card) return this.say(`${lead}This is the last photo.`);
    await this.flush();
    this.replacing = false;
    this.editor?.discard();
    this.currentId = card.record.id;
    this.say(`${lead}${positionText(Math.max(0, this.index), this.cards.length)}: ${card.record.fileName}`);
  }

  private async regenerate(confirmed: boolean): Promise<void> {
    const card = this.current;
    if (!card) return;
    if (!card.canRetry) return this.say(NEEDS_PHOTO_MESSAGE);
    if (!confirmed && (this.editor?.edited || needsConfirmation(card.record))) {
      this.replacing = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-role=replace]')?.focus();
      return;
    }
    // Unsaved typing is saved first, so the history keeps it.
    await this.flush();
    this.replacing = false;
    this.editor?.discard();
    const result = await this.controller.regenerate(card.record.id, { confirmed });
    if (confirmed) this.dialog?.focus();
    if (result === 'started') this.say(`Describing ${card.record.fileName} again…`);
    else if (result === 'needs-photo') this.say(NEEDS_PHOTO_MESSAGE);
    else if (result === 'busy') this.say(`${card.record.fileName} is being described already.`);
  }

  private async keepText(): Promise<void> {
    this.replacing = false;
    await this.updateComplete;
    this.dialog?.focus();
  }

  private async useVersion(index: number): Promise<void> {
    const card = this.current;
    if (!card) return;
    await this.flush();
    this.editor?.discard();
    if (await this.controller.useVersion(card.record.id, index)) this.say('Earlier version restored; the replaced text is in the history.');
  }

  /** The review mode saves through the controller itself, so it can wait for the save before moving on. */
  private save = (event: AltscribeEvent<'edit-text'>): void => {
    event.stopPropagation();
    this.saving = this.controller.editText(event.detail.id, event.detail.text);
  };

  /** Sends any unsaved typing and waits until it is saved. */
  private async flush(): Promise<void> {
    this.editor?.flush();
    await this.saving;
  }

  private say(message: string): void {
    // Identical text is not re-announced; clear first so a repeat is heard too.
    this.message = '';
    void this.updateComplete.then(() => (this.message = message));
  }
}

customElements.define('review-mode', ReviewMode);

declare global {
  interface HTMLElementTagNameMap {
    'review-mode': ReviewMode;
  }
}
