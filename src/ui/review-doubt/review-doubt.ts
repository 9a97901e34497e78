import { html, LitElement, nothing } from 'lit';
import type { CaptionRecord } from '../../app/card-view';
import type { ReviewBand } from '../../models/review-signals';
import { BAND_LABELS } from '../../review/priority';
import { emit } from '../shared/events';
import { doubtViewOf, type DoubtView } from './doubt-parts';

/** A shape per band, so the badge differs in more than its colour (the label carries the meaning). */
const BAND_ICON: Readonly<Record<ReviewBand, string>> = { 'needs-review': '▲', check: '◆', fine: '●' };

/** The id of a record's band badge, for hosts that describe the alt-text field with it. */
export const bandIdOf = (recordId: string): string => `band-${recordId}`;

/**
 * Why a finished model text may be wrong, as the caption card and the review mode both show it:
 * its band, the reasons, the words the model was unsure of, and what a second model said (with
 * "Use this one"). Shown only while the result waits for a decision; a reviewed result keeps its
 * priority for the export and shows none of this.
 *
 * Like the alt-text editor, it renders into its host's shadow root (the host adopts
 * `reviewDoubtStyles`), so the host's field can be described by the badge.
 */
export class ReviewDoubt extends LitElement {
  static override properties = { record: { attribute: false }, keyshortcut: { attribute: false } };

  declare record: CaptionRecord;
  /** The key that does what "Use this one" does, where there is one (the review mode's U). */
  declare keyshortcut: string;

  constructor() {
    super();
    this.keyshortcut = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    const view = this.record ? doubtViewOf(this.record) : null;
    if (!view) return nothing;
    const { id } = this.record;
    return html`
      <div class="doubt" data-role="doubt" data-band=${view.band}>
        <p class="band ${view.band}" id=${bandIdOf(id)} data-role="band"><span class="band-icon" aria-hidden="true">${BAND_ICON[view.band]}</span> ${BAND_LABELS[view.band]}</p>
        ${view.reasons.length ? html`<ul class="reasons" data-role="reasons">${view.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
        ${this.renderUnsure(view)} ${this.renderSecond(view, id)}
      </div>
    `;
  }

  /** A read-only copy of the text (a textarea cannot mark words); each mark also says "unsure" to a screen reader. */
  private renderUnsure({ pieces }: DoubtView) {
    if (pieces.length === 0) return nothing;
    return html`<p class="unsure-text" data-role="unsure-text">
      <span class="unsure-intro">Words the model was unsure of are underlined:</span>
      ${pieces.map((piece) => (piece.unsure ? html`<mark data-role="unsure-word">${piece.text}<span class="visually-hidden"> (unsure)</span></mark>` : piece.text))}
    </p>`;
  }

  private renderSecond({ second }: DoubtView, id: string) {
    if (!second) return nothing;
    const saidId = `second-${id}`;
    return html`<div class="second-opinion" data-role="second-opinion">
      <p id=${saidId} data-role="second-text">A second model (${second.model}) said: “${second.text}”</p>
      <button type="button" data-role="use-second" aria-describedby=${saidId} aria-keyshortcuts=${this.keyshortcut || nothing} @click=${this.useSecond}>Use this one</button>
    </div>`;
  }

  private useSecond = (): void => {
    emit(this, 'card-action', { id: this.record.id, action: 'use-second-opinion', text: this.record.text });
  };
}

customElements.define('review-doubt', ReviewDoubt);

declare global {
  interface HTMLElementTagNameMap {
    'review-doubt': ReviewDoubt;
  }
}
