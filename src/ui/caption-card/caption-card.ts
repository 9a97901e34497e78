import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { FLAG_DESCRIPTIONS } from '../../alttext';
import type { CardView } from '../../app/altscribe-controller';
import { NEEDS_PHOTO_MESSAGE, needsConfirmation } from '../../app/regenerate';
import { sharedStyles } from '../shared/shared-styles';
import { BlobUrl } from '../shared/blob-url';
import { captionCardStyles } from './caption-card.styles';
import { earlierVersionsStyles, renderEarlierVersions, renderReplaceConfirmation } from './earlier-versions';

/** What a card asks the app to do; the app owns the data. */
export type CardAction = 'copy' | 'approve' | 'delete' | 'cancel' | 'retry' | 'regenerate' | 'use-version';
/** With 'regenerate': whether the person agreed to replace their text. With 'use-version': which history entry. */
export interface CardActionExtra {
  confirmed?: boolean;
  version?: number;
}

export const STATUS_TEXT = { queued: 'Waiting for the model…', running: 'Describing…', done: 'Done', failed: 'Could not caption', cancelled: 'Cancelled', skipped: 'Skipped' } as const;
const REGENERATING_TEXT = 'Describing again: the first text repeated itself…';
/** Severity in words, so it never rests on colour alone. */
export const REVIEW_BADGE = { unreviewed: 'AI-generated, not reviewed', edited: 'Edited by you', approved: 'Reviewed', imported: 'Imported' } as const;
const SEVERITY_TEXT = { warning: 'Warning', info: 'Note' } as const;
/** Above the flags: once a person has edited or approved, the flags are about their text and their decision. */
const FLAGS_INTRO = { unreviewed: 'Check before using:', edited: 'Checks on your text:', approved: 'Reviewed by you, with these notes:', imported: 'Checks on the imported text:' } as const;

/**
 * One photo and its alt-text. Streams the caption while it is written, then offers an
 * editable field, Copy, Mark as reviewed and Delete. The "AI-generated, not reviewed" label
 * stays until the person edits or approves the text: readers deserve to know.
 */
export class CaptionCard extends LitElement {
  static override styles = [sharedStyles, captionCardStyles, earlierVersionsStyles];
  static override properties = { card: { attribute: false }, draft: { state: true }, confirmation: { state: true }, replacing: { state: true } };

  declare card: CardView;
  /** The person's unsaved typing; keeps the field stable while saves are in flight. */
  declare private draft: string | null;
  declare private confirmation: string;
  /** Regenerate was asked for on a person's text: the replace question is showing. */
  declare private replacing: boolean;

  constructor() {
    super();
    this.draft = null;
    this.confirmation = '';
    this.replacing = false;
  }
  private readonly thumb = new BlobUrl();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.thumb.release();
  }

  override render() {
    const { record, streaming } = this.card;
    const titleId = `title-${record.id}`;
    const busy = record.status === 'queued' || record.status === 'running';
    const hasText = record.status === 'done' || record.text.length > 0;
    return html`
      <article aria-labelledby=${titleId} aria-busy=${busy ? 'true' : 'false'} data-status=${record.status}>
        ${this.renderThumb()}
        <div>
          <h3 id=${titleId}>${record.fileName}</h3>
          ${record.relativePath ? html`<p class="meta" data-role="path">${record.relativePath}</p>` : nothing}
          <p class="status ${record.status === 'failed' ? 'failed' : ''}" data-role="status">
            ${record.status === 'running' && this.card.regenerating ? REGENERATING_TEXT : STATUS_TEXT[record.status]}${record.error ? html`: <span data-role="error">${record.error}</span>` : nothing}
          </p>
          ${record.status === 'running' ? html`<p class="streaming" data-role="streaming" aria-hidden="true">${streaming}</p>` : nothing}
          ${hasText ? this.renderEditor(titleId) : nothing}
          <div class="actions">
            ${hasText ? html`<button type="button" @click=${() => this.act('copy')}>Copy</button>` : nothing}
            ${hasText && record.review !== 'approved' ? html`<button type="button" @click=${() => this.act('approve')}>Mark as reviewed</button>` : nothing}
            ${busy ? html`<button type="button" @click=${() => this.act('cancel')}>Cancel</button>` : nothing}
            ${!busy && record.status !== 'done' && this.card.canRetry ? html`<button type="button" @click=${() => this.act('retry')}>Retry</button>` : nothing}
            ${record.status === 'done' ? html`<button type="button" data-role="regenerate" @click=${this.askRegenerate}>Regenerate</button>` : nothing}
            <button type="button" aria-label="Delete ${record.fileName}" @click=${() => this.act('delete')}>Delete</button>
            <span class="confirm" role="status" data-role="confirmation">${this.confirmation}</span>
          </div>
          ${this.replacing ? renderReplaceConfirmation(this.draft !== null ? 'edited' : record.review, `card-${record.id}`, () => this.regenerate(), () => this.keepText()) : nothing}
          ${renderEarlierVersions(record, (version) => this.act('use-version', { version }), `card-${record.id}`)}
          ${record.device ? html`<p class="meta">${record.width && record.height ? html`<span data-role="dimensions">${record.width}×${record.height} px</span> · ` : nothing}<span data-role="runtime">${record.device.toUpperCase()} · ${record.dtype}${record.durationMs !== undefined ? ` · ${(record.durationMs / 1000).toFixed(1)} s` : ''}</span></p>` : nothing}
        </div>
      </article>
    `;
  }

  /** The app reports back whether the copy worked; the message is both visible and announced. */
  confirm(message: string): void {
    this.confirmation = message;
    window.setTimeout(() => {
      if (this.confirmation === message) this.confirmation = '';
    }, 4000);
  }

  private renderEditor(titleId: string) {
    const { record } = this.card;
    const fieldId = `alt-${record.id}`;
    const checksId = `checks-${record.id}`;
    const checks = this.renderChecks(checksId);
    const text = this.draft ?? record.text;
    const badge =
      record.review === 'unreviewed'
        ? html`<span class="badge" data-role="review">AI-generated, not reviewed</span>`
        : html`<span class="badge reviewed" data-role="review">${REVIEW_BADGE[record.review]}</span>`;
    return html`
      <label for=${fieldId}>Alt-text</label>
      <textarea id=${fieldId} aria-describedby=${checks === nothing ? titleId : `${titleId} ${checksId}`} .value=${live(text)} @input=${this.typed} @blur=${this.flush}></textarea>
      ${badge} ${checks}
    `;
  }

  /** The finishing rules' flags and the retry note, which also describe the alt-text field. */
  private renderChecks(checksId: string) {
    const { flags = [], regenerated, review } = this.card.record;
    if (flags.length === 0 && !regenerated) return nothing;
    return html`
      <div class="checks ${review === 'approved' ? 'reviewed' : ''}" id=${checksId} data-role="checks">
        ${regenerated ? html`<p class="regenerated" data-role="regenerated">Regenerated once to remove repetition.</p>` : nothing}
        ${flags.length > 0
          ? html`<p class="flags-intro" data-role="flags-intro">${FLAGS_INTRO[review]}</p>
              <ul class="flags" data-role="flags">
                ${flags.map((flag) => {
                  const { severity, message } = FLAG_DESCRIPTIONS[flag];
                  return html`<li class=${severity} data-flag=${flag} data-severity=${severity}><strong>${SEVERITY_TEXT[severity]}:</strong> ${message}</li>`;
                })}
              </ul>`
          : nothing}
      </div>
    `;
  }

  private renderThumb() {
    const { record, original } = this.card;
    // A photo the worker refused (damaged, 400 megapixels, a format the browser cannot read) is
    // not handed to an <img> either: the page would decode what the worker would not.
    const refused = record.status === 'failed' || record.status === 'skipped';
    const src = this.thumb.of(record.thumbnail ?? (refused ? undefined : original));
    // The thumbnail repeats what the alt-text field says, so it is decorative here.
    return src ? html`<img class="thumb" src=${src} alt="" />` : html`<div class="thumb placeholder" aria-hidden="true">No preview</div>`;
  }

  private saveTimer = 0;

  private typed(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.flush(), 400);
  }

  private flush(): void {
    window.clearTimeout(this.saveTimer);
    if (this.draft === null) return;
    this.dispatchEvent(new CustomEvent('edit-text', { detail: { id: this.card.record.id, text: this.draft }, bubbles: true, composed: true }));
  }

  protected override willUpdate(): void {
    // Once the saved text matches what was typed, the record is the source of truth again.
    if (this.draft !== null && this.draft === this.card.record.text) this.draft = null;
  }

  private act(action: CardAction, extra: CardActionExtra = {}): void {
    if (action === 'copy') this.flush();
    const text = this.draft ?? this.card.record.text;
    this.dispatchEvent(new CustomEvent('card-action', { detail: { id: this.card.record.id, action, text, ...extra }, bubbles: true, composed: true }));
  }

  /** Never replaces a person's text unasked; without the original there is nothing to describe. */
  private askRegenerate = async (): Promise<void> => {
    if (!this.card.canRetry) return this.confirm(NEEDS_PHOTO_MESSAGE);
    if (this.draft === null && !needsConfirmation(this.card.record)) return this.act('regenerate', { confirmed: false });
    this.replacing = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-role=replace]')?.focus();
  };

  /** Unsaved typing travels with the request: the app saves it first, so the history keeps it. */
  private regenerate(): void {
    window.clearTimeout(this.saveTimer);
    this.replacing = false;
    this.act('regenerate', { confirmed: true });
    this.draft = null;
  }

  private async keepText(): Promise<void> {
    this.replacing = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-role=regenerate]')?.focus();
  }
}

customElements.define('caption-card', CaptionCard);

declare global {
  interface HTMLElementTagNameMap {
    'caption-card': CaptionCard;
  }
}
