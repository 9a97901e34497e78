import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { FLAG_DESCRIPTIONS } from '../../alttext';
import type { CaptionRecord, CaptionReview } from '../../app/card-view';
import { nativeName } from '../../models/languages';
import { emit } from '../shared/events';

/** Severity in words, so it never rests on colour alone. */
export const REVIEW_BADGE = { unreviewed: 'AI-generated, not reviewed', edited: 'Edited by you', approved: 'Reviewed', imported: 'Imported' } as const;
const SEVERITY_TEXT = { warning: 'Warning', info: 'Note' } as const;
/** Above the flags: once a person has edited or approved, the flags are about their text and their decision. */
const FLAGS_INTRO = { unreviewed: 'Check before using:', edited: 'Checks on your text:', approved: 'Reviewed by you, with these notes:', imported: 'Checks on the imported text:' } as const;
/** Typing is saved once the person pauses, not on every key. */
const SAVE_PAUSE_MS = 400;

/** Who wrote the text and whether a person has looked at it; readers deserve to know. */
export function renderReviewBadge(review: CaptionReview) {
  return html`<span class="badge ${review === 'unreviewed' ? '' : 'reviewed'}" data-role="review">${REVIEW_BADGE[review]}</span>`;
}

/** The language of a text that is not English, named in itself and marked so screen readers switch voice. */
export function renderLanguageBadge(language: string | undefined) {
  return language ? html`<span class="badge language" data-role="language" lang=${language}>${nativeName(language)}</span>` : nothing;
}

/**
 * The "Alt-text" field of one record, as the caption card and the review mode both show it:
 * the person's typing is kept as a draft and sent as `edit-text` after a pause or on blur; the
 * finishing rules' flags under it describe the field.
 *
 * It renders into the light DOM, inside its host's shadow root: the field is described by the
 * host's heading (aria-describedby cannot reach across shadow roots), and the host's styles
 * (with `altTextEditorStyles`) apply to it.
 */
export class AltTextEditor extends LitElement {
  static override properties = { record: { attribute: false }, describedBy: { attribute: false }, badge: { type: Boolean }, draft: { state: true } };

  declare record: CaptionRecord;
  /** Ids, in the host's shadow root, of what names the photo; read together with the field. */
  declare describedBy: string;
  /** Show who wrote the text under the field (the review mode shows it in its status line). */
  declare badge: boolean;
  /** The person's typing not yet back from the app as the record's text; keeps the field stable while saves are in flight. */
  declare private draft: string | null;

  private saveTimer = 0;
  /** The typing already sent, so a blur right after a save does not send it again. */
  private sent: string | null = null;

  constructor() {
    super();
    this.describedBy = '';
    this.badge = false;
    this.draft = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** What the field shows: the typing, or the saved text. */
  get value(): string {
    return this.draft ?? this.record.text;
  }

  /** The person typed something that is not the saved text yet. */
  get edited(): boolean {
    return this.draft !== null;
  }

  override focus(options?: FocusOptions): void {
    this.querySelector('textarea')?.focus(options);
  }

  /** Sends the typing to be saved now, unless it was sent already. */
  flush(): void {
    window.clearTimeout(this.saveTimer);
    if (this.draft === null || this.draft === this.sent) return;
    this.sent = this.draft;
    emit(this, 'edit-text', { id: this.record.id, text: this.draft });
  }

  /** Forgets the typing: a request that carries the text along (regenerate) already took it. */
  discard(): void {
    window.clearTimeout(this.saveTimer);
    this.draft = null;
    this.sent = null;
  }

  override render() {
    const { record } = this;
    const fieldId = `alt-${record.id}`;
    const checksId = `checks-${record.id}`;
    const checks = renderChecks(record, checksId);
    const describedBy = checks === nothing ? this.describedBy : `${this.describedBy} ${checksId}`.trim();
    return html`
      <label for=${fieldId}>Alt-text</label>
      <textarea id=${fieldId} lang=${ifDefined(record.language)} aria-describedby=${describedBy} .value=${live(this.value)} @input=${this.typed} @blur=${this.flush}></textarea>
      ${this.badge ? renderReviewBadge(record.review) : nothing} ${renderLanguageBadge(record.language)} ${checks}
    `;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('record') as CaptionRecord | undefined;
    if (previous && previous.id !== this.record.id) {
      // Reused for another photo: the typing belongs to the one before.
      if (this.draft !== null && this.draft !== this.sent) emit(this, 'edit-text', { id: previous.id, text: this.draft });
      this.discard();
    }
    // Once the saved text matches what was typed, the record is the source of truth again.
    if (this.draft !== null && this.draft === this.record.text) this.discard();
  }

  private typed(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.sent = null;
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.flush(), SAVE_PAUSE_MS);
  }
}

/** The finishing rules' flags and the retry note, which also describe the alt-text field. */
function renderChecks(record: CaptionRecord, checksId: string) {
  const { flags = [], regenerated, review } = record;
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

customElements.define('alt-text-editor', AltTextEditor);

declare global {
  interface HTMLElementTagNameMap {
    'alt-text-editor': AltTextEditor;
  }
}
