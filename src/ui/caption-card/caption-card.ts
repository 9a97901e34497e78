import { html, LitElement, nothing } from 'lit';
import type { CardView } from '../../app/card-view';
import type { CardStreamSource } from '../../app/card-store';
import { NEEDS_PHOTO_MESSAGE, needsConfirmation } from '../../app/regenerate';
import { doubtBandOf } from '../../app/review-bands';
import { altTextEditorStyles } from '../alt-text-editor/alt-text-editor.styles';
import type { AltTextEditor } from '../alt-text-editor/alt-text-editor';
import '../alt-text-editor/alt-text-editor';
import { bandIdOf } from '../review-doubt/review-doubt';
import { reviewDoubtStyles } from '../review-doubt/review-doubt.styles';
import '../review-doubt/review-doubt';
import { emit, type CardAction, type CardActionExtra } from '../shared/events';
import { sharedStyles } from '../shared/shared-styles';
import { BlobUrl } from '../shared/blob-url';
import { copyControlStyles, followCopyFormat, renderCopyControl } from '../shared/copy-as-control';
import { captionCardStyles } from './caption-card.styles';
import { earlierVersionsStyles, renderEarlierVersions, renderReplaceConfirmation } from './earlier-versions';
import { failureMessageStyles, isPermanentlyFailed, renderFailureMessage } from './failure-message';

/** What a card asks the app to do; the app owns the data (the types live with the event map). */
export type { CardAction, CardActionExtra };

export const STATUS_TEXT = { queued: 'Waiting for the model…', running: 'Describing…', done: 'Done', failed: 'Could not caption', cancelled: 'Cancelled', skipped: 'Skipped' } as const;
const REGENERATING_TEXT = 'Describing again: the first text repeated itself…';

/**
 * One photo and its alt-text. Streams the caption while it is written, then offers an
 * editable field, Copy (as text, HTML or Markdown), Mark as reviewed and Delete. The "AI-generated, not reviewed" label
 * stays until the person edits or approves the text: readers deserve to know.
 */
export class CaptionCard extends LitElement {
  static override styles = [sharedStyles, captionCardStyles, failureMessageStyles, altTextEditorStyles, reviewDoubtStyles, earlierVersionsStyles, copyControlStyles];
  static override properties = { card: { attribute: false }, streams: { attribute: false }, streamed: { state: true }, confirmation: { state: true }, replacing: { state: true } };

  declare card: CardView;
  /** Where the caption's words arrive while the model writes them (CardStreams); only this card re-renders per word. */
  declare streams: CardStreamSource | undefined;
  declare private streamed: string;
  private following: { id: string; streams: CardStreamSource; stop: () => void } | null = null;
  private unfollowCopyFormat: (() => void) | null = null;
  declare private confirmation: string;
  /** Regenerate was asked for on a person's text: the replace question is showing. */
  declare private replacing: boolean;

  constructor() {
    super();
    this.confirmation = '';
    this.replacing = false;
  }
  private readonly thumb = new BlobUrl();

  override connectedCallback(): void {
    super.connectedCallback();
    this.unfollowCopyFormat ??= followCopyFormat(this);
    // Moved back into the page: follow the stream again (willUpdate subscribes).
    if (this.hasUpdated && !this.following) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.thumb.release();
    this.unfollowCopyFormat?.();
    this.unfollowCopyFormat = null;
    this.following?.stop();
    this.following = null;
  }

  protected override willUpdate(): void {
    const id = this.card?.record.id;
    const { streams } = this;
    if (this.following?.id === id && this.following.streams === streams) return;
    this.following?.stop();
    this.following = id && streams ? { id, streams, stop: streams.watch(id, (text) => (this.streamed = text)) } : null;
    this.streamed = id && streams ? streams.text(id) : '';
  }

  override render() {
    const { record } = this.card;
    const streaming = this.streamed;
    const titleId = `title-${record.id}`;
    const busy = record.status === 'queued' || record.status === 'running';
    const hasText = record.status === 'done' || record.text.length > 0;
    // Only a result waiting for a decision shows why it may be wrong; the field is described by its band too.
    const inDoubt = doubtBandOf(record) !== undefined;
    // Retrying an empty file or an SVG fails the same way again: such a card offers Remove instead.
    const permanent = isPermanentlyFailed(record);
    const failure = renderFailureMessage(record);
    return html`
      <article aria-labelledby=${titleId} aria-busy=${busy ? 'true' : 'false'} data-status=${record.status}>
        ${this.renderThumb()}
        <div>
          <h3 id=${titleId}>${record.fileName}</h3>
          ${record.relativePath ? html`<p class="meta" data-role="path">${record.relativePath}</p>` : nothing}
          ${record.context ? html`<p class="meta" data-role="context">Context: ${record.context}</p>` : nothing}
          <p class="status ${record.status === 'failed' ? 'failed' : ''}" data-role="status">
            ${record.status === 'running' && this.card.regenerating ? REGENERATING_TEXT : STATUS_TEXT[record.status]}${record.error ? html`: ${failure.message}` : nothing}
          </p>
          ${failure.advice}
          ${record.status === 'running' ? html`<p class="streaming" data-role="streaming" aria-hidden="true">${streaming}</p>` : nothing}
          ${hasText ? html`<alt-text-editor badge .record=${record} .describedBy=${inDoubt ? `${titleId} ${bandIdOf(record.id)}` : titleId}></alt-text-editor>` : nothing}
          ${inDoubt ? html`<review-doubt .record=${record}></review-doubt>` : nothing}
          <div class="actions">
            ${hasText ? renderCopyControl(() => this.act('copy')) : nothing}
            ${hasText && record.review !== 'approved' ? html`<button type="button" @click=${() => this.act('approve')}>Mark as reviewed</button>` : nothing}
            ${busy ? html`<button type="button" @click=${() => this.act('cancel')}>Cancel</button>` : nothing}
            ${!busy && record.status !== 'done' && this.card.canRetry && !permanent ? html`<button type="button" @click=${() => this.act('retry')}>Retry</button>` : nothing}
            ${record.status === 'done' ? html`<button type="button" data-role="regenerate" @click=${this.askRegenerate}>Regenerate</button>` : nothing}
            <button type="button" aria-label="${permanent ? 'Remove' : 'Delete'} ${record.fileName}" @click=${() => this.act('delete')}>${permanent ? 'Remove' : 'Delete'}</button>
            <span class="confirm" role="status" data-role="confirmation">${this.confirmation}</span>
          </div>
          ${this.replacing ? renderReplaceConfirmation(this.editor?.edited ? 'edited' : record.review, `card-${record.id}`, () => this.regenerate(), () => this.keepText()) : nothing}
          ${renderEarlierVersions(record, (version) => this.act('use-version', { version }), `card-${record.id}`)}
          ${record.device ? html`<p class="meta">${record.width && record.height ? html`<span data-role="dimensions">${record.width}×${record.height} px</span> · ` : nothing}<span data-role="runtime">${record.device === 'browser' ? 'the browser' : `${record.device.toUpperCase()} · ${record.dtype}`}${record.durationMs !== undefined ? ` · ${(record.durationMs / 1000).toFixed(1)} s` : ''}</span></p>` : nothing}
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

  private renderThumb() {
    const { record, original } = this.card;
    // A photo the worker refused (damaged, 400 megapixels, a format the browser cannot read) is
    // not handed to an <img> either: the page would decode what the worker would not.
    const refused = record.status === 'failed' || record.status === 'skipped';
    const src = this.thumb.of(record.thumbnail ?? (refused ? undefined : original));
    // The thumbnail repeats what the alt-text field says, so it is decorative here.
    return src ? html`<img class="thumb" src=${src} alt="" />` : html`<div class="thumb placeholder" aria-hidden="true">No preview</div>`;
  }

  /** After "Use this one" the button is gone with the doubt panel: focus goes to the new text. */
  async focusText(): Promise<void> {
    await this.updateComplete;
    this.editor?.focus();
  }

  /** Unsaved typing lives in the editor; Copy and Regenerate take it from there. */
  private get editor(): AltTextEditor | null {
    return this.renderRoot.querySelector('alt-text-editor');
  }

  private act(action: CardAction, extra: CardActionExtra = {}): void {
    if (action === 'copy') this.editor?.flush();
    const text = this.editor?.value ?? this.card.record.text;
    emit(this, 'card-action', { id: this.card.record.id, action, text, ...extra });
  }

  /** Never replaces a person's text unasked; without the original there is nothing to describe. */
  private askRegenerate = async (): Promise<void> => {
    if (!this.card.canRetry) return this.confirm(NEEDS_PHOTO_MESSAGE);
    if (!this.editor?.edited && !needsConfirmation(this.card.record)) return this.act('regenerate', { confirmed: false });
    this.replacing = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-role=replace]')?.focus();
  };

  /** Unsaved typing travels with the request: the app saves it first, so the history keeps it. */
  private regenerate(): void {
    this.replacing = false;
    this.act('regenerate', { confirmed: true });
    this.editor?.discard();
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
